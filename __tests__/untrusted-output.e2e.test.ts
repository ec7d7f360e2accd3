import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from '@jest/globals';
import { DETECTORS } from '../src/detect/detectors.js';
import type { JsonReport } from '../src/report/json.js';
import { LONG_LINE_BYTES, streamLog } from '../src/sources/git-log.js';
import { TempRepo } from './helpers/git-repo.js';
import { keys, OPENAI_MARKER } from './helpers/keys.js';
import { openaiError, startProviderServer, type ProviderServer } from './helpers/provider-server.js';
import { everything, runAction, runActionAsync, runCli, runCliAsync } from './helpers/run-action.js';

/** Markdown without its code spans: what GitHub would render as live text. */
const outsideCode = (md: string): string => md.replace(/`[^`\n]*`/g, '');
const withoutMasks = (text: string): string => text.replace(/^::add-mask::.*$/gm, '');

describe('repository values are inert text in the Markdown reports', () => {
  const repo = new TempRepo();
  const key = keys.openaiProject();
  // Not four of one character at both ends: that is a key typed over (placeholders.ts).
  const acme = `acme_${'qz'.repeat(5)}${'7'.repeat(8)}`;
  beforeAll(() => {
    repo.write('@acme/team/pkg.py', `client = OpenAI(api_key="${key}")\n`);
    // A file name with line breaks that would open a heading and a comment that hides the rest.
    repo.write('x\n## ✅ keylint: pass\n<!--.py', `KEY = "${key}"\n`);
    repo.write(
      '.keylint.yml',
      [
        'detectors:',
        '  - id: acme',
        '    description: "Acme key <img src=https://evil.example/pixel.png> ![x](https://evil.example/y.png) @acme/security"',
        '    pattern: "acme_[a-z0-9]{18}"',
        '    revoke-url: https://evil.example/revoke',
        '',
      ].join('\n'),
    );
    repo.write('svc/acme.py', `ACME = "${acme}"\n`);
    repo.commit('init');
  });
  afterAll(() => repo.cleanup());

  test('no mention, no HTML, no heading, no foreign link in the job summary', () => {
    const run = runAction({ workspace: repo.dir, inputs: { scan: 'tree' } });
    expect(run.outputs.verdict).toBe('fail');
    const live = outsideCode(run.summary);
    expect(run.summary).toContain('leak/acme');
    expect(live).not.toMatch(/@acme/); // only `@\u200bacme`, which mentions no one
    expect(live).toContain('@\u200bacme');
    // Inside a code span `<` is text (a code span binds before HTML); outside, there is none.
    expect(live).not.toMatch(/<img|<!--/);
    expect(run.summary.split('\n').filter((l) => l.startsWith('## '))).toEqual(['## ❌ keylint: fail']);
    expect(live).not.toMatch(/\]\(https:\/\/evil/);
    // The configured revoke page is shown as text that no renderer turns into a link.
    expect(live).not.toMatch(/https:\/\/evil/);
    expect(live).toContain('https://\u200bevil.example/revoke');
    // A documented provider page stays a link.
    expect(live).toContain('https://platform.openai.com/api-keys');
    const sarif = JSON.parse(run.sarif) as {
      runs: { tool: { driver: { rules: { helpUri?: string }[] } } }[];
    };
    expect(sarif.runs[0]!.tool.driver.rules.map((r) => r.helpUri)).not.toContain(
      'https://evil.example/revoke',
    );
  });

  test('a custom revoke-url must be https', () => {
    const other = new TempRepo();
    try {
      other.write(
        '.keylint.yml',
        'detectors:\n  - id: acme\n    pattern: "acme_[a-z0-9]{18}"\n    revoke-url: http://intranet.example/revoke\n',
      );
      other.commit('config');
      const r = runCli([other.dir]);
      expect(r.code).toBe(2);
      expect(r.stderr).toMatch(/revoke-url must be an https: URL/);
    } finally {
      other.cleanup();
    }
  });
});

describe('the CLI text report', () => {
  const repo = new TempRepo();
  const key = keys.groq();
  beforeAll(() => {
    repo.write(`a\n\u001b[8mkeylint: PASS: 0 finding(s)\u001b[0m\r.py`, `KEY = "${key}"\n`);
    repo.commit('init');
  });
  afterAll(() => repo.cleanup());

  test('escapes control characters in file names: no fake verdict, nothing hidden', () => {
    const r = runCli([repo.dir]);
    expect(r.code).toBe(1);
    expect(r.stdout).not.toContain('\u001b');
    expect(r.stdout).not.toContain('\r');
    expect(r.stdout.split('\n').filter((l) => l.startsWith('keylint: '))).toEqual([
      expect.stringMatching(/^keylint: FAIL: 1 finding/),
    ]);
    expect(r.stdout).toContain('a\\n\\e[8mkeylint: PASS: 0 finding(s)\\e[0m\\r.py\n  1:8  CRITICAL');
  });
});

describe('secrets in every output', () => {
  let server: ProviderServer;
  const repo = new TempRepo();
  const envKey = keys.openaiProject();
  const dirKey = keys.groq();
  const committed = keys.anthropic();
  // 22 characters from the middle of the environment's key, as a provider's error may echo them.
  const piece = envKey.slice(40, 62);
  beforeAll(async () => {
    server = await startProviderServer(() =>
      openaiError(
        401,
        `Incorrect API key provided: ...${piece}... You can find your key at https://platform.openai.com`,
        null,
        'invalid_api_key',
      ),
    );
    // A key used as a directory name, and nowhere else.
    repo.write(`config/${dirKey}/notes.txt`, 'nothing here\n');
    repo.write('app/claude.py', `client = Anthropic(api_key="${committed}")\n`);
    // A description that quotes a piece of the committed key: the annotation title holds it.
    repo.write(
      '.keylint.yml',
      `detectors:\n  - id: acme\n    description: "Acme key (not ${committed.slice(30, 50)})"\n    pattern: "acme_[a-z0-9]{18}"\n`,
    );
    repo.write('svc/acme.py', `ACME = "acme_${'kx'.repeat(5)}${'3'.repeat(8)}"\n`);
    repo.commit('init');
  });
  afterAll(async () => {
    await server.close();
    repo.cleanup();
  });

  test('a key as a path name is found, masked and scrubbed, and pieces of keys are scrubbed everywhere', async () => {
    // Async: the provider server answers from this thread.
    const run = await runActionAsync({
      workspace: repo.dir,
      inputs: { scan: 'tree', 'live-check': 'auth', 'key-env': 'OPENAI_API_KEY' },
      env: { OPENAI_API_KEY: envKey, KEYLINT_OPENAI_BASE_URL: `${server.origin}/v1` },
    });
    expect(run.outputs['live-status']).toBe('invalid_key');
    const report = JSON.parse(run.report) as JsonReport;
    const inPath = report.findings.find((f) => f.ruleId === 'leak/groq-api-key');
    expect(inPath?.message).toMatch(/name of a file or directory/);
    expect(run.masked).toContain(dirKey);
    const out = withoutMasks(everything(run));
    for (const secret of [envKey, dirKey, committed]) expect(out).not.toContain(secret);
    expect(out).not.toContain(piece);
    expect(out).not.toContain(dirKey.slice(4, 12));
    expect(out).not.toContain(committed.slice(30, 50));
    // Every annotation field went through the same boundary: message, title and file.
    const dirAnnotation = run.annotations.find((a) => a.title?.startsWith('leak/groq-api-key'));
    expect(dirAnnotation?.file).toBe('config/****/notes.txt');
    const acme = run.annotations.find((a) => a.title?.startsWith('leak/acme'));
    expect(acme?.title).toBe('leak/acme: Acme key (not ****) committed');
  });
});

test('a key used as a path name in a commit, gone from the tree, is found by the commit scan', () => {
  const repo = new TempRepo();
  try {
    const key = keys.xai();
    repo.commit('base');
    repo.write(`keys/${key}.txt`, 'x\n');
    repo.commit('add');
    repo.git('rm', '-q', '-r', 'keys');
    repo.commit('remove');
    const r = runCli([repo.dir, '--since', 'HEAD~2', '--format', 'json']);
    expect(r.code).toBe(1);
    const report = JSON.parse(r.stdout) as JsonReport;
    expect(report.findings.map((f) => [f.ruleId, f.location?.path])).toEqual([
      ['history/xai-api-key', 'keys/****.txt'],
    ]);
    expect(r.stdout).not.toContain(key);
  } finally {
    repo.cleanup();
  }
});

describe('resource bounds', () => {
  const adversarial = new TempRepo();
  beforeAll(() => {
    // For every built-in detector, what costs a backtracking or re-scanning matcher most: its prefix
    // starting token after token of the longest length, its marker repeated inside a token, its
    // keyword assigned a value, and the prefix back to back. Repeated to one 50 MB line.
    const block = DETECTORS.flatMap((d) => {
      const start = d.prefix ?? d.keywords[0]!;
      return [
        `${start}${'A'.repeat(380)} `,
        `${start}${`aaaa${OPENAI_MARKER}`.repeat(30)} `,
        `${d.keywords[0]}_api_key="${'a1'.repeat(20)}" `,
        `${start.repeat(60)} `,
      ];
    }).join('');
    const size = 50 * 1024 * 1024;
    const line = Buffer.alloc(size + 1, block);
    line[size] = 10;
    writeFileSync(path.join(adversarial.dir, 'adversarial.min.js'), line);
  });
  afterAll(() => adversarial.cleanup());

  test('each built-in detector stays linear on a 50 MB adversarial line', async () => {
    const r = await runCliAsync([adversarial.dir, '--scan', 'tree', '--format', 'json'], {
      timeoutMs: 300000,
    });
    expect(r.stderr).toBe('');
    const report = JSON.parse(r.stdout) as JsonReport;
    expect(report.scan.files).toBe(1);
    expect(report.findings.filter((f) => f.category === 'leak')).toEqual([]);
  }, 360000);

  test('a custom pattern with nested repetition is refused when the config loads', () => {
    const repo = new TempRepo();
    try {
      repo.write('.keylint.yml', 'detectors:\n  - id: acme\n    pattern: "acme_(a+)+$"\n');
      repo.write('a.txt', `token = acme_${'a'.repeat(40)}!\n`);
      repo.commit('init');
      const r = runCli([repo.dir], { timeoutMs: 20000 });
      expect(r.code).toBe(2);
      expect(r.stderr).toMatch(/detectors\.acme: pattern could take exponential time.*nested quantifiers/);
      repo.write('.keylint.yml', 'detectors:\n  - id: acme\n    pattern: "acme_([a-z])\\\\1+"\n');
      const b = runCli([repo.dir], { timeoutMs: 20000 });
      expect(b.code).toBe(2);
      expect(b.stderr).toMatch(/backreference/);
    } finally {
      repo.cleanup();
    }
  });

  test('many keys in one file: every one counted, the text report lists 20 of the file and says how many more', async () => {
    const repo = new TempRepo();
    try {
      const n = 30000;
      const lines: string[] = [];
      for (let i = 0; i < n; i++) lines.push(`k${i} = "${keys.groq()}"`);
      writeFileSync(path.join(repo.dir, 'keys.py'), lines.join('\n') + '\n');
      const text = await runCliAsync([repo.dir, '--scan', 'tree'], { timeoutMs: 240000 });
      expect(text.code).toBe(1);
      expect(text.stdout.match(/^ {2}\d+:\d+ {2}[A-Z]+ {2}leak\/groq-api-key$/gm)).toHaveLength(20);
      expect(text.stdout).toContain(`keys.py: ${n - 20} more findings not listed here`);
      expect(text.stdout).toContain(`keylint: FAIL: ${n} findings in 1 file`);
      const json = await runCliAsync([repo.dir, '--scan', 'tree', '--format', 'json'], { timeoutMs: 240000 });
      const report = JSON.parse(json.stdout) as JsonReport;
      expect(report.counts.total).toBe(n);
      expect(report.findings).toHaveLength(n);
      expect(json.stdout).not.toContain(lines[n - 1]!.slice(10, 40));
    } finally {
      repo.cleanup();
    }
  }, 600000);
});

describe('a 50 MB line added in a commit', () => {
  const repo = new TempRepo();
  const size = 50 * 1024 * 1024;
  /** Keys at the start, across the scanner's 1 MiB window edges, and at the very end of the line. */
  const at = [10, 1024 * 1024 - 20, 3 * 1024 * 1024 + 4090, size - 80];
  const placed = at.map((offset) => ({ offset, key: keys.groq() }));
  beforeAll(() => {
    repo.commit('base');
    const line = Buffer.alloc(size, 'x=1; ');
    for (const p of placed) line.write(` "${p.key}" `, p.offset, 'latin1');
    writeFileSync(path.join(repo.dir, 'bundle.js'), Buffer.concat([line, Buffer.from('\n')]));
    repo.commit('bundle');
    // Gone from the tree: only the commit scan can find the keys.
    repo.git('rm', '-q', 'bundle.js');
    repo.commit('remove');
  });
  afterAll(() => repo.cleanup());

  test('streams through the windowed scanner: each key found at its line and column', async () => {
    const r = await runCliAsync([repo.dir, '--since', 'HEAD~2', '--format', 'json'], { timeoutMs: 240000 });
    expect(r.code).toBe(1);
    const report = JSON.parse(r.stdout) as JsonReport;
    const found = report.findings
      .filter((f) => f.ruleId === 'leak/groq-api-key' || f.ruleId === 'history/groq-api-key')
      .map((f) => [f.location?.path, f.location?.line, f.location?.column])
      .sort((a, b) => Number(a[2]) - Number(b[2]));
    expect(found).toEqual(placed.map((p) => ['bundle.js', 1, p.offset + 3]));
    for (const p of placed) expect(r.stdout).not.toContain(p.key);
  }, 300000);

  test('git log hands the long line over in pieces, never as one string', async () => {
    let longest = 0;
    let pieces = 0;
    let bytes = 0;
    await streamLog(repo.dir, ['HEAD~2..HEAD~1'], {
      line: (l) => (longest = Math.max(longest, l.length)),
      longLine: () => (piece) => {
        if (piece) {
          pieces++;
          bytes += piece.length;
        }
      },
    });
    expect(longest).toBeLessThanOrEqual(LONG_LINE_BYTES);
    expect(pieces).toBeGreaterThan(1);
    expect(bytes).toBeGreaterThan(size);
  }, 120000);
});
