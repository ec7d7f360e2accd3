import { afterAll, beforeAll, describe, expect, test } from '@jest/globals';
import { rmSync } from 'node:fs';
import path from 'node:path';
import { scanEngine } from '../src/detect/scan-file.js';
import { historyFinding, withHistory } from '../src/sources/history-finding.js';
import { scanHistory, type HistoryScan } from '../src/sources/history-scan.js';
import { TempRepo } from './helpers/git-repo.js';
import { keys } from './helpers/keys.js';
import { leak } from './helpers/scan-result.js';

const repos: TempRepo[] = [];
afterAll(() => repos.forEach((r) => r.cleanup()));

const find = (scan: HistoryScan, secret: string) =>
  [...scan.secrets.values()].find((s) => s.secret === secret);

describe('a key added many times by few commits counts commits, not sightings', () => {
  let r: TempRepo;
  let secret: string;
  let first: string;
  let scan: HistoryScan;
  beforeAll(async () => {
    r = new TempRepo();
    repos.push(r);
    secret = keys.anthropic();
    r.write('README.md', '# x\n');
    r.commit('init', '2026-01-01T00:00:00Z');
    // One commit adds it four times: twice on one line, once more in the file, once in another file.
    r.write('a.env', `ANTHROPIC_API_KEY=${secret} # was ANTHROPIC_API_KEY=${secret}\nK2=${secret}\n`);
    r.write('conf/b.env', `ANTHROPIC_API_KEY=${secret}\n`);
    first = r.commit('add', '2026-01-02T00:00:00Z');
    r.write('a.env', 'gone\n');
    r.write('conf/b.env', 'gone\n');
    r.commit('remove', '2026-01-03T00:00:00Z');
    // A second commit adds it twice more.
    r.write('c.env', `ANTHROPIC_API_KEY=${secret}\nAGAIN=${secret}\n`);
    r.commit('again', '2026-01-04T00:00:00Z');
    r.write('c.env', 'gone\n');
    r.commit('remove again', '2026-01-05T00:00:00Z');
    scan = await scanHistory(r.dir, ['HEAD'], scanEngine());
  });

  test('two commits, first seen in the older one', () => {
    const h = find(scan, secret)!;
    expect(h.commits).toBe(2);
    // Within one commit, any of its places is where the key first appeared.
    expect(h.first).toMatchObject({ sha: first, line: 1, column: 19 });
    expect(['a.env', 'conf/b.env']).toContain(h.first.path);
    expect(h.first.endColumn).toBe(19 + secret.length);
    expect(h.allowedInline).toBe(false);
  });

  test('the finding and its message say two commits', () => {
    const f = historyFinding(find(scan, secret)!);
    expect(f.commitCount).toBe(2);
    expect(f.message).toMatch(/ It is added by 2 commits\.$/);
    expect(f.ruleId).toBe('history/anthropic-api-key');
    expect(f.inTree).toBe(false);
    const where = f.location!.path;
    expect(f.location).toEqual({ path: where, line: 1, column: 19, endColumn: 19 + secret.length });
    expect(f.commit).toMatchObject({ sha: first, path: where, line: 1 });
    expect(f.commit!.date).toMatch(/^2026-01-02/);
    expect(f.message).toContain(`commit ${first.slice(0, 12)} (2026-01-02, ${where}:1)`);
    expect(f.message).not.toContain(secret);
    expect(f.helpUri).toBe('https://console.anthropic.com/settings/keys');
    expect(f.suppressed).toBeUndefined();
  });
});

describe('a key one commit adds in several places', () => {
  let r: TempRepo;
  let secret: string;
  let scan: HistoryScan;
  beforeAll(async () => {
    r = new TempRepo();
    repos.push(r);
    secret = keys.groq();
    r.write('x.txt', `GROQ_API_KEY=${secret}\nGROQ_API_KEY=${secret}\n`);
    r.write('y/z.txt', `token=${secret}\n`);
    r.commit('add');
    scan = await scanHistory(r.dir, ['HEAD'], scanEngine());
  });

  test('is one commit: the message says nothing about several commits', () => {
    const h = find(scan, secret)!;
    expect(h.commits).toBe(1);
    const f = historyFinding(h);
    expect(f.message).not.toMatch(/added by \d+ commits/);
    expect(f.message).toMatch(/anyone who can clone the repository can read it\.$/);
    expect(f.title).toBe('Groq API key in git history');
    expect(f.fix).toBe(
      `Revoke the key at ${h.detector.revokeUrl} and create a new one: deleting it from the files does not un-leak it. ` +
        'Then, only if the history must stop carrying it, rewrite history (git filter-repo) and force-push.',
    );
    const tree = withHistory(leak('x.txt', 1).finding, h);
    expect(tree.commitCount).toBe(1);
    expect(tree.inTree).toBe(true);
    expect(tree.message).not.toMatch(/added by \d+ commits/);
    expect(tree.message).toMatch(
      /It has been in git history since commit [0-9a-f]{12} \(\d{4}-\d\d-\d\d, (?:x\.txt|y\/z\.txt):1\): removing it/,
    );
  });
});

describe('where in an added file a key is', () => {
  let r: TempRepo;
  let secret: string;
  let scan: HistoryScan;
  beforeAll(async () => {
    r = new TempRepo();
    repos.push(r);
    secret = keys.perplexity();
    r.write('notes.md', '# notes\nsome longer second line here\n\tPPLX_API_KEY=' + secret + '\n');
    r.commit('add');
    scan = await scanHistory(r.dir, ['HEAD'], scanEngine());
  });

  test('line and column of the added line, as a person counts them', () => {
    expect(find(scan, secret)!.first).toMatchObject({ path: 'notes.md', line: 3, column: 15 });
    expect(find(scan, secret)!.first.endColumn).toBe(15 + secret.length);
  });
});

describe('a revoke page that is not a link', () => {
  test('is said in the fix but is not the help link', () => {
    const r = new TempRepo();
    repos.push(r);
    const h = {
      detector: {
        id: 'acme-key',
        provider: 'Acme',
        kind: 'Acme key',
        pattern: /^acme_[a-z0-9]{32}$/,
        keywords: ['acme_'],
        severity: 'high' as const,
        minEntropy: 3,
        revokeUrl: 'the gateway team (https://wiki.example/keys)',
      },
      secret: 'acme_' + 'q7z9kd2lmn4pr8st'.repeat(2),
      fingerprint: 'f'.repeat(32),
      first: {
        sha: 'a'.repeat(40),
        date: '2026-01-02T00:00:00Z',
        path: 'a',
        line: 1,
        column: 1,
        endColumn: 38,
      },
      commits: 1,
      allowedInline: false,
      lastSha: 'a'.repeat(40),
    };
    expect(historyFinding(h).helpUri).toBeUndefined();
    expect(historyFinding(h).fix).toContain('Revoke the key at the gateway team (https://wiki.example/keys)');
    expect(
      historyFinding({ ...h, detector: { ...h.detector, revokeUrl: 'http://gw.example/keys' } }).helpUri,
    ).toBe('http://gw.example/keys');
  });
});

describe('inline markers in history', () => {
  let r: TempRepo;
  let allowed: string;
  let mixed: string;
  let scan: HistoryScan;
  let unmarked: string;
  beforeAll(async () => {
    r = new TempRepo();
    repos.push(r);
    allowed = keys.huggingface();
    mixed = keys.xai();
    r.write('a.py', `HF_TOKEN = "${allowed}"  # keylint:allow\n`);
    r.write('m.py', `# secretlint-disable-next-line\nXAI_API_KEY = "${mixed}"\n`);
    r.commit('marked');
    r.write('a.py', `HF_TOKEN = "${allowed}"  # keylint:allow history/huggingface-token\n`);
    r.write('n.py', `XAI_API_KEY = "${mixed}"\n`);
    unmarked = r.commit('unmarked copy');
    r.write('o.py', `XAI_API_KEY = "${mixed}"  # gitleaks:allow\n`);
    r.commit('marked again');
    scan = await scanHistory(r.dir, ['HEAD'], scanEngine());
  });

  test('a key marked everywhere is allowed and counted in no commit', () => {
    const h = find(scan, allowed)!;
    expect(h.allowedInline).toBe(true);
    expect(h.commits).toBe(0);
    expect(h.first.line).toBe(1);
    expect(historyFinding(h).suppressed).toBe('inline');
  });

  test('a key also added without a marker counts only the unmarked commit, and starts there', () => {
    const h = find(scan, mixed)!;
    expect(h.allowedInline).toBe(false);
    expect(h.commits).toBe(1);
    expect(h.first).toMatchObject({ sha: unmarked, path: 'n.py', line: 1 });
    expect(historyFinding(h).suppressed).toBeUndefined();
  });
});

describe('paths', () => {
  let r: TempRepo;
  let inName: string;
  let ignored: string;
  let scan: HistoryScan;
  let again: HistoryScan;
  beforeAll(async () => {
    r = new TempRepo();
    repos.push(r);
    inName = keys.groq();
    ignored = keys.perplexity();
    r.write(`keys/${inName}.txt`, 'x\n');
    r.write('vendor/lib.txt', `k=${ignored}\n`);
    r.commit('add');
    scan = await scanHistory(r.dir, ['HEAD'], scanEngine(), ['vendor/']);
    // The same name, removed and added again by a later commit, and changed by one more.
    r.git('rm', '-q', `keys/${inName}.txt`);
    r.commit('remove');
    r.write(`keys/${inName}.txt`, 'y\n');
    r.commit('again');
    r.write(`keys/${inName}.txt`, 'y\nz\n');
    r.commit('edit');
    again = await scanHistory(r.dir, ['HEAD'], scanEngine(), ['vendor/']);
  });

  test('a key used as a file name is a sighting; ignored paths are not read', () => {
    const h = find(scan, inName)!;
    expect(h.first).toMatchObject({ path: `keys/${inName}.txt`, line: 1, column: 1 });
    expect(h.allowedInline).toBe(false);
    expect(h.commits).toBe(1);
    expect(find(scan, ignored)).toBeUndefined();
    expect(scan.skipped).toEqual([]);
  });

  test('a file name is a sighting in every commit that adds to the file', () => {
    expect(find(again, inName)!.commits).toBe(3);
  });
});

describe('a commit git cannot read', () => {
  let r: TempRepo;
  let older: string;
  let newer: string;
  let broken: string;
  let scan: HistoryScan;
  beforeAll(async () => {
    r = new TempRepo();
    repos.push(r);
    older = keys.groq();
    newer = keys.openrouter();
    r.write('a.txt', `GROQ_API_KEY=${older}\n`);
    r.commit('older key');
    r.write('big.txt', 'content git will lose\n');
    broken = r.commit('a blob goes missing');
    r.write('b.txt', `OPENROUTER_API_KEY=${newer}\n`);
    r.commit('newer key');
    const blob = r.git('rev-parse', `${broken}:big.txt`);
    rmSync(path.join(r.dir, '.git', 'objects', blob.slice(0, 2), blob.slice(2)));
    scan = await scanHistory(r.dir, ['HEAD'], scanEngine());
  });

  test('is skipped and named; the commits before and after it are still read', () => {
    expect(scan.skipped.map((s) => s.sha)).toEqual([broken]);
    // git's own words, without keylint's wrapper.
    expect(scan.skipped[0]!.reason).toMatch(/^(fatal|error): /);
    expect(find(scan, older)?.first.path).toBe('a.txt');
    expect(find(scan, newer)?.first.path).toBe('b.txt');
  });
});

describe('two commits git cannot read', () => {
  let r: TempRepo;
  let first: string;
  let second: string;
  let blobs: string[];
  let kept: string;
  let scan: HistoryScan;
  beforeAll(async () => {
    r = new TempRepo();
    repos.push(r);
    kept = keys.mistral();
    r.write('one.txt', 'lost first\n');
    first = r.commit('first loss');
    r.write('k.txt', `MISTRAL_API_KEY=${kept}\n`);
    r.commit('between');
    r.write('two.txt', 'lost second\n');
    second = r.commit('second loss');
    blobs = [r.git('rev-parse', `${first}:one.txt`), r.git('rev-parse', `${second}:two.txt`)];
    for (const blob of blobs) rmSync(path.join(r.dir, '.git', 'objects', blob.slice(0, 2), blob.slice(2)));
    scan = await scanHistory(r.dir, ['HEAD'], scanEngine());
  });

  test("each is skipped with git's own reason for it, and the commit between them is read", () => {
    // git lists the newest first: the second loss stops the first read, the first loss the retry.
    expect(scan.skipped.map((s) => s.sha)).toEqual([second, first]);
    expect(scan.skipped[0]!.reason).toContain(blobs[1]!);
    expect(scan.skipped[1]!.reason).toContain(blobs[0]!);
    expect(find(scan, kept)?.first.path).toBe('k.txt');
    expect(scan.commits).toBe(3);
  });
});

describe('a file with a NUL byte past the sniffed start', () => {
  test('is text, as in the tree: a key on its first line is found', async () => {
    const r = new TempRepo();
    repos.push(r);
    const key = keys.groq();
    r.write('data.txt', `GROQ_API_KEY=${key}\n${'text line\n'.repeat(1000)}\0 after the start\n`);
    r.write('bin.txt', `\0GROQ_API_KEY=${keys.groq()}\n`);
    r.commit('mixed');
    const scan = await scanHistory(r.dir, ['HEAD'], scanEngine());
    expect([...scan.secrets.values()].map((s) => s.secret)).toEqual([key]);
  });
});

test('revisions git does not know are an error, not an empty history', async () => {
  const r = new TempRepo();
  repos.push(r);
  r.write('a.txt', 'a\n');
  r.commit('a');
  await expect(scanHistory(r.dir, ['no-such-branch'], scanEngine())).rejects.toThrow();
});

describe('added lines too long to hold', () => {
  let r: TempRepo;
  let found: string;
  let marked: string;
  let named: string;
  let otherRule: string;
  let ignoredKey: string;
  let scan: HistoryScan;
  beforeAll(async () => {
    r = new TempRepo();
    repos.push(r);
    found = keys.groq();
    marked = keys.xai();
    named = keys.xai();
    otherRule = keys.xai();
    ignoredKey = keys.perplexity();
    const filler = 'x = 1; '.repeat(200_000);
    r.write('min.js', `${filler}var GROQ_API_KEY="${found}";${filler}\n`);
    r.write('marked.js', `${filler}var XAI_API_KEY="${marked}"; // keylint:allow\n`);
    r.write('named.js', `${filler}var XAI_API_KEY="${named}"; // keylint:allow history/xai-api-key\n`);
    r.write('other.js', `${filler}var XAI_API_KEY="${otherRule}"; // keylint:allow history/groq-api-key\n`);
    r.write('vendor/lib.js', `${filler}var PPLX_API_KEY="${ignoredKey}";${filler}\n`);
    r.commit('minified');
    scan = await scanHistory(r.dir, ['HEAD'], scanEngine(), ['vendor/']);
  });

  test('are scanned as they stream, with their markers, and ignored paths are not', () => {
    const h = find(scan, found)!;
    expect(h.first).toMatchObject({
      path: 'min.js',
      line: 1,
      column: 1_400_000 + 'var GROQ_API_KEY="'.length + 1,
    });
    expect(h.allowedInline).toBe(false);
    expect(h.commits).toBe(1);
    const m = find(scan, marked)!;
    expect(m.allowedInline).toBe(true);
    expect(m.commits).toBe(0);
    expect(find(scan, ignoredKey)).toBeUndefined();
  });

  test("a marker that names the key's rule allows it; one that names another rule does not", () => {
    expect(find(scan, named)).toMatchObject({ allowedInline: true, commits: 0 });
    expect(find(scan, otherRule)).toMatchObject({ allowedInline: false, commits: 1 });
  });
});
