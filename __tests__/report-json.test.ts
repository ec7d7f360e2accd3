import { readFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from '@jest/globals';
import Ajv from 'ajv';
import { DEFAULT_CONFIG } from '../src/config/types.js';
import { applyPolicy } from '../src/policy.js';
import { buildJsonReport, REPORT_SCHEMA_VERSION } from '../src/report/json.js';
import { TempRepo } from './helpers/git-repo.js';
import { keys } from './helpers/keys.js';
import { everything, runAction } from './helpers/run-action.js';
import { envFinding, leak, realKey, scanResult } from './helpers/scan-result.js';

const schema = JSON.parse(
  readFileSync(path.join(import.meta.dirname, 'fixtures', 'keylint-report.schema.json'), 'utf8'),
) as Record<string, unknown>;
const validate = new Ajv({ allErrors: true, allowUnionTypes: true }).compile(schema);

function expectValid(doc: unknown): void {
  validate(doc);
  expect(validate.errors ?? []).toEqual([]);
}

describe('JSON report', () => {
  test('follows the documented schema, version 1', () => {
    const k = leak('a.py', 1);
    const report = buildJsonReport(
      scanResult(
        [k.finding, { ...k.finding, location: { path: 'b.py', line: 2, column: 1 } }, envFinding('low')],
        {
          suppressed: [{ ...leak('c.py', 3).finding, suppressed: 'baseline' }],
          notices: [{ level: 'warning', message: 'skipped: binary', path: 'x.bin' }],
          outputs: { 'key-status': 'OPENAI_API_KEY=ok' },
        },
      ),
      { comment: { state: 'skipped', reason: 'no github-token was given' } },
    );
    expectValid(report);
    expect(report.schemaVersion).toBe(REPORT_SCHEMA_VERSION);
    expect(report.counts).toMatchObject({ critical: 2, low: 1, total: 3, failing: 2, leaked: 1 });
    expect(report.suppressed).toMatchObject({ baseline: 1, total: 1 });
    expect(report.findings[2]!.location).toBeNull();
    expect(report.github?.comment).toEqual({ state: 'skipped', reason: 'no github-token was given' });
    expect(report.github?.checkRun).toEqual({ state: 'off' });
  });

  test('findings of one severity are in path order by code unit, as git lists paths, on any locale', () => {
    const paths = ['a.py', 'Z/x.py', 'B.py', 'b.py', 'ä.py'];
    const result = applyPolicy(
      paths.map((p) => leak(p, 1).finding),
      DEFAULT_CONFIG,
      'high',
      [],
    );
    expect(result.findings.map((f) => f.location?.path)).toEqual(['B.py', 'Z/x.py', 'a.py', 'b.py', 'ä.py']);
  });

  test('the schema rejects a report that breaks it', () => {
    const report = buildJsonReport(scanResult([leak('a.py', 1).finding])) as unknown as Record<
      string,
      unknown
    >;
    expect(validate({ ...report, schemaVersion: 2 })).toBe(false);
    expect(validate({ ...report, findings: [{ ruleId: 'leak/x' }] })).toBe(false);
  });
});

describe('the action outputs', () => {
  let repo: TempRepo;
  beforeAll(() => {
    repo = new TempRepo();
  });
  afterAll(() => repo.cleanup());

  test('findings, leaked (distinct keys), verdict, sarif-file and report (a valid JSON report)', () => {
    const secret = realKey(keys.openaiProject);
    repo.write('a.py', `KEY = "${secret}"\n`);
    repo.write('b/c.py', `KEY = "${secret}"\n`);
    repo.commit('the same key twice');
    const run = runAction({ workspace: repo.dir, inputs: { 'fail-on': 'none' } });
    expect(run.code).toBe(0);
    expect(run.outputs).toMatchObject({ findings: '2', leaked: '1', verdict: 'pass' });
    expect(run.outputs.report).toMatch(/keylint-report\.json$/);
    expect(run.outputs['sarif-file']).toMatch(/\.sarif$/);
    const report = JSON.parse(run.report) as { counts: { leaked: number }; github: { eventName: string } };
    expectValid(report);
    expect(report.counts.leaked).toBe(1);
    expect(report.github.eventName).toBe('push');
    expect(everything(run).replace(/^::add-mask::.*$/gm, '')).not.toContain(secret);
  });
});
