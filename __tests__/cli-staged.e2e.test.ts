import { afterEach, describe, expect, it } from '@jest/globals';
import { rmSync } from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { TempRepo } from './helpers/git-repo.js';
import { keys } from './helpers/keys.js';
import { runCli } from './helpers/run-action.js';

/** `keylint --staged`: what `git commit` is about to record, not the work tree. */
describe('keylint --staged', () => {
  const repos: TempRepo[] = [];
  const repo = (): TempRepo => {
    const r = new TempRepo({ prefix: 'keylint-staged-' });
    repos.push(r);
    return r;
  };
  afterEach(() => repos.splice(0).forEach((r) => r.cleanup()));
  const json = (dir: string, ...args: string[]) => {
    const r = runCli(['--staged', '--format', 'json', ...args], { cwd: dir });
    return { ...r, report: r.stdout ? (JSON.parse(r.stdout) as Report) : null };
  };
  interface Report {
    verdict: string;
    scan: { files: number };
    findings: Array<{ ruleId: string; location: { path: string; line: number; column: number } | null }>;
    suppressed: { total: number };
  }

  it('reports a staged key at its staged line, whatever the work tree says since', () => {
    const r = repo();
    const key = keys.groq();
    r.write('a.py', 'x = 1\n');
    r.commit('base');
    r.write('a.py', `x = 1\nGROQ_API_KEY = "${key}"\n`);
    r.git('add', 'a.py');
    r.write('a.py', `# one\n# two\n# three\nx = 1\nGROQ_API_KEY = "${key}"\n`);
    const { code, report } = json(r.dir);
    expect(code).toBe(1);
    expect(report!.findings).toHaveLength(1);
    expect(report!.findings[0]).toMatchObject({
      ruleId: 'leak/groq-api-key',
      location: { path: 'a.py', line: 2, column: 17 },
    });
  });

  it("names the work tree, not the index's temporary copy, as SARIF's source root", () => {
    const r = repo();
    r.write('a.py', `KEY = "${keys.groq()}"\n`);
    r.git('add', 'a.py');
    const run = runCli(['--staged', '--format', 'sarif'], { cwd: r.dir });
    expect(run.code).toBe(1);
    const sarif = JSON.parse(run.stdout) as {
      runs: Array<{
        originalUriBaseIds: Record<string, { uri: string }>;
        results: Array<{ locations: Array<{ physicalLocation: { artifactLocation: { uri: string } } }> }>;
      }>;
    };
    expect(sarif.runs[0]!.originalUriBaseIds['%SRCROOT%']!.uri).toBe(`${pathToFileURL(r.dir).href}/`);
    expect(sarif.runs[0]!.results[0]!.locations[0]!.physicalLocation.artifactLocation.uri).toBe('a.py');
  });

  it('ignores a key only in the work tree, and a key removed from the index', () => {
    const r = repo();
    r.write('clean.py', 'x = 1\n');
    r.git('add', 'clean.py');
    r.write('clean.py', `KEY = "${keys.xai()}"\n`);
    r.write('untracked.py', `KEY = "${keys.xai()}"\n`);
    expect(json(r.dir).report).toMatchObject({ verdict: 'pass', findings: [], scan: { files: 1 } });

    const s = repo();
    s.write('old.py', `KEY = "${keys.xai()}"\n`);
    s.commit('a key, revoked since');
    s.git('rm', '-q', 'old.py');
    // The commit removes the file: nothing staged to scan, so the hook lets the removal through.
    expect(json(s.dir).report).toMatchObject({ verdict: 'pass', scan: { files: 0 } });
  });

  it('scans only the files the commit changes, in the very first commit too', () => {
    const r = repo();
    r.write('one.txt', 'plain\n');
    r.write('two/three.txt', 'plain\n');
    r.git('add', '-A');
    expect(json(r.dir).report!.scan.files).toBe(2);
    r.commit('first');
    r.write('two/three.txt', 'changed\n');
    r.git('add', '-A');
    expect(json(r.dir).report!.scan.files).toBe(1);
  });

  it('finds a key in a file forced past a .gitignore staged with it', () => {
    const r = repo();
    r.write('.gitignore', '.env\n');
    r.write('.env', `OPENAI_API_KEY=${keys.openaiProject()}\n`);
    r.git('add', '.gitignore');
    r.git('add', '-f', '.env');
    const { report } = json(r.dir);
    expect(report!.findings.map((f) => f.location?.path)).toEqual(['.env']);
  });

  it('takes .keylintignore from the work tree and inline markers from the staged text', () => {
    const r = repo();
    r.write('fixtures/sample.py', `KEY = "${keys.huggingface()}"\n`);
    r.write('allowed.py', `KEY = "${keys.huggingface()}"  # keylint:allow\n`);
    r.git('add', '-A');
    r.write('.keylintignore', 'fixtures/\n');
    const { code, report } = json(r.dir);
    expect(code).toBe(0);
    expect(report!.suppressed.total).toBe(2);
  });

  it('scans below PATH only, with paths relative to it, and skips the wiring check', () => {
    const r = repo();
    r.write('svc/app.py', `import os\nos.environ["OPENAI_API_KEY"]\nKEY = "${keys.perplexity()}"\n`);
    r.write('other/app.py', `KEY = "${keys.perplexity()}"\n`);
    r.git('add', '-A');
    const { report } = json(r.dir, 'svc');
    expect(report!.findings.map((f) => `${f.ruleId} ${f.location?.path}:${f.location?.line}`)).toEqual([
      'leak/perplexity-api-key app.py:3',
    ]);
  });

  it('says plainly when there is no repository, and refuses flags that scan commits', () => {
    const plain = new TempRepo({ git: false, prefix: 'keylint-nogit-' });
    repos.push(plain);
    const outside = runCli(['--staged'], { cwd: plain.dir });
    expect(outside.code).toBe(2);
    expect(outside.stderr).toBe(
      `keylint: --staged scans a git repository's index: ${plain.dir} is not in a git repository\n`,
    );
    const both = runCli(['--staged', '--since', 'HEAD~1'], { cwd: plain.dir });
    expect(both).toMatchObject({
      code: 2,
      stderr:
        'keylint: --staged scans the next commit: it cannot be combined with --since, --history or --scan\n',
    });
    const missing = runCli(['--staged', path.join(plain.dir, 'nope')]);
    expect(missing.stderr).toMatch(/^keylint: path does not exist: .*nope\n$/);
  });

  it('leaves no copy of the index behind', () => {
    const r = repo();
    r.write('a.txt', 'plain\n');
    r.git('add', '-A');
    const tmp = path.join(r.dir, 'tmp');
    r.write('tmp/.keep', '');
    const run = runCli(['--staged'], { cwd: r.dir, env: { TMPDIR: tmp } });
    expect(run.code).toBe(0);
    expect(r.git('ls-files', '--others', 'tmp')).toBe('tmp/.keep');
    rmSync(tmp, { recursive: true });
  });
});
