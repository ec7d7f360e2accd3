import type { JsonFinding as Finding, JsonReport } from '../src/report/json.js';
import { TempRepo } from './helpers/git-repo.js';
import { runCli } from './helpers/run-action.js';

/** A fixture project in a temp dir (no git: the lint reads the tree as it is). */
export function project(files: Record<string, string>): TempRepo {
  const repo = new TempRepo({ git: false, prefix: 'keylint-lint-' });
  for (const [rel, text] of Object.entries(files)) repo.write(rel, text);
  return repo;
}

export interface LintRun {
  report: JsonReport;
  /** Everything the CLI printed. */
  output: string;
}

/** Scans a fixture project with the built CLI (JSON report) on a fixed "today", and removes it. */
export async function lintProject(files: Record<string, string>, today = '2026-11-27'): Promise<LintRun> {
  const repo = project(files);
  try {
    const r = runCli([repo.dir, '--format', 'json', '--fail-on', 'none'], { env: { KEYLINT_TODAY: today } });
    if (r.code !== 0) throw new Error(`keylint exited ${r.code}: ${r.stderr}`);
    return { report: JSON.parse(r.stdout) as JsonReport, output: r.stdout + r.stderr };
  } finally {
    repo.cleanup();
  }
}

export function lintFindings(run: LintRun): Finding[] {
  return run.report.findings.filter((f) => f.category === 'lint');
}

/** `rule path:line` for compact assertions. */
export function where(findings: Finding[]): string[] {
  return findings.map((f) => `${f.ruleId} ${f.location?.path}:${f.location?.line}`).sort();
}

/** `rule path:line` for every place, related locations included (a finding is one per file and rule). */
export function whereAll(findings: Finding[]): string[] {
  return findings
    .flatMap((f) =>
      [f.location, ...(f.relatedLocations ?? [])].map((l) => `${f.ruleId} ${l?.path}:${l?.line}`),
    )
    .sort();
}
