import { afterAll, beforeAll, describe, expect, test } from '@jest/globals';
import { isManifestName } from '../src/lint/manifest-names.js';
import { manifestKind } from '../src/lint/manifests.js';
import { isSdkManifest } from '../src/wiring/sdk-version.js';
import { TempRepo } from './helpers/git-repo.js';
import { runCli } from './helpers/run-action.js';

interface Report {
  findings: Array<{ ruleId: string; location?: { path: string } }>;
  notices: Array<{ level: string; message: string; path: string | null }>;
}

test('the file pass knows every manifest name the lint and the wiring check read', () => {
  const manifests = [
    'requirements.txt',
    'requirements-dev.in',
    'deps/requirements/prod.txt',
    'pyproject.toml',
    'Pipfile',
    'Pipfile.lock',
    'poetry.lock',
    'uv.lock',
    'setup.cfg',
    'web/package.json',
    'package-lock.json',
    'npm-shrinkwrap.json',
    'pnpm-lock.yaml',
    'yarn.lock',
  ];
  // Each is read by the lint or the wiring check, and the file pass lets each through.
  for (const p of manifests) {
    expect([p, manifestKind(p) !== undefined || isSdkManifest(p)]).toEqual([p, true]);
    expect([p, isManifestName(p)]).toEqual([p, true]);
  }
  for (const p of ['node_modules/x/package.json', 'README.md', 'src/package.json.bak'])
    expect([p, isManifestName(p)]).toEqual([p, false]);
});

describe('manifests that never name openai are not read again', () => {
  let repo: TempRepo;
  let report: Report;
  beforeAll(() => {
    repo = new TempRepo();
    repo.write('package.json', JSON.stringify({ dependencies: { openai: '^3.3.0' } }));
    // pip's names are case-blind: this pin counts.
    repo.write('py/requirements.txt', 'flask\nOpenAI==0.28.1\n');
    repo.write('broken/package.json', '{ "dependencies": { "openai": ');
    repo.write('unrelated/package.json', '{ "name": "x", ');
    repo.commit('init');
    report = JSON.parse(runCli([repo.dir, '--format', 'json', '--fail-on', 'none']).stdout) as Report;
  });
  afterAll(() => repo.cleanup());

  test('pins are still found, in any case', () => {
    const outdated = report.findings.filter((f) => f.ruleId === 'lint/openai-sdk-outdated');
    expect(outdated.map((f) => f.location?.path).sort()).toEqual(['package.json', 'py/requirements.txt']);
  });

  test('a broken manifest is reported only when it names the SDK', () => {
    const unparsed = report.notices.filter((n) => n.message.includes('could not parse'));
    expect(unparsed.map((n) => n.path)).toEqual(['broken/package.json']);
  });
});
