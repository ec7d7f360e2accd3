import { afterAll, beforeAll, describe, expect, test } from '@jest/globals';
import { literalPrefix, parseConfig } from '../src/config/load.js';
import { UserError } from '../src/errors.js';
import { TempRepo } from './helpers/git-repo.js';
import { body, keys } from './helpers/keys.js';
import { runCli } from './helpers/run-action.js';

function errorOf(yaml: string): { message: string; line?: number } {
  try {
    parseConfig(yaml, '.keylint.yml');
  } catch (err) {
    if (err instanceof UserError) return { message: err.message, line: err.where?.line };
    throw err;
  }
  throw new Error('no error');
}

describe('.keylint.yml is validated, and every mistake is an error at its line', () => {
  test.each([
    [
      'rules:\n  leak: false\nignored-paths:\n  - x\n',
      3,
      /unknown key "ignored-paths" \(allowed: rules, ignore, key-env, detectors, policy-changes, tests\)/,
    ],
    [
      'rules:\n  leak/openai-projet-key: false\n',
      2,
      /unknown rule id "leak\/openai-projet-key" \(did you mean "leak\/openai-project-key"\?\)/,
    ],
    [
      'rules:\n  history/groq-api-key:\n    severity: urgent\n',
      3,
      /severity must be one of critical, high, medium, low, info/,
    ],
    ['rules:\n  leak:\n    enable: false\n', 3, /unknown key "enable" \(allowed: enabled, severity\)/],
    ['key-env:\n  - OPENAI_API_KEY\n  - 9LIVES\n', 2, /"9LIVES" is not a variable name/],
    ['ignore: fixtures/\n', 1, /ignore must be a list of strings/],
    [
      'detectors:\n  - id: gateway\n    pattern: "gw_[A-Za-z0-9{32}"\n',
      3,
      /detectors\.gateway: pattern is not a valid regular expression/,
    ],
    [
      'detectors:\n  - id: gateway\n    pattern: "a*"\n    keywords: [a]\n',
      3,
      /pattern matches the empty string/,
    ],
    ['detectors:\n  - id: gateway\n    pattern: "[a-z]{40}"\n', 3, /keywords is required/],
    ['detectors:\n  - id: gw\n    pattern: "gw_[a-z]{9}"\n    colour: red\n', 4, /unknown key "colour"/],
    ['detectors:\n  - id: groq-api-key\n    pattern: "gq_[a-z]{9}"\n', 2, /id of a built-in detector/],
    [
      'detectors:\n  - id: gw\n    pattern: "gw_[a-z]{9}"\n  - id: gw\n    pattern: "gx_[a-z]{9}"\n',
      4,
      /the id "gw" is used twice/,
    ],
    [
      'detectors:\n  - id: gw\n    pattern: "gw_[a-z]{9}"\n    revoke-url: internal\n',
      4,
      /revoke-url must be an https: URL/,
    ],
    ['rules:\n  leak: false\n  leak: true\n', 3, /not valid YAML/],
  ])('%j → line %i', (yaml, line, message) => {
    const e = errorOf(yaml);
    expect(e.message).toMatch(message);
    expect(e.line).toBe(line);
  });

  test('a valid file reads as written', () => {
    const c = parseConfig(
      [
        'rules:',
        '  history: medium',
        '  lint: false',
        '  leak/acme-gateway-key: { severity: critical }',
        'ignore: [vendor/, "*.min.js"]',
        'key-env: [ACME_KEY]',
        'detectors:',
        '  - id: acme-gateway-key',
        '    description: ACME gateway key',
        '    pattern: "acme_gw_[A-Za-z0-9]{32}"',
        '    severity: high',
        '    revoke-url: https://gateway.acme.test/keys',
      ].join('\n'),
      '.keylint.yml',
    );
    expect(c.rules).toEqual({
      history: { severity: 'medium' },
      lint: { enabled: false },
      'leak/acme-gateway-key': { severity: 'critical' },
    });
    expect(c.ignorePaths).toEqual(['vendor/', '*.min.js']);
    expect(c.keyEnv).toEqual(['ACME_KEY']);
    expect(c.detectors[0]).toMatchObject({
      id: 'acme-gateway-key',
      prefix: 'acme_gw_',
      keywords: [],
      severity: 'high',
    });
  });

  test('a keyword is derived only from a literal every key starts with', () => {
    expect(literalPrefix('acme_[a-z]{3}')).toBe('acme_');
    expect(literalPrefix('\\bGW-[a-z]')).toBe('GW-');
    expect(literalPrefix('acmex?[a-z]')).toBe('acme');
    expect(literalPrefix('ab[a-z]')).toBe('');
    expect(literalPrefix('acme_a|other_b')).toBe('');
  });
});

describe('the config at work', () => {
  const arrange = () => {
    const r = new TempRepo();
    const gwKey = ['acme', 'gw', ''].join('_') + body(32);
    const oldGw = ['acme', 'gw', ''].join('_') + body(32);
    const vendored = keys.groq();
    const openai = keys.openaiProject();
    r.write('README.md', '# x\n');
    const base = r.commit('init');
    r.write('old.txt', `token: ${oldGw}\n`);
    r.commit('old gateway key');
    r.write('old.txt', '');
    r.commit('removed');
    const bare = body(40);
    r.write(
      'svc.py',
      `GATEWAY = "${gwKey}"\nOPENAI = "${openai}"\nACME_TOKEN = "${bare}"\nOTHER = "${body(40)}"\n`,
    );
    r.write('vendor/lib.js', `const k = "${vendored}";\n`);
    r.write(
      '.keylint.yml',
      [
        'rules:',
        '  leak/openai-project-key: false',
        '  history/acme-gateway-key: low',
        'ignore:',
        '  - vendor/',
        'detectors:',
        '  - id: acme-gateway-key',
        '    description: ACME gateway key',
        '    pattern: "acme_gw_[A-Za-z0-9]{32}"',
        '    severity: critical',
        '    revoke-url: https://gateway.acme.test/keys',
        '  - id: acme-token',
        '    pattern: "[A-Za-z0-9]{40}"',
        '    keywords: [acme_token]',
      ].join('\n') + '\n',
    );
    r.commit('config');
    const run = runCli([r.dir, '--format', 'json', '--since', base]);
    const report = JSON.parse(run.stdout) as {
      findings: { ruleId: string; severity: string; fix: string; location?: { path: string } }[];
      suppressed: Record<string, number>;
    };
    return { r, gwKey, oldGw, vendored, openai, base, bare, run, report };
  };
  let r: ReturnType<typeof arrange>['r'];
  let gwKey: ReturnType<typeof arrange>['gwKey'];
  let oldGw: ReturnType<typeof arrange>['oldGw'];
  let vendored: ReturnType<typeof arrange>['vendored'];
  let openai: ReturnType<typeof arrange>['openai'];
  let base: ReturnType<typeof arrange>['base'];
  let bare: ReturnType<typeof arrange>['bare'];
  let run: ReturnType<typeof arrange>['run'];
  let report: ReturnType<typeof arrange>['report'];
  beforeAll(() => {
    ({ r, gwKey, oldGw, vendored, openai, base, bare, run, report } = arrange());
  });
  afterAll(() => r.cleanup());

  test('custom detectors find internal keys in the tree and in history, with their own severity', () => {
    const byRule = Object.fromEntries(report.findings.map((f) => [f.ruleId, f]));
    expect(byRule['leak/acme-gateway-key']).toMatchObject({
      severity: 'critical',
      location: { path: 'svc.py' },
    });
    expect(byRule['leak/acme-gateway-key']?.fix).toContain('https://gateway.acme.test/keys');
    expect(byRule['history/acme-gateway-key']).toMatchObject({
      severity: 'low',
      location: { path: 'old.txt' },
    });
    // A pattern without a literal start is believed only as the value of a name with a keyword.
    expect(byRule['leak/acme-token']).toMatchObject({
      severity: 'high',
      location: { path: 'svc.py', line: 3 },
    });
  });

  test('a disabled rule is counted, and ignored paths are not read, in the tree or in history', () => {
    expect(report.findings.map((f) => f.ruleId).sort()).toEqual([
      'history/acme-gateway-key',
      'leak/acme-gateway-key',
      'leak/acme-token',
    ]);
    expect(report.suppressed.config).toBe(1);
    expect(runCli([r.dir, '--since', base]).stdout).toContain('1 finding suppressed: 1 by the configuration');
  });

  test('no key is printed', () => {
    for (const k of [gwKey, oldGw, vendored, openai, bare]) expect(run.stdout + run.stderr).not.toContain(k);
  });

  test('a config error stops the CLI with exit 2 and the file and line', () => {
    const bad = new TempRepo();
    bad.write('.keylint.yml', 'rules:\n  leak: false\ndetectors:\n  - id: x1\n    pattern: "(unclosed"\n');
    const out = runCli([bad.dir]);
    bad.cleanup();
    expect(out.code).toBe(2);
    expect(out.stderr).toMatch(
      /^keylint: \.keylint\.yml:5: detectors\.x1: pattern is not a valid regular expression/,
    );
    expect(out.stderr).not.toMatch(/\n\s+at /);
  });
});
