import type { Notice, SummarySection } from '../check.js';
import { severityRank, type Finding, type Location, type Severity } from '../finding.js';
import type { ScanOptions } from '../options.js';
import { registerSecret } from '../secrets.js';
import { code, prose } from '../report/markdown.js';
import { at, wiringFinding, withArticle } from './make-finding.js';
import { isNearMiss, providerOfName } from './names.js';
import { runContext, type RunContext } from './run-context.js';
import { judgeValue, type KeyStatus, type ValueShape } from './value-shape.js';
import type { EnvEntry, Workflow, WorkflowJob, Workflows } from './workflows.js';

/** Where the checked names came from: it decides how loud a missing key is. */
export type KeyEnvSource = 'input' | 'code' | 'default';

export interface RuntimeInput {
  options: ScanOptions;
  names: readonly string[];
  source: KeyEnvSource;
  workflows: Workflows;
}

export interface RuntimeResult {
  findings: Finding[];
  notices: Notice[];
  statuses: { name: string; status: KeyStatus; detail: string }[];
  section: SummarySection;
}

/** How loud a missing or empty key is, by where its name came from (`undefined`: status only). */
const ABSENT_SEVERITY: Record<KeyEnvSource, { missing?: Severity; empty?: Severity }> = {
  input: { missing: 'high', empty: 'high' },
  // A job that only scans for leaks need not hold the keys the code reads: a status, not a finding.
  code: { empty: 'medium' },
  default: { empty: 'medium' },
};

function milder(a: Severity, b: Severity): Severity {
  return severityRank(a) > severityRank(b) ? a : b;
}

function currentJob(
  workflows: readonly Workflow[],
  options: ScanOptions,
): { wf: Workflow; job: WorkflowJob } | undefined {
  const gh = options.github;
  if (!gh?.job) return undefined;
  const candidates = workflows.filter(
    (w) => !gh.workflow || w.name === gh.workflow || w.file === gh.workflow,
  );
  for (const wf of candidates) {
    const job = wf.jobs.find((j) => j.id === gh.job);
    if (job) return { wf, job };
  }
  return undefined;
}

/** The mapping of `name` that this run most likely uses: in the current job first, then anywhere. */
function mappingOf(
  name: string,
  env: EnvEntry[],
  current?: { wf: Workflow; job: WorkflowJob },
): EnvEntry | undefined {
  const all = env.filter((e) => e.name === name);
  return (
    all.find(
      (e) => current && e.file === current.wf.file && (e.level === 'workflow' || e.job === current.job.id),
    ) ?? all[0]
  );
}

interface Why {
  reason: string;
  fix: string;
  location?: Location;
  severity?: Severity;
}

function whyAbsent(
  name: string,
  empty: boolean,
  run: RunContext,
  input: RuntimeInput,
  current: { wf: Workflow; job: WorkflowJob } | undefined,
): Why {
  const env = input.workflows.workflows.flatMap((w) => w.env);
  const mapping = mappingOf(name, env, current);
  const near = env.find((e) => isNearMiss(name, e.name));
  const nearLoc = near && at(near.file, near.line, near.column);
  const mapLoc = mapping ? at(mapping.file, mapping.line, mapping.column) : nearLoc;
  const nearText =
    near && !mapping
      ? `; besides, the workflow maps \`${near.name}\` (${near.file}:${near.line}), not \`${name}\``
      : '';
  if (run.fork)
    return {
      reason: `this run is a pull request from a fork (${run.headRepo ?? 'another repository'}), and GitHub passes no secrets to it${nearText}`,
      fix: 'Expected for fork pull requests: skip the steps that need the key when `github.event.pull_request.head.repo.fork` is true, or run them after merge.',
      location: mapLoc,
      severity: 'low',
    };
  if (run.dependabot)
    return {
      reason: `this run was started by Dependabot, which gets Dependabot secrets, not Actions secrets${nearText}`,
      fix: `Add \`${(mapping ?? near)?.secrets[0] ?? name}\` under Settings → Secrets and variables → Dependabot as well.`,
      location: mapLoc,
      severity: 'medium',
    };
  const inEnvJob = input.workflows.workflows.flatMap((w) =>
    w.jobs
      .filter(
        (j) =>
          j.environment && w.env.some((e) => e.name === name && (e.level === 'workflow' || e.job === j.id)),
      )
      .map((j) => ({ w, j })),
  )[0];
  if (current && !current.job.environment && inEnvJob)
    return {
      reason:
        `job \`${inEnvJob.j.id}\` (${inEnvJob.w.file}:${inEnvJob.j.line}) maps it with \`environment: ${inEnvJob.j.environment}\`, ` +
        `but this job (\`${current.job.id}\`) has no \`environment:\`, so that environment's secrets are not visible here`,
      fix: `Add \`environment: ${inEnvJob.j.environment}\` to job \`${current.job.id}\`, or store the secret at repository level.`,
      location: at(current.wf.file, current.job.line),
    };
  if (near)
    return {
      reason: `the workflow maps \`${near.name}\` (${near.file}:${near.line}), not \`${name}\``,
      fix: `Rename \`${near.name}\` to \`${name}\` in ${near.file}.`,
      location: at(near.file, near.line, near.column),
    };
  const nearSet = Object.keys(input.options.env).find((k) => isNearMiss(name, k) && input.options.env[k]);
  if (nearSet)
    return {
      reason: `this step has \`${nearSet}\` set instead, a near-miss of \`${name}\``,
      fix: `Map the secret under the name the code reads: \`${name}\`.`,
      location: mapLoc,
    };
  if (mapping && empty) {
    const secret = mapping.secrets[0];
    return {
      reason: secret
        ? `${mapping.file}:${mapping.line} maps it from \`secrets.${secret}\`, and a secret that is not defined (or not visible to this run) evaluates to an empty string`
        : `${mapping.file}:${mapping.line} maps it to an empty value`,
      fix: secret
        ? `Define the secret \`${secret}\` under Settings → Secrets and variables → Actions (or in the job's environment).`
        : `Map it from a secret: \`${name}: \${{ secrets.${name} }}\`.`,
      location: mapLoc,
    };
  }
  if (mapping)
    return {
      reason: `it is mapped at ${mapping.file}:${mapping.line}, but not in this step (a step's \`env:\` is visible only to that step, a job's only to that job)`,
      fix: `Map it at job level in the job that runs keylint and the code: \`${name}: \${{ secrets.${mapping.secrets[0] ?? name} }}\`.`,
      location: mapLoc,
    };
  return {
    reason: empty
      ? 'an undefined secret evaluates to an empty string'
      : 'no workflow maps it, or the secret is not defined',
    fix: `Define the secret and map it in the job: \`env: ${name}: \${{ secrets.${name} }}\`.`,
  };
}

/** "malformed: <problems>…", with the length once (a problem may already say it). */
function malformedDetail(s: ValueShape, kind: string | undefined): string {
  const problems = s.problems.join('; ');
  const cleaned = kind ? `; once cleaned, it is ${withArticle(kind)}` : '';
  const length = /\d+ characters|length \d+/.test(problems) ? '' : ` (${s.length} characters)`;
  return `malformed: ${problems}${cleaned}${length}`;
}

function expectedProvider(
  name: string,
  env: ScanOptions['env'],
): { provider?: string; anyProvider: boolean } {
  const provider = providerOfName(name);
  // With OPENAI_BASE_URL pointing elsewhere, an OpenAI-named variable legitimately holds another provider's key.
  const base = provider === 'OpenAI' ? env.OPENAI_BASE_URL?.trim() : undefined;
  let anyProvider = false;
  if (base) {
    try {
      anyProvider = new URL(base).hostname !== 'api.openai.com';
    } catch {
      anyProvider = false;
    }
  }
  return { provider, anyProvider };
}

const LOCAL_HOSTS = new Set(['localhost', '127.0.0.1', '[::1]']);

interface BaseUrlRule {
  name: string;
  /** Checks the path; returns a problem or undefined. */
  path: (pathname: string, host: string) => { problem: string; severity: Severity } | undefined;
}

const BASE_URLS: readonly BaseUrlRule[] = [
  {
    name: 'OPENAI_BASE_URL',
    path: (p, host) =>
      /\/v1\/?$/.test(p)
        ? undefined
        : {
            problem:
              'does not end in `/v1`: the OpenAI SDKs append `/chat/completions` to it, not `/v1/chat/completions`',
            severity: host === 'api.openai.com' ? 'high' : 'low',
          },
  },
  {
    name: 'ANTHROPIC_BASE_URL',
    path: (p) =>
      /\/v1\/?$/.test(p)
        ? {
            problem:
              'ends in `/v1`: the Anthropic SDKs add `/v1/messages` themselves, so requests go to `/v1/v1/messages`',
            severity: 'high',
          }
        : undefined,
  },
];

function baseUrlFindings(env: ScanOptions['env']): Finding[] {
  const out: Finding[] = [];
  for (const rule of BASE_URLS) {
    const raw = env[rule.name];
    if (!raw) continue;
    const problems: string[] = [];
    let severity: Severity = 'high';
    if (raw !== raw.trim()) problems.push('has whitespace or a newline around it');
    let url: URL | undefined;
    try {
      url = new URL(raw.trim());
    } catch {
      problems.push('is not a URL');
    }
    if (url) {
      if (url.username || url.password) problems.push('carries credentials in the URL');
      if (url.protocol !== 'https:' && !(url.protocol === 'http:' && LOCAL_HOSTS.has(url.hostname)))
        problems.push(`uses ${url.protocol.replace(':', '')}, not https`);
      const p = rule.path(url.pathname, url.hostname);
      if (p) {
        problems.push(p.problem);
        if (problems.length === 1) severity = p.severity;
      }
    }
    if (problems.length === 0) continue;
    const host = url ? ` (host \`${url.hostname}\`)` : '';
    out.push(
      wiringFinding('wiring/invalid-base-url', {
        message: `\`${rule.name}\`${host} ${problems.join('; ')}.`,
        severity,
        subject: [rule.name],
      }),
    );
  }
  return out;
}

function orgProjectFinding(env: ScanOptions['env']): Finding[] {
  const set = ['OPENAI_ORG_ID', 'OPENAI_PROJECT_ID'].filter((n) => env[n]?.trim());
  if (set.length === 0) return [];
  return [
    wiringFinding('wiring/openai-org-project-set', {
      message:
        `${set.map((n) => `\`${n}\``).join(' and ')} ${set.length > 1 ? 'are' : 'is'} set in this step: the OpenAI SDKs send ` +
        `${set.length > 1 ? 'them' : 'it'} as the \`OpenAI-Organization\` / \`OpenAI-Project\` header by themselves, and a stale ` +
        'value fails every call with `mismatched_organization` / `mismatched_project`.',
      subject: set,
    }),
  ];
}

function statusTable(statuses: RuntimeResult['statuses'], source: KeyEnvSource): string {
  const from = {
    input: 'the `key-env` input',
    code: 'the names the code reads',
    default: 'the default (the code reads no LLM key name)',
  }[source];
  // Names and details can hold what a workflow or the code says: rendered inert.
  const rows = statuses.map((s) => `| ${code(s.name)} | ${s.status} | ${prose(s.detail)} |`);
  return [
    `Checked names from ${from}. Values are never shown.`,
    '',
    '| Variable | Status | Detail |',
    '|---|---|---|',
    ...rows,
  ].join('\n');
}

/** The step's own environment: is each key there, under the right name, in the right shape? */
export function runtimeFindings(input: RuntimeInput): RuntimeResult {
  const { options } = input;
  const env = options.env;
  const run = runContext(options.github);
  const current = currentJob(input.workflows.workflows, options);
  const findings: Finding[] = [];
  const notices: Notice[] = [];
  const statuses: RuntimeResult['statuses'] = [];
  for (const name of input.names) {
    const value = env[name];
    if (value !== undefined) registerSecret(value);
    const expected = expectedProvider(name, env);
    const shape = judgeValue(name, value, expected.provider, expected.anyProvider);
    registerSecret(shape.core);
    const status = shape.status;
    const mapping = mappingOf(
      name,
      input.workflows.workflows.flatMap((w) => w.env),
      current,
    );
    const mapLoc = mapping && at(mapping.file, mapping.line, mapping.column);
    if (status === 'missing' || status === 'empty') {
      const why = whyAbsent(name, status === 'empty', run, input, current);
      statuses.push({ name, status, detail: why.reason });
      const base = ABSENT_SEVERITY[input.source][status];
      if (base === undefined) continue;
      findings.push(
        wiringFinding('wiring/key-missing', {
          title: `${name} is ${status} in this step`,
          message: `\`${name}\` is ${status === 'missing' ? 'not set' : 'set but empty'} in this step: ${why.reason}.`,
          fix: why.fix,
          location: why.location,
          severity: why.severity ? milder(base, why.severity) : base,
          subject: [name, status],
          facts: { variable: name, status },
        }),
      );
      continue;
    }
    const kind = shape.detector?.kind;
    if (status === 'ok') {
      const detail = `${kind}, ${shape.length} characters: the shape is valid`;
      statuses.push({ name, status, detail });
      notices.push({ level: 'notice', message: `\`${name}\` holds ${withArticle(detail)}.` });
      if (shape.detector?.admin)
        findings.push(
          wiringFinding('wiring/admin-key-in-ci', {
            message: `\`${name}\` holds ${withArticle(kind ?? 'admin key')}: admin keys manage the organisation and are over-privileged for ordinary API calls in CI.`,
            location: mapLoc,
            subject: [name],
            provider: shape.detector.provider,
            keyKind: kind,
          }),
        );
      continue;
    }
    if (status === 'unknown') {
      statuses.push({
        name,
        status,
        detail: `set, ${shape.length} characters; keylint does not know the shape for this name`,
      });
      continue;
    }
    const detail =
      status === 'placeholder'
        ? `a placeholder, not a key (${shape.length} characters)`
        : status === 'wrong-provider'
          ? `${withArticle(kind ?? 'key')}, where ${withArticle(`${expected.provider} key`)} is expected`
          : malformedDetail(shape, kind);
    statuses.push({ name, status, detail });
    const rule = { placeholder: 'wiring/key-placeholder', 'wrong-provider': 'wiring/key-wrong-provider' }[
      status as 'placeholder' | 'wrong-provider'
    ];
    findings.push(
      wiringFinding(rule ?? 'wiring/key-malformed', {
        title: `${name} is ${status}`,
        message: `\`${name}\` is ${detail}.`,
        location: mapLoc,
        subject: [name, status],
        facts: { variable: name, status },
        provider: shape.detector?.provider,
        keyKind: kind,
      }),
    );
  }
  findings.push(...baseUrlFindings(env), ...orgProjectFinding(env));
  return {
    findings,
    notices,
    statuses,
    section: { title: 'Key status', markdown: statusTable(statuses, input.source) },
  };
}
