import { afterAll, beforeAll, describe, expect, test } from '@jest/globals';
import path from 'node:path';
import { trackedFiles } from '../src/pass/helpers.js';
import { TempRepo } from './helpers/git-repo.js';
import { keys } from './helpers/keys.js';
import { everything, runCli } from './helpers/run-action.js';

/** Every finding of a JSON report, as comparable text. */
function findingsOf(stdout: string): string[] {
  const report = JSON.parse(stdout) as {
    findings: Array<{
      ruleId: string;
      fingerprint: string;
      location?: { path: string; line: number; column: number };
    }>;
  };
  return report.findings
    .map((f) => `${f.ruleId} ${f.location?.path}:${f.location?.line}:${f.location?.column} ${f.fingerprint}`)
    .sort();
}

describe('one read per file, shared by threads', () => {
  let repo: TempRepo;
  let planted: string[];
  beforeAll(() => {
    repo = new TempRepo();
    planted = [keys.openaiProject(), keys.groq(), keys.xai(), keys.huggingface()];
    // Enough files for several batches, so helper threads take part; keys, env reads and lint hits spread out.
    for (let i = 0; i < 400; i++) {
      const key = i % 97 === 0 ? planted[(i / 97) % planted.length] : undefined;
      repo.write(`src/m${i}.py`, key ? `TOKEN = "${key}"\n` : `import os\nv${i} = os.environ["VAR_${i}"]\n`);
    }
    repo.write(
      'app/chat.py',
      'from openai import OpenAI\nclient = OpenAI()\nclient.chat.completions.create(model="gpt-4")\n',
    );
    repo.write(
      'app/old.js',
      'const { Configuration, OpenAIApi } = require("openai");\nnew OpenAIApi(new Configuration({}));\n',
    );
    repo.commit('init');
  });
  afterAll(() => repo.cleanup());

  const run = (threads: string) =>
    runCli([repo.dir, '--format', 'json', '--fail-on', 'none', '--debug'], {
      // gpt-4 is retired on this day: the lint hit below does not hang on the calendar.
      env: { KEYLINT_THREADS: threads, KEYLINT_TODAY: '2026-11-27' },
    });

  test('helper threads read part of the tree, and the report is the same as with one thread', () => {
    const one = run('1');
    const three = run('3');
    expect(one.code).toBe(0);
    expect(three.code).toBe(0);
    expect(one.stderr + one.stdout).toMatch(/1 thread\(s\), 0 of 402 files read by helpers/);
    const helped = /3 thread\(s\), (\d+) of 402 files read by helpers/.exec(three.stderr + three.stdout);
    expect(Number(helped?.[1])).toBeGreaterThan(0);
    // Every batch a helper took was answered and taken in: none read a second time here.
    expect(three.stderr + three.stdout).toMatch(/, 0 read again for a helper that ended without answering/);
    const same = findingsOf(one.stdout);
    expect(findingsOf(three.stdout)).toEqual(same);
    // Leaks, code lint and wiring all came through the shared read.
    expect(same.filter((f) => f.startsWith('leak/'))).toHaveLength(5); // files 0, 97, 194, 291, 388
    expect(
      same.filter((f) => f.startsWith('lint/retired-model ') && f.includes(' app/chat.py:3:')),
    ).toHaveLength(1);
    expect(same.filter((f) => f.startsWith('lint/') && f.includes(' app/old.js:'))).not.toHaveLength(0);
    for (const secret of planted) expect(everything(three)).not.toContain(secret);
  });
});

describe('a large file is read in parts by every thread', () => {
  const MIB = 1024 * 1024;
  let repo: TempRepo;
  /** Where each planted key is, worked out here from the text itself. */
  const expected: string[] = [];
  beforeAll(() => {
    repo = new TempRepo();
    for (let i = 0; i < 300; i++) repo.write(`src/m${i}.py`, `v${i} = ${i}\n`);
    // Multi-byte characters and CRLF endings before each key; one line runs across the part edge at
    // 4 MiB (a minified bundle's); keys just before, across and just after the edges.
    const pieces: string[] = [];
    let bytes = 0;
    const add = (s: string): void => {
      pieces.push(s);
      bytes += Buffer.byteLength(s);
    };
    const filler = 'déjà vu — 🙂 naïve text, nothing secret here\r\n';
    const plant = (key: string, marker = ''): void => {
      const before = pieces.join('');
      const lines = before.split('\n');
      const line = lines.length;
      const column = [...lines[line - 1]!].length + 1 + 'token = "'.length;
      add(`token = "${key}"${marker}\n`);
      if (!marker) expected.push(`large.txt:${line}:${column}`);
    };
    const until = (target: number): void => {
      while (bytes + Buffer.byteLength(filler) < target) add(filler);
    };
    until(4 * MIB - 40);
    plant(keys.groq()); // crosses the first edge
    until(8 * MIB - 3000);
    add('x'.repeat(6000) + ' '); // a long line across the second edge, its key after the edge
    plant(keys.xai());
    plant(keys.openaiProject(), ' # keylint:allow');
    until(12 * MIB + 17);
    plant(keys.huggingface()); // just after the third edge
    until(14 * MIB);
    plant(keys.groq()); // in the last part
    repo.write('large.txt', pieces.join(''));
    repo.commit('init');
  });
  afterAll(() => repo.cleanup());

  const run = (threads: string) =>
    runCli([repo.dir, '--format', 'json', '--fail-on', 'none', '--debug'], {
      env: { KEYLINT_THREADS: threads },
    });

  test('every key at its line and column, as with one thread, and none twice', () => {
    const one = run('1');
    const two = run('2');
    expect(two.stderr + two.stdout).toMatch(/, 4 parts of large files shared/);
    expect(one.stderr + one.stdout).not.toMatch(/parts of large files/);
    const at = (stdout: string): string[] =>
      findingsOf(stdout)
        .filter((f) => f.includes(' large.txt:'))
        .map((f) => f.split(' ')[1]!)
        .sort();
    expect(at(one.stdout)).toEqual([...expected].sort());
    expect(findingsOf(two.stdout)).toEqual(findingsOf(one.stdout));
  });
});

describe('when the helper threads start', () => {
  let small: TempRepo;
  let untracked: TempRepo;
  beforeAll(() => {
    small = new TempRepo();
    for (let i = 0; i < 300; i++) small.write(`src/m${i}.py`, `v${i} = ${i}\n`);
    small.commit('init');
    untracked = new TempRepo();
    untracked.write('a.py', 'a = 1\n');
  });
  afterAll(() => {
    small.cleanup();
    untracked.cleanup();
  });

  test('the index tells how many files a repository tracks; a new repository or a plain directory says nothing', () => {
    expect(trackedFiles(small.dir)).toBe(300);
    expect(trackedFiles(untracked.dir)).toBeNull();
    expect(trackedFiles(path.join(small.dir, 'src'))).toBeNull();
  });

  test('a linked work tree is read through the directory its .git file names', () => {
    const linked = `${small.dir}-linked`;
    small.git('worktree', 'add', '-q', linked);
    try {
      expect(trackedFiles(linked)).toBe(300);
    } finally {
      small.git('worktree', 'remove', '--force', linked);
    }
  });

  test('a small repository is read by this thread alone: starting a helper costs more than its files', () => {
    const r = runCli([small.dir, '--fail-on', 'none', '--debug'], {});
    expect(r.code).toBe(0);
    expect(r.stderr + r.stdout).toMatch(/1 thread\(s\), 0 of 300 files read by helpers/);
  });
});

describe('a directory that is not a work tree, walked by a helper', () => {
  let dir: TempRepo;
  beforeAll(() => {
    dir = new TempRepo({ git: false });
    for (let i = 0; i < 300; i++) dir.write(`src/m${i}.py`, `v${i} = ${i}\n`);
    dir.write('src/app.py', `TOKEN = "${keys.groq()}"\n`);
    dir.write('.gitignore', 'build/\n*.log\n');
    dir.write('build/out.py', `TOKEN = "${keys.xai()}"\n`);
    dir.write('debug.log', `TOKEN = "${keys.xai()}"\n`);
    dir.write('src/deep/.gitignore', 'secret.txt\n!keep.txt\n');
    dir.write('src/deep/secret.txt', `TOKEN = "${keys.huggingface()}"\n`);
    dir.write('src/deep/keep.txt', `TOKEN = "${keys.groq()}"\n`);
  });
  afterAll(() => dir.cleanup());

  test('lists what the walk here lists, honouring every .gitignore', () => {
    const run = (threads: string) =>
      runCli([dir.dir, '--format', 'json', '--fail-on', 'none', '--debug'], {
        env: { KEYLINT_THREADS: threads },
      });
    const one = run('1');
    const two = run('2');
    expect(findingsOf(one.stdout).map((f) => f.split(' ')[1])).toEqual([
      'src/app.py:1:10',
      'src/deep/keep.txt:1:10',
    ]);
    expect(findingsOf(two.stdout)).toEqual(findingsOf(one.stdout));
    const scanned = (r: { stdout: string }) =>
      (JSON.parse(r.stdout) as { scan: { files: number } }).scan.files;
    expect(scanned(two)).toBe(scanned(one));
  });
});
