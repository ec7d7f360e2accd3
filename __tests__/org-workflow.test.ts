import { describe, expect, test } from '@jest/globals';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { parse } from 'yaml';
import { ORG_HELP } from '../src/org/cli.js';
import { balanceShards } from '../src/org/shard.js';
import { globMatch } from '../src/org/plan.js';
import { ROOT } from './helpers/run-action.js';

interface Step {
  run?: string;
  uses?: string;
  with?: Record<string, unknown>;
}
interface Job {
  needs?: string | string[];
  strategy?: { matrix?: unknown; 'max-parallel'?: unknown };
  steps: Step[];
}

const workflow = parse(readFileSync(path.join(ROOT, '.github/workflows/org-sweep.yml'), 'utf8')) as {
  on: { workflow_call: { inputs: Record<string, unknown>; secrets: Record<string, unknown> } };
  jobs: Record<string, Job>;
};

describe('the reusable org-sweep workflow runs the commands the tests run', () => {
  test('plan → scan (a matrix over the plan) → report', () => {
    expect(Object.keys(workflow.jobs)).toEqual(['plan', 'scan', 'report']);
    expect(workflow.jobs.scan!.needs).toBe('plan');
    expect(workflow.jobs.scan!.strategy?.matrix).toBe('${{ fromJSON(needs.plan.outputs.matrix) }}');
    expect(workflow.jobs.scan!.strategy?.['max-parallel']).toBe('${{ inputs.max-parallel }}');
    expect(workflow.jobs.report!.needs).toEqual(['plan', 'scan']);
    expect(Object.keys(workflow.on.workflow_call.inputs)).toEqual(
      expect.arrayContaining(['org', 'include', 'exclude', 'history', 'verify-leaked', 'max-parallel']),
    );
    expect(Object.keys(workflow.on.workflow_call.secrets)).toEqual(['token']);
  });

  test('the matrix values the scan job reads are the ones the planner writes', () => {
    const [shard] = balanceShards([{ repository: 'acme/a', sizeKB: 10 }], 1);
    const scanRun = workflow.jobs.scan!.steps.map((s) => JSON.stringify(s)).join('\n');
    for (const used of scanRun.matchAll(/matrix\.(\w+)/g)) expect(Object.keys(shard!)).toContain(used[1]);
  });

  test('every keylint command and flag in the workflow is one the CLI documents', () => {
    const scripts = Object.values(workflow.jobs)
      .flatMap((j) => j.steps)
      .map((s) => s.run ?? '')
      .join('\n');
    expect(scripts).toMatch(/keylint@\$KEYLINT_VERSION" org plan|args=\(org plan/);
    expect(scripts).toMatch(/args=\(org scan/);
    expect(scripts).toMatch(/"keylint@\$KEYLINT_VERSION" merge/);
    const flags = new Set([...scripts.matchAll(/(?<![\w-])--[a-z][a-z-]*/g)].map((m) => m[0]));
    flags.delete('--yes'); // npx's own
    expect(flags.size).toBeGreaterThan(8);
    for (const flag of flags)
      expect(ORG_HELP).toContain(flag === '--org' || flag === '--user' ? flag : `${flag} `);
  });
});

describe('planning pieces', () => {
  test('shards balance by size, largest first, and never exceed 256', () => {
    const repos = Array.from({ length: 1000 }, (_, i) => ({ repository: `o/r${i}`, sizeKB: (i % 50) * 100 }));
    const shards = balanceShards(repos, 400);
    expect(shards).toHaveLength(256);
    expect(shards.reduce((n, s) => n + s.count, 0)).toBe(1000);
    const one = balanceShards(
      [
        { repository: 'o/big', sizeKB: 900_000 },
        { repository: 'o/a', sizeKB: 300_000 },
        { repository: 'o/b', sizeKB: 300_000 },
        { repository: 'o/c', sizeKB: 300_000 },
      ],
      2,
    );
    expect(one.map((s) => s.repositories)).toEqual(['o/big', 'o/a o/b o/c']);
  });

  test('globs match the name, or the full name when they hold a slash', () => {
    expect(globMatch('svc-*', 'acme/svc-api')).toBe(true);
    expect(globMatch('acme/svc-*', 'acme/svc-api')).toBe(true);
    expect(globMatch('other/svc-*', 'acme/svc-api')).toBe(false);
    expect(globMatch('svc-?', 'acme/svc-ab')).toBe(false);
    expect(globMatch('*', 'acme/x.y')).toBe(true);
    expect(globMatch('a.c', 'acme/abc')).toBe(false);
  });
});
