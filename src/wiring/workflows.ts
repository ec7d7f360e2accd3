import { isScalar, visit, type Node } from 'yaml';
import type { RepoFiles } from '../sources/tree.js';
import { getIn, itemsOf, pairsOf, parseYaml, scalarText } from './yaml-doc.js';

/** One `NAME: value` of an `env:` block, at workflow, job or step level. */
export interface EnvEntry {
  file: string;
  line: number;
  column: number;
  name: string;
  value: string;
  level: 'workflow' | 'job' | 'step';
  /** The job id, for job and step entries. */
  job?: string;
  /** Names of `secrets.X` / `vars.X` in the value. */
  secrets: string[];
  vars: string[];
}

export interface RunStep {
  line: number;
  script: string;
}

/** One step of a job (or of a local composite action), in order. */
export interface WorkflowStep {
  line: number;
  /** The `run:` script and its line, for a run step. */
  run?: RunStep;
  /** The action a `uses:` step runs (`owner/repo@ref`, `./path`). */
  uses?: string;
  /** The `with:` inputs as text, for actions that take names there (secret managers). */
  with: Record<string, string>;
  env: EnvEntry[];
  workingDirectory?: string;
}

export interface WorkflowJob {
  id: string;
  line: number;
  /** `environment:` name (or its `name:`), when set. */
  environment?: string;
  /** A reusable workflow the job calls (`uses: ./.github/workflows/x.yml`). */
  uses?: string;
  secretsInherit: boolean;
  /** Names passed in an explicit `secrets:` map to a reusable workflow. */
  passedSecrets: string[];
  runSteps: RunStep[];
  steps: WorkflowStep[];
  /** `defaults.run.working-directory` of the job (or of the workflow). */
  workingDirectory?: string;
}

/** A local composite action (`runs.using: composite`): its steps run inside the job that uses it. */
export interface CompositeAction {
  /** The action's directory, as a step names it without `./`. */
  dir: string;
  file: string;
  steps: WorkflowStep[];
}

/** A `secrets.X` reference anywhere in a workflow. */
export interface SecretRef {
  file: string;
  line: number;
  column: number;
  name: string;
  /** Inside a `run:` script rather than mapped through `env:`. */
  inRun: boolean;
}

export interface Workflow {
  file: string;
  /** `name:`, or the path when there is none (as GitHub shows it). */
  name: string;
  env: EnvEntry[];
  jobs: WorkflowJob[];
  secretRefs: SecretRef[];
  /**
   * As a reusable workflow, the secrets it declares it may go without (`on.workflow_call.secrets.X`
   * without `required: true`).
   */
  optionalSecrets: string[];
}

export interface InvalidWorkflow {
  file: string;
  line: number;
  message: string;
}

export interface Workflows {
  workflows: Workflow[];
  invalid: InvalidWorkflow[];
  /** Local composite actions, by directory. */
  actions: Map<string, CompositeAction>;
}

const WORKFLOW_FILE = /^\.github\/workflows\/[^/]+\.ya?ml$/;
const ACTION_FILE = /(?:^|\/)action\.ya?ml$/;
// Property access `secrets.X` (hyphens and digits are allowed by the expression syntax, not by storage)
// and index access `secrets['X']`.
const SECRET_IN_EXPR = /\bsecrets\s*(?:\.\s*([A-Za-z0-9_-]+)|\[\s*'([^']*)'\s*\])/g;
const VAR_IN_EXPR = /\bvars\s*\.\s*([A-Za-z0-9_-]+)/g;
const EXPRESSION = /\$\{\{([\s\S]*?)\}\}/g;

function namesIn(value: string, re: RegExp): string[] {
  const out: string[] = [];
  for (const expr of value.matchAll(EXPRESSION))
    for (const m of expr[1]!.matchAll(re)) out.push(m[1] ?? m[2] ?? '');
  return out;
}

interface Positions {
  lineOf: (node: unknown) => number;
  lineAt: (offset: number) => number;
}

function columnAt(text: string, offset: number): number {
  return offset - (text.lastIndexOf('\n', offset - 1) + 1) + 1;
}

function envEntries(
  node: unknown,
  base: Omit<EnvEntry, 'line' | 'column' | 'name' | 'value' | 'secrets' | 'vars'>,
  text: string,
  pos: Positions,
): EnvEntry[] {
  return pairsOf(node).map((p) => {
    const value = scalarText(p.value) ?? '';
    const start = p.keyNode.range?.[0] ?? 0;
    return {
      ...base,
      line: pos.lineOf(p.keyNode),
      column: columnAt(text, start),
      name: p.key,
      value,
      secrets: namesIn(value, SECRET_IN_EXPR),
      vars: namesIn(value, VAR_IN_EXPR),
    };
  });
}

function environmentName(node: unknown): string | undefined {
  const direct = scalarText(node);
  if (direct !== undefined) return direct || undefined;
  return scalarText(getIn(node, 'name')) || undefined;
}

/** Every `secrets.X` in the file's scalars, at the exact line inside block scalars too. */
function secretRefs(
  file: string,
  text: string,
  contents: unknown,
  pos: Positions,
  runNodes: Set<Node>,
): SecretRef[] {
  const out: SecretRef[] = [];
  visit(contents as Node, {
    Scalar(_key, node) {
      if (!node.range || typeof node.value !== 'string' || !node.value.includes('secrets')) return;
      const raw = text.slice(node.range[0], node.range[1]);
      for (const expr of raw.matchAll(EXPRESSION)) {
        for (const m of expr[1]!.matchAll(SECRET_IN_EXPR)) {
          const offset = node.range[0] + expr.index + 3 + m.index;
          out.push({
            file,
            line: pos.lineAt(offset),
            column: columnAt(text, offset),
            name: m[1] ?? m[2] ?? '',
            inRun: runNodes.has(node),
          });
        }
      }
    },
  });
  return out;
}

function parseSteps(
  node: unknown,
  base: { file: string; job?: string },
  text: string,
  pos: Positions,
  runNodes?: Set<Node>,
): WorkflowStep[] {
  const steps: WorkflowStep[] = [];
  for (const step of itemsOf(node)) {
    const env = envEntries(getIn(step, 'env'), { ...base, level: 'step' }, text, pos);
    const out: WorkflowStep = {
      line: pos.lineOf(step),
      with: Object.fromEntries(pairsOf(getIn(step, 'with')).map((p) => [p.key, scalarText(p.value) ?? ''])),
      env,
    };
    const run = getIn(step, 'run');
    if (isScalar(run)) {
      runNodes?.add(run);
      out.run = { line: pos.lineOf(run), script: scalarText(run) ?? '' };
    }
    const uses = scalarText(getIn(step, 'uses'));
    if (uses) out.uses = uses;
    const wd = scalarText(getIn(step, 'working-directory'));
    if (wd) out.workingDirectory = wd;
    steps.push(out);
  }
  return steps;
}

function parseWorkflow(file: string, text: string): Workflow | InvalidWorkflow {
  const parsed = parseYaml(text);
  if (!parsed.ok) return { file, line: parsed.line, message: parsed.message };
  const root = parsed.doc.contents;
  const env = envEntries(getIn(root, 'env'), { file, level: 'workflow' }, text, parsed);
  const jobs: WorkflowJob[] = [];
  const runNodes = new Set<Node>();
  for (const j of pairsOf(getIn(root, 'jobs'))) {
    env.push(...envEntries(getIn(j.value, 'env'), { file, level: 'job', job: j.key }, text, parsed));
    const steps = parseSteps(getIn(j.value, 'steps'), { file, job: j.key }, text, parsed, runNodes);
    for (const step of steps) env.push(...step.env);
    const runSteps = steps.flatMap((s) => (s.run ? [s.run] : []));
    const workingDirectory =
      scalarText(getIn(getIn(getIn(j.value, 'defaults'), 'run'), 'working-directory')) ??
      scalarText(getIn(getIn(getIn(root, 'defaults'), 'run'), 'working-directory'));
    const secrets = getIn(j.value, 'secrets');
    jobs.push({
      id: j.key,
      line: parsed.lineOf(j.keyNode),
      environment: environmentName(getIn(j.value, 'environment')),
      uses: scalarText(getIn(j.value, 'uses')),
      secretsInherit: scalarText(secrets) === 'inherit',
      passedSecrets: pairsOf(secrets).map((p) => p.key),
      runSteps,
      steps,
      ...(workingDirectory ? { workingDirectory } : {}),
    });
  }
  return {
    file,
    name: scalarText(getIn(root, 'name')) || file,
    env,
    jobs,
    secretRefs: secretRefs(file, text, root, parsed, runNodes),
    optionalSecrets: pairsOf(getIn(getIn(getIn(root, 'on'), 'workflow_call'), 'secrets'))
      .filter((p) => scalarText(getIn(p.value, 'required')) !== 'true')
      .map((p) => p.key),
  };
}

function parseAction(file: string, text: string): CompositeAction | undefined {
  const parsed = parseYaml(text);
  if (!parsed.ok) return undefined;
  const runs = getIn(parsed.doc.contents, 'runs');
  if (scalarText(getIn(runs, 'using')) !== 'composite') return undefined;
  const dir = file.replace(ACTION_FILE, '').replace(/\/$/, '');
  return { dir, file, steps: parseSteps(getIn(runs, 'steps'), { file }, text, parsed) };
}

export function readWorkflows(files: RepoFiles): Workflows {
  const workflows: Workflow[] = [];
  const invalid: InvalidWorkflow[] = [];
  const actions = new Map<string, CompositeAction>();
  for (const f of files.files) {
    if (ACTION_FILE.test(f.path) && !f.path.includes('node_modules/')) {
      const text = files.readText(f.path);
      const action = text === null ? undefined : parseAction(f.path, text);
      if (action) actions.set(action.dir, action);
      continue;
    }
    if (!WORKFLOW_FILE.test(f.path)) continue;
    const text = files.readText(f.path);
    if (text === null) continue;
    const w = parseWorkflow(f.path, text);
    if ('jobs' in w) workflows.push(w);
    else invalid.push(w);
  }
  return { workflows, invalid, actions };
}
