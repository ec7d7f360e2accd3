import { afterAll, describe, expect, test } from '@jest/globals';
import { randomBytes } from 'node:crypto';
import { TempRepo } from './helpers/git-repo.js';
import { GitHubServer } from './helpers/github-server.js';
import { keys } from './helpers/keys.js';
import { runAction, runActionAsync, type ActionRun } from './helpers/run-action.js';

interface JsonFinding {
  ruleId: string;
  fingerprint: string;
  severity: string;
  message: string;
  location: { path: string; line: number } | null;
  suppressed: string | null;
}
interface Report {
  findings: JsonFinding[];
  suppressedFindings: JsonFinding[];
}
const reportOf = (run: ActionRun): Report => JSON.parse(run.report) as Report;
const changesOf = (run: ActionRun): JsonFinding[] =>
  reportOf(run).findings.filter((f) => f.ruleId === 'config/policy-change');

const cleanups: (() => void)[] = [];
afterAll(() => cleanups.forEach((c) => c()));

/**
 * main: an app and, when given, a policy; feature: what `change` writes, committed on top. Returns
 * the repository with the feature checked out, and a pull request event between the two.
 */
function pullRequest(
  basePolicy: Record<string, string>,
  change: (r: TempRepo) => void,
): { r: TempRepo; event: Record<string, unknown> } {
  const r = new TempRepo();
  cleanups.push(() => r.cleanup());
  r.write('app.py', 'print(1)\n');
  for (const [file, text] of Object.entries(basePolicy)) r.write(file, text);
  const base = r.commit('init');
  r.git('checkout', '-q', '-b', 'feature');
  change(r);
  const head = r.commit('feature');
  return {
    r,
    event: {
      pull_request: {
        number: 9,
        base: { sha: base, ref: 'main', repo: { full_name: 'acme/app' } },
        head: { sha: head, ref: 'feature', repo: { full_name: 'acme/app' } },
      },
    },
  };
}

const runPr = (r: TempRepo, event: Record<string, unknown>, inputs: Record<string, string> = {}): ActionRun =>
  runAction({ workspace: r.dir, eventName: 'pull_request', event, inputs });

describe('a pull request cannot turn keylint off for itself', () => {
  test('rules: { leak: false } beside a new key fails, at the line that turns the check off', () => {
    const key = keys.openaiProject();
    const { r, event } = pullRequest({}, (r) => {
      r.write('app.py', `client = OpenAI(api_key="${key}")\n`);
      r.write('.keylint.yml', '# quiet\nrules:\n  leak: false\n');
    });
    const run = runPr(r, event);
    expect(run.code).toBe(1);
    expect(run.outputs.verdict).toBe('fail');
    const [change] = changesOf(run);
    // High, raised to the severity of the worst finding it silences (an OpenAI key is critical).
    expect(change).toMatchObject({ severity: 'critical', location: { path: '.keylint.yml', line: 3 } });
    expect(change!.message).toMatch(/turns off `leak`.*silences 1 finding/);
    expect(run.annotations).toContainEqual(
      expect.objectContaining({ level: 'error', file: '.keylint.yml', line: 3 }),
    );
    // The key the change silenced is named in the summary, redacted.
    expect(run.summary).toMatch(/1 finding silenced by this change's own edits/);
    expect(run.summary).toMatch(/`leak\/openai-project-key` at `app\.py:1 @ [0-9a-f]{7}`/);
    expect(run.summary).not.toContain(key);
    expect(reportOf(run).suppressedFindings.map((f) => f.ruleId)).toContain('leak/openai-project-key');
  });

  test('ignore: ["**"] fails at the ignore entry', () => {
    const { r, event } = pullRequest({}, (r) => {
      r.write('src/settings.py', `OPENAI_API_KEY = "${keys.openaiProject()}"\n`);
      r.write('.keylint.yml', 'ignore:\n  - "**"\n');
    });
    const run = runPr(r, event);
    expect(run.code).toBe(1);
    expect(changesOf(run)).toEqual([
      expect.objectContaining({ location: expect.objectContaining({ path: '.keylint.yml', line: 2 }) }),
    ]);
    expect(changesOf(run)[0]!.message).toMatch(/ignores `\*\*`/);
    expect(run.summary).toContain('`src/settings.py:1 @');
  });

  test('a severity lowered below fail-on fails', () => {
    const { r, event } = pullRequest({}, (r) => {
      r.write('app.py', `key = "${keys.groq()}"\n`);
      r.write('.keylint.yml', 'rules:\n  leak:\n    severity: low\n');
    });
    const run = runPr(r, event);
    expect(run.code).toBe(1);
    expect(changesOf(run)[0]!.message).toMatch(/lowers `leak` to low, below `fail-on: high`/);
    expect(changesOf(run)[0]!.location).toMatchObject({ path: '.keylint.yml', line: 2 });
  });

  test('an inline marker the pull request adds fails at the marker', () => {
    const { r, event } = pullRequest({}, (r) => {
      r.write('app.py', `print(1)\nkey = "${keys.groq()}"  # keylint:allow\n`);
    });
    const run = runPr(r, event);
    expect(run.code).toBe(1);
    expect(changesOf(run)).toHaveLength(1);
    expect(changesOf(run)[0]).toMatchObject({ location: { path: 'app.py', line: 2 } });
    expect(changesOf(run)[0]!.message).toMatch(/adds an inline marker/);
  });

  test('a fingerprint the pull request adds to .keylintignore fails at its line', () => {
    const key = keys.groq();
    // The fingerprint keylint printed for the key, as a contributor would copy it.
    const { r: probe } = pullRequest({}, (r) => r.write('k.py', `key = "${key}"\n`));
    const { fingerprint } = reportOf(runAction({ workspace: probe.dir, inputs: { scan: 'tree' } }))
      .findings[0]!;
    const { r, event } = pullRequest({ '.keylintignore': '# accepted\n' }, (r) => {
      r.write('k.py', `key = "${key}"\n`);
      r.write('.keylintignore', `# accepted\n${fingerprint}\n`);
    });
    const run = runPr(r, event);
    expect(run.code).toBe(1);
    expect(changesOf(run)[0]).toMatchObject({ location: { path: '.keylintignore', line: 2 } });
  });

  test('baseline entries the pull request adds for its own key fail at the baseline', () => {
    const key = keys.groq();
    // The report a contributor would write with the key in place, committed as the new baseline.
    const { r: probe } = pullRequest({}, (r) => r.write('k.py', `key = "${key}"\n`));
    const accepted = runAction({ workspace: probe.dir, inputs: { scan: 'tree' } }).report;
    const { r, event } = pullRequest(
      { 'ci/baseline.json': JSON.stringify({ tool: 'keylint', findings: [] }) },
      (r) => {
        r.write('k.py', `key = "${key}"\n`);
        r.write('ci/baseline.json', accepted);
      },
    );
    const run = runPr(r, event, { baseline: 'ci/baseline.json' });
    expect(run.code).toBe(1);
    const [change, ...more] = changesOf(run);
    expect(more).toEqual([]);
    expect(change!.message).toMatch(/adds entries to the baseline.*silences 1 finding/);
    expect(change!.location?.path).toBe('ci/baseline.json');
    // At the line of the entry that silences the key.
    const silenced = reportOf(run).suppressedFindings.find((f) => f.suppressed === 'baseline')!;
    expect(accepted.split('\n')[change!.location!.line - 1]).toContain(silenced.fingerprint);
  });

  test('policy-changes: allow added by the pull request is itself such a change', () => {
    const { r, event } = pullRequest({}, (r) => {
      r.write('app.py', `key = "${keys.groq()}"\n`);
      r.write('.keylint.yml', 'policy-changes: allow\nrules:\n  leak: false\n');
    });
    const run = runPr(r, event);
    expect(run.code).toBe(1);
    expect(
      changesOf(run)
        .map((f) => f.location?.line)
        .sort(),
    ).toEqual([1, 3]);
  });

  test('policy-changes: allow on the base lets a reviewed change through', () => {
    const { r, event } = pullRequest({ '.keylint.yml': 'policy-changes: allow\n' }, (r) => {
      r.write('app.py', `key = "${keys.groq()}"\n`);
      r.write('.keylint.yml', 'policy-changes: allow\nrules:\n  leak: false\n  history: false\n');
    });
    const run = runPr(r, event);
    expect(run.code).toBe(0);
    expect(changesOf(run)).toEqual([]);
  });

  test('a policy the base already had is not the change’s doing', () => {
    const { r, event } = pullRequest(
      { '.keylint.yml': 'ignore:\n  - fixtures/\n', '.keylintignore': '# none\n' },
      (r) => {
        r.write('fixtures/sample.py', `key = "${keys.groq()}"\n`);
        r.write('app.py', 'print(2)  # keylint:allow\n');
      },
    );
    const run = runPr(r, event);
    expect(run.code).toBe(0);
    expect(changesOf(run)).toEqual([]);
    expect(run.summary).not.toContain('silenced by this change');
  });

  test('a push is judged by the commit before it', () => {
    const { r, event } = pullRequest({}, (r) => {
      r.write('app.py', `key = "${keys.groq()}"\n`);
      r.write('.keylint.yml', 'rules:\n  leak: false\n');
    });
    const pr = event.pull_request as { base: { sha: string }; head: { sha: string } };
    const run = runAction({
      workspace: r.dir,
      eventName: 'push',
      event: { ref: 'refs/heads/feature', before: pr.base.sha, after: pr.head.sha },
    });
    expect(run.code).toBe(1);
    expect(changesOf(run)).toHaveLength(1);
  });
});

describe('the pull request comment lists what the change silenced', () => {
  const TOKEN = `test-token-${randomBytes(12).toString('hex')}`;
  let server: GitHubServer | undefined;
  afterAll(async () => server?.stop());

  test('the key silenced by rules: { leak: false } is in the comment', async () => {
    server = await GitHubServer.start({ token: TOKEN });
    const { r, event } = pullRequest({}, (r) => {
      r.write('app.py', `key = "${keys.groq()}"\n`);
      r.write('.keylint.yml', 'rules:\n  leak: false\n');
    });
    const run = await runActionAsync({
      workspace: r.dir,
      eventName: 'pull_request',
      event,
      inputs: { 'github-token': TOKEN },
      env: { GITHUB_API_URL: server.url },
    });
    expect(run.code).toBe(1);
    const s = await server.state();
    const body = s.comments.map((c) => c.body).join('\n');
    expect(body).toContain('config/policy-change');
    expect(body).toMatch(/1 finding silenced by this change's own edits/);
    expect(body).toContain('`leak/groq-api-key` at `app.py:1 @');
  });
});
