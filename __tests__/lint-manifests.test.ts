import { describe, expect, test } from '@jest/globals';
import { parsePep508, readManifest } from '../src/lint/manifests.js';
import { pep440ToRange, poetryToRange } from '../src/lint/versions.js';

const pin = (
  rel: string,
  text: string,
): Array<{ line: number; range: string; locked: boolean; ecosystem: string }> =>
  readManifest(rel, text).map((p) => ({
    line: p.line,
    range: p.range,
    locked: p.locked,
    ecosystem: p.ecosystem,
  }));

describe('PEP 440 and Poetry specifiers as semver ranges', () => {
  test.each([
    ['==0.28.1', '0.28.1'],
    ['==0.28.*', '0.28.x'],
    ['>=0.27,<1', '>=0.27.0 <1.0.0'],
    ['~=0.27.0', '>=0.27.0 <0.28.0'],
    ['~=1.2', '>=1.2.0 <2.0.0'],
    ['>=1.0.0rc1', '>=1.0.0'],
    ['>=0.27, !=0.27.5', '>=0.27.0'],
    ['', '*'],
  ])('%s → %s', (spec, range) => {
    expect(pep440ToRange(spec)).toBe(range);
  });

  test.each([
    ['^0.28', '^0.28'],
    ['~0.27.4', '~0.27.4'],
    ['0.28.1', '0.28.1'],
    ['>=1,<2', '>=1.0.0 <2.0.0'],
    ['*', '*'],
  ])('poetry %s → %s', (spec, range) => {
    expect(poetryToRange(spec)).toBe(range);
  });

  test('PEP 508 names, extras, markers and parenthesised specifiers', () => {
    expect(parsePep508('OpenAI[datalib] (>=0.27,<1) ; python_version >= "3.8"')).toEqual({
      name: 'openai',
      spec: '>=0.27,<1',
    });
    expect(parsePep508('openai-whisper==2023.11.17')?.name).toBe('openai-whisper');
  });
});

describe('manifests and lockfiles', () => {
  test('requirements.txt: comments, options and other packages are skipped', () => {
    const text =
      '# openai==1.0\n-r base.txt\nlangchain-openai==0.1\nopenai-whisper\nopenai[datalib]==0.28.1  # pinned\n';
    expect(pin('requirements-dev.txt', text)).toEqual([
      { line: 5, range: '0.28.1', locked: false, ecosystem: 'python' },
    ]);
  });

  test("pip's names are case-blind: OpenAI and OPENAI pin the SDK, at their line", () => {
    expect(pin('requirements.txt', 'flask\nOpenAI==0.28.1\n')).toEqual([
      { line: 2, range: '0.28.1', locked: false, ecosystem: 'python' },
    ]);
    expect(pin('Pipfile', '[packages]\nrequests = "*"\nOpenAI = "==0.28.0"\n')).toMatchObject([
      { line: 3, range: '0.28.0' },
    ]);
    const pep621 = '[project]\nname = "x"\ndependencies = [\n  "requests",\n  "OPENAI>=0.27,<1",\n]\n';
    expect(pin('pyproject.toml', pep621)).toMatchObject([{ range: '>=0.27.0 <1.0.0' }]);
  });

  test('pyproject.toml: PEP 621 and Poetry', () => {
    const pep621 = '[project]\nname = "x"\ndependencies = [\n  "requests",\n  "openai>=0.27,<1",\n]\n';
    expect(pin('pyproject.toml', pep621)).toEqual([
      { line: 5, range: '>=0.27.0 <1.0.0', locked: false, ecosystem: 'python' },
    ]);
    const poetry =
      '[tool.poetry.dependencies]\npython = "^3.10"\nopenai = { version = "^0.28", extras = ["datalib"] }\n';
    expect(pin('svc/pyproject.toml', poetry)).toEqual([
      { line: 3, range: '^0.28', locked: false, ecosystem: 'python' },
    ]);
  });

  test('Pipfile and Pipfile.lock', () => {
    expect(pin('Pipfile', '[packages]\nrequests = "*"\nopenai = "==0.28.0"\n')).toMatchObject([
      { line: 3, range: '0.28.0' },
    ]);
    const lock = JSON.stringify({ default: { openai: { version: '==1.51.0' } }, develop: {} }, null, 2);
    expect(pin('Pipfile.lock', lock)).toMatchObject([{ line: 3, range: '1.51.0', locked: true }]);
  });

  test('poetry.lock and uv.lock', () => {
    const lock =
      '[[package]]\nname = "httpx"\nversion = "0.27.0"\n\n[[package]]\nname = "openai"\nversion = "0.28.1"\n';
    expect(pin('poetry.lock', lock)).toEqual([
      { line: 6, range: '0.28.1', locked: true, ecosystem: 'python' },
    ]);
    expect(pin('uv.lock', 'version = 1\n' + lock)).toEqual([
      { line: 7, range: '0.28.1', locked: true, ecosystem: 'python' },
    ]);
  });

  test('setup.cfg install_requires', () => {
    const cfg = '[metadata]\nname = x\n\n[options]\ninstall_requires =\n    requests\n    openai==0.27.8\n';
    expect(pin('setup.cfg', cfg)).toMatchObject([{ line: 7, range: '0.27.8' }]);
  });

  test('package.json and package-lock.json (v3 and v1)', () => {
    const pkg = JSON.stringify({ name: 'x', dependencies: { openai: '^3.3.0' } }, null, 2);
    expect(pin('package.json', pkg)).toEqual([
      { line: 4, range: '^3.3.0', locked: false, ecosystem: 'node' },
    ]);
    const v3 = JSON.stringify(
      { lockfileVersion: 3, packages: { '': {}, 'node_modules/openai': { version: '4.52.0' } } },
      null,
      2,
    );
    expect(pin('package-lock.json', v3)).toMatchObject([{ line: 5, range: '4.52.0', locked: true }]);
    const v1 = JSON.stringify(
      { lockfileVersion: 1, dependencies: { openai: { version: '3.2.1' } } },
      null,
      2,
    );
    expect(pin('package-lock.json', v1)).toMatchObject([{ range: '3.2.1', locked: true }]);
    expect(
      pin('package.json', JSON.stringify({ dependencies: { openai: 'github:openai/openai-node' } })),
    ).toEqual([]);
  });

  test('pnpm-lock.yaml (v9 importers) with a peer suffix', () => {
    const lock =
      "lockfileVersion: '9.0'\nimporters:\n  .:\n    dependencies:\n      openai:\n        specifier: ^4.0.0\n        version: 4.67.3(zod@3.23.8)\n";
    expect(pin('pnpm-lock.yaml', lock)).toEqual([
      { line: 5, range: '4.67.3', locked: true, ecosystem: 'node' },
    ]);
  });

  test('yarn.lock v1 text format and Berry YAML', () => {
    const v1 =
      '# yarn lockfile v1\n\n\naxios@^0.26.0:\n  version "0.26.1"\n\n"openai@^3.2.1", openai@^3.3.0:\n  version "3.3.0"\n  resolved "https://registry.yarnpkg.com/openai/-/openai-3.3.0.tgz"\n';
    expect(pin('yarn.lock', v1)).toEqual([{ line: 7, range: '3.3.0', locked: true, ecosystem: 'node' }]);
    const berry =
      '__metadata:\n  version: 8\n\n"openai@npm:^4.20.0":\n  version: 4.20.1\n  resolution: "openai@npm:4.20.1"\n';
    expect(pin('yarn.lock', berry)).toMatchObject([{ line: 4, range: '4.20.1' }]);
  });

  test('a broken manifest throws (the check turns it into a notice)', () => {
    expect(() => readManifest('pyproject.toml', '[project\ndependencies = ["openai"]')).toThrow();
  });
});
