import { readFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from '@jest/globals';
import Ajv04 from 'ajv-draft-04';
import addFormats from 'ajv-formats';
import { allRules } from '../src/rules.js';
import { buildSarif, renderSarif } from '../src/report/sarif.js';
import { TempRepo } from './helpers/git-repo.js';
import { keys } from './helpers/keys.js';
import { runAction } from './helpers/run-action.js';
import { envFinding, leak, options, realKey, scanResult } from './helpers/scan-result.js';

// The OASIS SARIF 2.1.0 schema (errata 01), kept as test data; it is written in JSON Schema draft-04.
const schema = JSON.parse(
  readFileSync(path.join(import.meta.dirname, 'fixtures', 'sarif', 'sarif-schema-2.1.0.json'), 'utf8'),
) as Record<string, unknown>;
const ajv = new Ajv04({ allErrors: true, strict: false });
addFormats(ajv);
const validate = ajv.compile(schema);

function expectValid(doc: unknown): void {
  const ok = validate(doc);
  expect(validate.errors ?? []).toEqual([]);
  expect(ok).toBe(true);
}

interface SarifRule {
  id: string;
  shortDescription: { text: string };
  fullDescription: { text: string };
  help: { text: string };
  properties: { 'security-severity': string; tags: string[] };
}
interface SarifResult {
  ruleId: string;
  ruleIndex: number;
  level: string;
  message: { text: string };
  locations: {
    physicalLocation: {
      artifactLocation: { uri: string; uriBaseId: string };
      region: Record<string, number>;
    };
  }[];
  partialFingerprints: Record<string, string>;
}
interface SarifLog {
  runs: {
    tool: { driver: { rules: SarifRule[] } };
    results: SarifResult[];
    originalUriBaseIds: Record<string, { uri: string }>;
  }[];
}

describe('SARIF 2.1.0', () => {
  test('the schema rejects what it should (the validator is not a rubber stamp)', () => {
    expect(validate({ version: '2.1.0', runs: [{ tool: { driver: {} } }] })).toBe(false);
    expect(validate({ version: '2.0.0', runs: [] })).toBe(false);
    const bad = buildSarif(scanResult([leak('a.py', 1).finding])) as unknown as SarifLog;
    bad.runs[0]!.results[0]!.locations[0]!.physicalLocation.region.startLine = 0;
    expect(validate(bad)).toBe(false);
  });

  test('one rule per detector and check, each with descriptions, help, security-severity and tags', () => {
    const log = buildSarif(scanResult([])) as unknown as SarifLog;
    expectValid(log);
    const rules = log.runs[0]!.tool.driver.rules;
    expect(rules.map((r) => r.id)).toEqual(allRules().map((r) => r.id));
    expect(new Set(rules.map((r) => r.id)).size).toBe(rules.length);
    for (const r of rules) {
      expect(r.shortDescription.text.length).toBeGreaterThan(0);
      expect(r.fullDescription.text.length).toBeGreaterThan(0);
      expect(r.help.text.length).toBeGreaterThan(0);
      expect(Number(r.properties['security-severity'])).toBeGreaterThan(0);
      expect(r.properties.tags.length).toBeGreaterThan(0);
    }
    const critical = rules.find((r) => r.id === 'leak/openai-project-key')!;
    expect(Number(critical.properties['security-severity'])).toBeGreaterThanOrEqual(9);
  });

  test('results: repository-relative URIs, regions, fingerprints; two places of one key are two results', () => {
    const k = leak('config/app settings.py', 3);
    const again = { ...k.finding, location: { ...k.finding.location!, path: 'other.py', line: 8 } };
    const custom = {
      ...leak('x.txt', 2).finding,
      ruleId: 'leak/custom-gateway',
      title: 'Gateway key committed',
    };
    const r = scanResult([k.finding, again, custom, envFinding()], {
      options: options({
        root: '/work/repo/svc',
        env: {
          GITHUB_WORKSPACE: '/work/repo',
          GITHUB_WORKFLOW_REF: 'acme/app/.github/workflows/ci.yml@refs/heads/main',
        },
      }),
    });
    const text = renderSarif(r);
    const log = JSON.parse(text) as SarifLog;
    expectValid(log);
    const [a, b, c, env] = log.runs[0]!.results;
    expect(a!.locations[0]!.physicalLocation.artifactLocation).toEqual({
      uri: 'svc/config/app%20settings.py',
      uriBaseId: '%SRCROOT%',
    });
    expect(log.runs[0]!.originalUriBaseIds['%SRCROOT%']!.uri).toBe('file:///work/repo/');
    expect(a!.locations[0]!.physicalLocation.region).toMatchObject({ startLine: 3, startColumn: 10 });
    expect(a!.partialFingerprints['keylint/v1']).toBe(k.finding.fingerprint);
    expect(a!.partialFingerprints.primaryLocationLineHash).not.toBe(
      b!.partialFingerprints.primaryLocationLineHash,
    );
    expect(a!.level).toBe('error');
    const rules = log.runs[0]!.tool.driver.rules;
    expect(rules[c!.ruleIndex]!.id).toBe('leak/custom-gateway');
    expect(rules[a!.ruleIndex]!.id).toBe('leak/openai-project-key');
    expect(env!.locations[0]!.physicalLocation.artifactLocation.uri).toBe('.github/workflows/ci.yml');
    expect(env!.locations[0]!.physicalLocation.region).toEqual({ startLine: 1 });
    expect(text).not.toContain(k.secret);
  });
});

describe('the action writes valid SARIF', () => {
  let repo: TempRepo;
  beforeAll(() => {
    repo = new TempRepo();
  });
  afterAll(() => repo.cleanup());

  test('from a real scan, with the sarif-file output pointing at it', () => {
    const secret = realKey(keys.anthropic);
    repo.write('src/client.ts', `export const key = "${secret}";\n`);
    repo.commit('key');
    const run = runAction({ workspace: repo.dir });
    expect(run.outputs['sarif-file']).toMatch(/keylint\.sarif$/);
    const log = JSON.parse(run.sarif) as SarifLog;
    expectValid(log);
    expect(log.runs[0]!.results).toHaveLength(1);
    expect(log.runs[0]!.results[0]!.locations[0]!.physicalLocation.artifactLocation.uri).toBe(
      'src/client.ts',
    );
    expect(run.sarif).not.toContain(secret);
  });
});
