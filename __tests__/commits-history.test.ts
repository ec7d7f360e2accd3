import { afterAll, beforeAll, describe, expect, test } from '@jest/globals';
import { scanEngine } from '../src/detect/scan-file.js';
import { scanHistory } from '../src/sources/history-scan.js';
import { fastHistory } from './helpers/fast-history.js';
import { TempRepo } from './helpers/git-repo.js';
import { keys } from './helpers/keys.js';
import { runAction, runCli } from './helpers/run-action.js';

interface JsonFinding {
  ruleId: string;
  severity: string;
  fingerprint: string;
  location?: { path: string; line: number; column: number };
  commit?: { sha: string; date: string; path: string; line: number };
  commitCount?: number;
  inTree?: boolean;
  message: string;
  fix: string;
}
interface Report {
  findings: JsonFinding[];
  suppressedFindings: JsonFinding[];
  notices: { level: string; message: string }[];
  verdict: string;
}

function scanJson(dir: string, ...args: string[]): { report: Report; raw: string; code: number } {
  const r = runCli([dir, '--format', 'json', ...args]);
  if (r.code === 2) throw new Error(r.stderr);
  return { report: JSON.parse(r.stdout) as Report, raw: r.stdout + r.stderr, code: r.code };
}

const repos: TempRepo[] = [];
function repo(): TempRepo {
  const r = new TempRepo();
  repos.push(r);
  return r;
}
afterAll(() => repos.forEach((r) => r.cleanup()));

describe('a key added in one commit and removed in the next', () => {
  const arrange = () => {
    const r = repo();
    const secret = keys.openaiProject();
    r.write('app.py', 'print("hi")\n');
    const base = r.commit('init', '2026-01-01T10:00:00Z');
    r.write('app.py', `print("hi")\nclient = OpenAI(api_key="${secret}")\n`);
    const added = r.commit('add key', '2026-01-02T10:00:00Z');
    r.write('app.py', 'print("hi")\nclient = OpenAI()\n');
    r.commit('remove key', '2026-01-03T10:00:00Z');
    const { report, raw, code } = scanJson(r.dir, '--since', base);
    return { r, secret, added, report, raw, code };
  };
  let r: ReturnType<typeof arrange>['r'];
  let secret: ReturnType<typeof arrange>['secret'];
  let added: ReturnType<typeof arrange>['added'];
  let report: ReturnType<typeof arrange>['report'];
  let raw: ReturnType<typeof arrange>['raw'];
  let code: ReturnType<typeof arrange>['code'];
  beforeAll(() => {
    ({ r, secret, added, report, raw, code } = arrange());
  });

  test('is one history finding with the commit, its date and the path at that commit', () => {
    expect(code).toBe(1);
    expect(report.findings).toHaveLength(1);
    const f = report.findings[0]!;
    expect(f.ruleId).toBe('history/openai-project-key');
    expect(f.inTree).toBe(false);
    expect(f.commit).toMatchObject({ sha: added, path: 'app.py', line: 2 });
    expect(f.commit?.date).toMatch(/^2026-01-02T10:00:00/);
    expect(f.location).toMatchObject({ path: 'app.py', line: 2, column: 26 });
  });

  test('says plainly that deleting it is not enough, and to revoke before rewriting history', () => {
    const f = report.findings[0]!;
    expect(f.message).toMatch(/no longer in the tree, but it is still in git history/);
    expect(f.fix).toMatch(/^Revoke the key at https:\/\/platform\.openai\.com\/api-keys/);
    expect(f.fix).toMatch(/only if the history must stop carrying it, rewrite history/);
  });

  test('never prints the key', () => {
    expect(raw).not.toContain(secret);
    expect(raw).not.toContain(secret.slice(10, 40));
  });

  test('the tree alone is clean', () => {
    expect(scanJson(r.dir).report.findings).toHaveLength(0);
  });
});

describe('a Google key where Google publishes it: a Firebase web config, a Maps URL', () => {
  test('is low in the tree and in history, says why, and a bare one stays high', () => {
    const r = repo();
    const [firebase, maps, bare, gone] = [keys.google(), keys.google(), keys.google(), keys.google()];
    // As Cline's auth service commits it ("Public Firebase config (safe for open source)").
    r.write(
      'src/firebase.ts',
      `export const firebaseConfig = {\n  apiKey: "${firebase}",\n  authDomain: "app-prod.firebaseapp.com",\n  messagingSenderId: "941048379330",\n};\n`,
    );
    r.write(
      'site/index.html',
      `<img src="https://maps.googleapis.com/maps/api/staticmap?center=Bern&key=${maps}&size=500x300">\n`,
    );
    // A Gemini key beside a Firebase config is still a Gemini key.
    r.write('gemini.py', `FIREBASE_AUTH_DOMAIN = "app-prod.firebaseapp.com"\nGEMINI_API_KEY = "${bare}"\n`);
    r.write('old/firebase.js', `const config = { apiKey: "${gone}", authDomain: "x.firebaseapp.com" };\n`);
    r.commit('init', '2026-01-01T10:00:00Z');
    r.git('rm', '-q', 'old/firebase.js');
    r.commit('drop the old app', '2026-01-02T10:00:00Z');
    const { report, raw } = scanJson(r.dir, '--history');
    const byPath = new Map(report.findings.map((f) => [f.location?.path, f]));
    expect([...byPath.keys()].sort()).toEqual([
      'gemini.py',
      'old/firebase.js',
      'site/index.html',
      'src/firebase.ts',
    ]);
    for (const path of ['src/firebase.ts', 'site/index.html', 'old/firebase.js']) {
      expect(byPath.get(path)?.severity).toBe('low');
      expect(byPath.get(path)?.message).toContain('where Google publishes browser keys by design');
    }
    expect(byPath.get('old/firebase.js')?.ruleId).toBe('history/google-api-key');
    expect(byPath.get('gemini.py')).toMatchObject({ ruleId: 'leak/google-api-key', severity: 'high' });
    expect(byPath.get('gemini.py')?.message).not.toContain('publishes');
    for (const k of [firebase, maps, bare, gone]) expect(raw).not.toContain(k);
  });
});

describe('one secret in many commits', () => {
  const arrange = () => {
    const r = repo();
    const secret = keys.anthropic();
    r.write('README.md', '# x\n');
    r.commit('init', '2026-01-01T00:00:00Z');
    r.write('a.env', `ANTHROPIC_API_KEY=${secret}\n`);
    const first = r.commit('first', '2026-01-02T00:00:00Z');
    r.write('b.env', `ANTHROPIC_API_KEY=${secret}\nother=1\n`);
    r.commit('second', '2026-01-03T00:00:00Z');
    r.write('c/d.env', `# again\nkey: ${secret}\n`);
    r.commit('third', '2026-01-04T00:00:00Z');
    const { report } = scanJson(r.dir, '--history');
    return { first, report };
  };
  let first: ReturnType<typeof arrange>['first'];
  let report: ReturnType<typeof arrange>['report'];
  beforeAll(() => {
    ({ first, report } = arrange());
  });

  test('is one finding per place in the tree, each with where history first had it', () => {
    const tree = report.findings.filter((f) => f.ruleId === 'leak/anthropic-api-key');
    expect(tree.map((f) => f.location?.path).sort()).toEqual(['a.env', 'b.env', 'c/d.env']);
    for (const f of tree) {
      expect(f.commit).toMatchObject({ sha: first, path: 'a.env', line: 1 });
      expect(f.commitCount).toBe(3);
      expect(f.inTree).toBe(true);
      expect(f.message).toMatch(/in git history since commit/);
    }
    expect(report.findings.filter((f) => f.ruleId.startsWith('history/'))).toHaveLength(0);
  });
});

describe('merge commits', () => {
  let r: TempRepo;
  let inResolution: string;
  let onBranch: string;
  let sideSha: string;
  let merge: string;
  beforeAll(() => {
    r = repo();
    inResolution = keys.groq();
    onBranch = keys.openrouter();
    r.write('conf.txt', 'a\nb\nc\n');
    r.commit('init');
    r.git('checkout', '-q', '-b', 'side');
    r.write('conf.txt', 'a\nside\nc\n');
    r.write('side.txt', `token=${onBranch}\n`);
    sideSha = r.commit('side');
    r.git('checkout', '-q', 'main');
    r.write('conf.txt', 'a\nmain\nc\n');
    r.commit('main');
    try {
      r.git('merge', '-q', 'side', '-m', 'merge');
    } catch {
      /* conflict, resolved below by hand */
    }
    r.write('conf.txt', `a\nGROQ=${inResolution}\nc\n`);
    r.write('side.txt', '');
    r.git('add', '-A');
    r.git('commit', '-q', '--no-edit');
    merge = r.git('rev-parse', 'HEAD');
  });
  const arrange = () => {
    // The resolution adds a key that neither side had: only the merge commit holds it.
  };
  beforeAll(arrange);

  test('a key typed into a conflict resolution is found in the merge commit', async () => {
    const scan = await scanHistory(r.dir, ['HEAD'], scanEngine());
    const found = [...scan.secrets.values()].find((s) => s.secret === inResolution);
    expect(found?.first).toMatchObject({ sha: merge, path: 'conf.txt', line: 2 });
  });

  test('a key brought by the merged branch is credited to the branch commit that added it', async () => {
    const scan = await scanHistory(r.dir, ['HEAD'], scanEngine());
    const found = [...scan.secrets.values()].find((s) => s.secret === onBranch);
    expect(found?.first.sha).toBe(sideSha);
    expect(found?.commits).toBe(1);
  });
});

describe('renames, deletions, modes, binaries and odd paths', () => {
  let r: TempRepo;
  let secret: string;
  let binKey: string;
  let added: string;
  beforeAll(() => {
    r = repo();
    secret = keys.google();
    binKey = keys.xai();
    r.write('old name.py', `KEY = "${secret}"\n`);
    added = r.commit('add');
    r.write('src/.keep', '');
    r.git('mv', 'old name.py', 'src/new näme.py');
    r.commit('rename');
    r.git('mv', 'src/new näme.py', 'src/ünï "code".py');
    r.write('src/ünï "code".py', `KEY = "${secret}"\nprint(KEY)\n`);
    r.commit('rename plus edit');
    r.git('update-index', '--chmod=+x', 'src/ünï "code".py');
    r.commit('mode change');
    r.write('blob.bin', Buffer.concat([Buffer.from([0, 1, 2, 0]), Buffer.from(binKey), Buffer.from([0])]));
    r.commit('binary');
    r.git('rm', '-q', 'blob.bin');
    r.commit('delete');
  });

  test('the key is found once, where it was first added, and is still in the tree under its new name', async () => {
    const scan = await scanHistory(r.dir, ['HEAD'], scanEngine());
    expect(scan.secrets.size).toBe(1);
    const only = [...scan.secrets.values()][0]!;
    expect(only.first).toMatchObject({ sha: added, path: 'old name.py', line: 1 });
    expect(only.commits).toBe(1);
    const { report } = scanJson(r.dir, '--history');
    expect(report.findings.map((f) => [f.ruleId, f.location?.path, f.inTree])).toEqual([
      ['leak/google-api-key', 'src/ünï "code".py', true],
    ]);
  });
});

describe('a subdirectory of a repository', () => {
  let r: TempRepo;
  let inside: string;
  let outside: string;
  beforeAll(() => {
    r = repo();
    inside = keys.perplexity();
    outside = keys.replicate();
    r.write('svc/app/x.txt', `k=${inside}\n`);
    r.write('other/y.txt', `k=${outside}\n`);
    r.commit('both');
    r.write('svc/app/x.txt', 'gone\n');
    r.write('other/y.txt', 'gone\n');
    r.commit('remove both');
  });

  test('only its own files are scanned, with paths relative to it', () => {
    const { report } = scanJson(`${r.dir}/svc`, '--history');
    expect(report.findings.map((f) => [f.ruleId, f.location?.path])).toEqual([
      ['history/perplexity-api-key', 'app/x.txt'],
    ]);
  });
});

describe('500 commits', () => {
  let r: TempRepo;
  let secret: string;
  let shas: string[];
  let tip: string;
  beforeAll(() => {
    r = repo();
    secret = keys.openaiServiceAccount();
    shas = [];
    tip = fastHistory(
      r,
      (function* () {
        for (let i = 0; i < 500; i++) {
          const files: Record<string, string | null> = { [`f${i % 20}.txt`]: `line ${i}\n` };
          if (i === 100) files['leak.txt'] = `OPENAI=${secret}\n`;
          if (i === 101) files['leak.txt'] = null;
          if (i === 300) files['again.txt'] = `x\nOPENAI=${secret}\n`;
          if (i === 301) files['again.txt'] = null;
          yield { files };
        }
      })(),
    );
    shas.push(tip);
  });

  test('are read by one git log, and the key is one finding from its first commit', () => {
    const { report } = scanJson(r.dir, '--history');
    expect(report.findings).toHaveLength(1);
    const f = report.findings[0]!;
    expect(f.ruleId).toBe('history/openai-service-account-key');
    expect(f.commitCount).toBe(2);
    expect(f.commit?.path).toBe('leak.txt');
    expect(r.git('log', '--format=%s', '-1', f.commit!.sha)).toBe('commit 101');
  });
});

describe('the summary of a whole-history scan', () => {
  test('names how many commits it read, counted as git listed them', () => {
    const r = repo();
    for (let i = 1; i <= 4; i++) {
      r.write('app.py', `v = ${i}\n`);
      r.commit(`change ${i}`);
    }
    r.git('checkout', '-q', '-b', 'side', 'HEAD~2');
    r.write('side.py', 'w = 1\n');
    r.commit('side change');
    r.git('checkout', '-q', 'main');
    r.git('merge', '-q', '--no-edit', 'side');
    // A commit that only deletes adds nothing git shows, nor does the clean merge: both still count.
    r.git('rm', '-q', 'side.py');
    r.commit('drop side.py');
    const run = runAction({ workspace: r.dir, inputs: { scan: 'history', 'fail-on': 'none' } });
    // Four on main, one on the side branch, the merge and the deletion.
    expect(run.summary).toContain('Scanned all 7 commits reachable from HEAD');
  });
});
