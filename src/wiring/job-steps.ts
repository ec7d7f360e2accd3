import { isLlmKeyName } from './names.js';
import type { CompositeAction, Workflow, WorkflowJob, WorkflowStep, Workflows } from './workflows.js';

/** A run step as the job runs it: with every name the job has provided by then. */
export interface JobRun {
  wf: Workflow;
  job: WorkflowJob;
  /** The file and line of the `run:` (a composite action's file for its own steps). */
  file: string;
  line: number;
  script: string;
  cwd: string;
  /** Names set for this step: workflow, job and step `env:`, earlier `$GITHUB_ENV` writes, secret managers. */
  provided: Set<string>;
  /** An earlier step that may set any name (an action that exports variables keylint cannot list). */
  possibly?: string;
}

/**
 * Actions that fetch secrets from a manager and export them as environment variables. The names they
 * export are the names in their inputs or the step's `env:` (1Password: `NAME: op://…`); when none is
 * written there (a whole path or project exported), any name may come from them.
 */
const SECRET_MANAGERS: readonly RegExp[] = [
  /^hashicorp\/vault-action@/i,
  /^aws-actions\/aws-secretsmanager-get-secrets@/i,
  /^azure\/get-keyvault-secrets@/i,
  /^1password\/load-secrets-action@/i,
  /^dopplerhq\/[\w-]+@/i,
  /^infisical\/secrets-action@/i,
  /^bitwarden\/sm-action@/i,
  /^google-github-actions\/get-secretmanager-secrets@/i,
];

/** An action input that says it exports to the environment (`export-env`, `inject-env-vars`, `env-file`). */
const ENV_INPUT = /(?:^|[-_])env(?:[-_]|$)|environment/i;

const NAME_IN_TEXT = /\b[A-Z][A-Z0-9_]{2,}\b/g;

/** Names a script writes to `$GITHUB_ENV`, for the steps after it. */
export function githubEnvWrites(script: string): string[] {
  const out: string[] = [];
  const lines = script.split('\n');
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i]!;
    if (!/GITHUB_ENV/.test(line)) continue;
    const before = line.split(/>>?\s*"?\$\{?GITHUB_ENV/)[0]!;
    for (const m of before.matchAll(/\b([A-Za-z_][A-Za-z0-9_]*)(?:=|<<)/g)) out.push(m[1]!);
    const heredoc = /<<-?\s*['"]?(\w+)['"]?/.exec(line);
    if (heredoc && !/\b[A-Za-z_]\w*<</.test(before)) {
      for (let j = i + 1; j < lines.length && lines[j]!.trim() !== heredoc[1]; j++) {
        const m = /^\s*([A-Za-z_][A-Za-z0-9_]*)(?:=|<<)/.exec(lines[j]!);
        if (m) out.push(m[1]!);
      }
    }
  }
  return out;
}

interface State {
  exported: Set<string>;
  possibly?: string;
}

function expand(
  steps: readonly WorkflowStep[],
  file: string,
  outerEnv: readonly string[],
  base: { wf: Workflow; job: WorkflowJob; jobEnv: readonly string[]; cwd: string },
  actions: ReadonlyMap<string, CompositeAction>,
  state: State,
  out: JobRun[],
  depth: number,
): void {
  for (const step of steps) {
    const stepEnv = [...outerEnv, ...step.env.map((e) => e.name)];
    if (step.run) {
      out.push({
        wf: base.wf,
        job: base.job,
        file,
        line: step.run.line,
        script: step.run.script,
        cwd: step.workingDirectory ?? base.cwd,
        provided: new Set([...base.jobEnv, ...stepEnv, ...state.exported]),
        ...(state.possibly ? { possibly: state.possibly } : {}),
      });
      for (const n of githubEnvWrites(step.run.script)) state.exported.add(n);
      continue;
    }
    const uses = step.uses;
    if (!uses) continue;
    if (uses.startsWith('./')) {
      const action = actions.get(uses.slice(2).replace(/\/$/, ''));
      if (action && depth < 4)
        expand(action.steps, action.file, stepEnv, base, actions, state, out, depth + 1);
      continue;
    }
    const inputs = Object.entries(step.with);
    if (SECRET_MANAGERS.some((re) => re.test(uses))) {
      const named = [
        ...inputs.flatMap(([, v]) => [...v.matchAll(NAME_IN_TEXT)].map((m) => m[0])),
        ...step.env.map((e) => e.name),
      ].filter((n) => isLlmKeyName(n));
      for (const n of named) state.exported.add(n);
      if (named.length === 0) state.possibly ??= uses;
      continue;
    }
    if (inputs.some(([k]) => ENV_INPUT.test(k))) state.possibly ??= uses;
  }
}

/** Every run step of every job, with the names provided to it, composite actions expanded in place. */
export function jobRuns(w: Workflows): JobRun[] {
  const out: JobRun[] = [];
  for (const wf of w.workflows) {
    const wfEnv = wf.env.filter((e) => e.level === 'workflow').map((e) => e.name);
    for (const job of wf.jobs) {
      const jobEnv = [
        ...wfEnv,
        ...wf.env.filter((e) => e.level === 'job' && e.job === job.id).map((e) => e.name),
      ];
      const base = { wf, job, jobEnv, cwd: job.workingDirectory ?? '' };
      expand(job.steps, wf.file, [], base, w.actions, { exported: new Set() }, out, 0);
    }
  }
  return out;
}
