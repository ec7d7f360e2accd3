// The pre-commit row: `keylint --staged` on a commit of 20 changed files in a large repository, in
// milliseconds, beside git's own look at the index (the floor no hook that reads the index goes below).
//   node scripts/bench-staged.mjs [FILES=20000] [CHANGED=20] [ROUNDS=5]
// The repository is generated in the temp directory: FILES source-like files in nested directories,
// committed, then CHANGED of them edited and staged, one with a generated key (which must be found).
import { execFileSync, spawnSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';

const [files = 20000, changed = 20, rounds = 5] = process.argv.slice(2).map(Number);
const root = path.resolve(import.meta.dirname, '..');
const cli = path.join(root, 'dist', 'cli.js');
const env = { ...process.env, GIT_CONFIG_GLOBAL: '/dev/null', GIT_CONFIG_NOSYSTEM: '1' };
const git = (cwd, ...args) => execFileSync('git', args, { cwd, env, stdio: ['ignore', 'pipe', 'pipe'] });

const ALNUM = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789';
const random = (n) => [...randomBytes(n)].map((b) => ALNUM[b % ALNUM.length]).join('');
// Built from parts at run time: the repository holds no key-shaped literal.
const key = () => ['gsk', random(52)].join('_');

const line = (i) =>
  `export function handler${i}(input: string): string { return input.trim() + '${random(24)}'; }\n`;
const fileText = (i, n = 60) => Array.from({ length: n }, (_, k) => line(i * n + k)).join('');
const rel = (i) => `src/pkg-${i % 100}/mod-${Math.floor(i / 100) % 50}/file-${i}.ts`;

const repo = mkdtempSync(path.join(tmpdir(), 'keylint-bench-staged-'));
try {
  git(repo, 'init', '-q', '-b', 'main');
  git(repo, 'config', 'user.email', 'bench@example.test');
  git(repo, 'config', 'user.name', 'Bench');
  for (let i = 0; i < files; i++) {
    const abs = path.join(repo, rel(i));
    mkdirSync(path.dirname(abs), { recursive: true });
    writeFileSync(abs, fileText(i));
  }
  git(repo, 'add', '-A');
  git(repo, 'commit', '-q', '-m', 'large');
  const step = Math.max(1, Math.floor(files / changed));
  for (let c = 0; c < changed; c++) {
    const i = c * step;
    const extra = c === 0 ? `const GROQ_API_KEY = "${key()}";\n` : line(files + c);
    writeFileSync(path.join(repo, rel(i)), fileText(i) + extra);
  }
  git(repo, 'add', '-A');

  const time = (cmd, args) => {
    const t = performance.now();
    const r = spawnSync(cmd, args, { cwd: repo, env, encoding: 'utf8' });
    return { ms: performance.now() - t, r };
  };
  const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
  const keylintMs = [];
  const gitMs = [];
  for (let k = 0; k < rounds; k++) {
    const run = time(process.execPath, [cli, '--staged', '--format', 'json']);
    if (run.r.status !== 1) throw new Error(`keylint --staged exited ${run.r.status}: ${run.r.stderr}`);
    const report = JSON.parse(run.r.stdout);
    if (report.scan.files !== changed || report.findings[0]?.ruleId !== 'leak/groq-api-key')
      throw new Error(`keylint --staged scanned ${report.scan.files} files and missed the staged key`);
    keylintMs.push(run.ms);
    gitMs.push(time('git', ['diff', '--cached', '--raw', '-z', '--no-renames']).ms);
  }
  const fmt = (n) => Math.round(n).toLocaleString('en-US');
  process.stdout.write(
    `pre-commit: keylint --staged, ${changed} staged files of ${fmt(files)}: ${fmt(median(keylintMs))} ms ` +
      `(git diff --cached alone ${fmt(median(gitMs))} ms; medians of ${rounds})\n`,
  );
} finally {
  rmSync(repo, { recursive: true, force: true });
}
