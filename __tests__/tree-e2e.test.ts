import { afterAll, beforeAll, describe, expect, test } from '@jest/globals';
import { TempRepo } from './helpers/git-repo.js';
import { keys } from './helpers/keys.js';
import { everything, runAction, runCli } from './helpers/run-action.js';

describe('what people really commit, scanned by the built action and CLI', () => {
  const arrange = () => {
    const repo = new TempRepo();
    const k = {
      env: keys.openaiProject(),
      workflow: keys.anthropic(),
      utf16: keys.google(),
      crlf: keys.groq(),
      untracked: keys.perplexity(),
      ignored: keys.xai(),
      spaced: keys.replicate(),
    };
    repo.write('.env', `# local\nOPENAI_API_KEY=${k.env}\n`);
    repo.write('.github/workflows/ci.yml', `on: push\njobs:\n  a:\n    env:\n      KEY: ${k.workflow}\n`);
    repo.write(
      'win/settings.ini',
      Buffer.concat([
        Buffer.from([0xff, 0xfe]),
        Buffer.from(`[api]\r\n; ✓\r\nkey = ${k.utf16}\r\n`, 'utf16le'),
      ]),
    );
    repo.write('win/crlf.txt', `one\r\ntwo\r\n\tgroq=${k.crlf}\r\n`);
    repo.write('docs/my notes ✓.md', `see (${k.spaced})\n`);
    repo.write('.gitignore', 'secrets/\n');
    repo.commit('init');
    repo.write('scratch.py', `\n\nPPLX = "${k.untracked}"\n`);
    repo.write('secrets/local.txt', k.ignored);
    const expected = [
      { path: '.env', line: 2, column: 16 },
      { path: '.github/workflows/ci.yml', line: 5, column: 12 },
      { path: 'docs/my notes ✓.md', line: 1, column: 6 },
      { path: 'scratch.py', line: 3, column: 9 },
      { path: 'win/crlf.txt', line: 3, column: 7 },
      { path: 'win/settings.ini', line: 3, column: 7 },
    ];
    return { repo, k, expected };
  };
  let repo: ReturnType<typeof arrange>['repo'];
  let k: ReturnType<typeof arrange>['k'];
  let expected: ReturnType<typeof arrange>['expected'];
  beforeAll(() => {
    ({ repo, k, expected } = arrange());
  });
  afterAll(() => repo.cleanup());

  test('the CLI finds every key at its line and column, and none in ignored files', () => {
    const run = runCli([repo.dir, '--format', 'json']);
    expect(run.code).toBe(1);
    const report = JSON.parse(run.stdout) as {
      findings: Array<{ category: string; location: { path: string; line: number; column: number } }>;
    };
    // The tracked .env is also a wiring finding; this test is about where the leaks are.
    const where = report.findings
      .filter((f) => f.category === 'leak')
      .map(({ location: { path, line, column } }) => ({ path, line, column }));
    expect(where.sort((a, b) => a.path.localeCompare(b.path))).toEqual(expected);
    for (const secret of Object.values(k)) expect(everything(run)).not.toContain(secret);
  });

  test('scanning threads find the same keys as a single thread', () => {
    const locations = (threads: string): unknown[] =>
      (
        JSON.parse(runCli([repo.dir, '--format', 'json'], { env: { KEYLINT_THREADS: threads } }).stdout) as {
          findings: Array<{ category: string; location: unknown; fingerprint: string }>;
        }
      ).findings
        .filter((f) => f.category === 'leak')
        .map((f) => [f.location, f.fingerprint]);
    expect(locations('3')).toEqual(locations('1'));
    expect(locations('3')).toHaveLength(expected.length);
  });

  test('the action annotates the same places', () => {
    const run = runAction({ workspace: repo.dir });
    expect(run.code).toBe(1);
    const errors = run.annotations
      .filter((a) => a.level === 'error' && a.file && a.title?.startsWith('leak/'))
      .map((a) => ({ path: a.file, line: a.line, column: a.col }));
    expect(errors.sort((a, b) => a.path!.localeCompare(b.path!))).toEqual(expected);
    expect(run.outputs).toMatchObject({ leaked: String(expected.length), verdict: 'fail' });
    const logs = everything(run).replace(/^::add-mask::.*$/gm, '');
    for (const secret of Object.values(k)) expect(logs).not.toContain(secret);
  });
});
