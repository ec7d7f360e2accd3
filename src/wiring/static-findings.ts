import { looksLikeKey } from '../detect/looks-like-key.js';
import { factFingerprint, redact, secretFingerprint, type Finding, type Severity } from '../finding.js';
import { registerSecret } from '../secrets.js';
import type { Notice } from '../check.js';
import { codeReadsIn, type CodeRead } from './code-names.js';
import { jobRuns, type JobRun } from './job-steps.js';
import { at, wiringFinding, withArticle } from './make-finding.js';
import { isLlmKeyName, isNearMiss, isOptionalName, isSecretLikeName, providerOfName } from './names.js';
import { Reach, type ReachedRead } from './reach.js';
import { isModern, type OpenAiSdk } from './sdk-version.js';
import { detectorFor } from './value-shape.js';
import { runTargets, type Tree } from './step-runs.js';
import type { EnvEntry, SecretRef, Workflows } from './workflows.js';

export interface StaticInput {
  reads: readonly CodeRead[];
  workflows: Workflows;
  sdks: readonly OpenAiSdk[];
  /** Findings of earlier checks: a literal key the leak check already reported is not reported twice. */
  earlier: readonly Finding[];
  tree: Tree;
  /** The key names the live check reads (`key-env`, or the code's): a secret by that name is an LLM key. */
  keyEnv: readonly string[];
  /** Notices of this check (an action that may export any variable). */
  notices: Notice[];
}

/** The 0.x names and what 1.x reads instead. */
export const LEGACY_OPENAI_NAMES: Record<string, string> = {
  OPENAI_API_BASE: 'OPENAI_BASE_URL',
  OPENAI_ORGANIZATION: 'OPENAI_ORG_ID',
};

export function where(r: { path: string; line: number }): string {
  return `${r.path}:${r.line}`;
}

function describeRead(r: CodeRead): string {
  return r.via === 'sdk' ? `${where(r)} (through \`${r.client}\`, which reads it by itself)` : where(r);
}

function invalidWorkflowFindings(w: Workflows): Finding[] {
  return w.invalid.map((bad) => ({
    ruleId: 'config/invalid',
    category: 'config',
    severity: 'high',
    title: 'Workflow file is not valid YAML',
    message: `${bad.file} is not valid YAML at line ${bad.line}: ${bad.message}. GitHub will not run it; keylint scanned the other files.`,
    fix: `Fix the YAML syntax at ${bad.file}:${bad.line}.`,
    location: at(bad.file, bad.line),
    fingerprint: factFingerprint('config/invalid', bad.file),
  }));
}

function allEnv(w: Workflows): EnvEntry[] {
  return [
    ...w.workflows.flatMap((x) => x.env),
    ...[...w.actions.values()].flatMap((a) => a.steps.flatMap((s) => s.env)),
  ];
}

function isProvided(r: CodeRead, provided: Set<string>): boolean {
  return (r.alternatives ?? [r.name]).some((n) => provided.has(n));
}

function nameMismatches(
  reads: readonly CodeRead[],
  env: EnvEntry[],
  readNames: Set<string>,
  reached: readonly ReachedByJob[],
): Finding[] {
  const provided = new Set(env.map((e) => e.name));
  const out: Finding[] = [];
  const seen = new Set<string>();
  // Optional reads too: a guarded read (a test skipped without the key) fails silently under a near-miss.
  const candidates = reads.filter((r) => isSecretLikeName(r.name) && !isProvided(r, provided));
  for (const e of env) {
    if (readNames.has(e.name)) continue;
    // Cite the read in a file the job that maps the name runs, when there is one.
    const inJob = reached
      .filter((x) => x.run.wf.file === e.file && (e.job === undefined || x.run.job.id === e.job))
      .flatMap((x) => x.reads.map((y) => y.read))
      // A guarded read that never gets the value is the silent failure a near-miss causes.
      .filter((r) => r.via === 'code' || r.via === 'sdk');
    const names = new Set<string>();
    for (const r of candidates) if (isNearMiss(r.name, e.name)) names.add(r.name);
    for (const name of names) {
      const r = inJob.find((x) => x.name === name) ?? candidates.find((x) => x.name === name)!;
      const key = `${e.file}\0${e.line}\0${r.name}`;
      if (seen.has(key)) continue;
      seen.add(key);
      out.push(
        wiringFinding('wiring/name-mismatch', {
          message:
            `${e.file}:${e.line} sets \`${e.name}\`, but the code reads \`${r.name}\` at ${describeRead(r)}: ` +
            `the names differ, so the code sees no \`${r.name}\`.`,
          fix: `Rename \`${e.name}\` to \`${r.name}\` in ${e.file} (the secret's own name may stay as it is).`,
          location: at(e.file, e.line, e.column),
          subject: [e.file, e.name, r.name],
          facts: { codeName: r.name, workflowName: e.name, codeAt: where(r) },
        }),
      );
    }
  }
  return out;
}

/** Where a reached read is, and how the step gets to it, for a message. */
function describeReach(x: ReachedRead): string {
  const t = x.target;
  const runs =
    t.kind === 'file'
      ? `runs ${t.path} (${t.how})`
      : `runs the tests under ${t.dirs.map((d) => d || 'the repository root').join(', ')} (${t.how})`;
  const through = x.entry ? `, which imports ${x.read.path}` : '';
  const how = t.kind === 'tests' ? ', in a test that does not mock the provider' : '';
  return `${runs}${through}, and ${describeRead(x.read)} reads \`${x.read.name}\`${how}`;
}

/** The line (1-based) of the script's first assignment to each variable: `NAME=…`, `export NAME=…`, `read NAME`. */
function assignedIn(script: string): Map<string, number> {
  const first = new Map<string, number>();
  script.split('\n').forEach((line, i) => {
    for (const m of line.matchAll(
      /(?:^\s*|[;&|({]\s*|\b(?:export|local|declare(?:\s+-\w+)*|readonly)\s+)([A-Za-z_]\w*)=|\bread\s+(?:-\w+\s+)*([A-Za-z_]\w*)/g,
    )) {
      const name = m[1] ?? m[2]!;
      if (!first.has(name)) first.set(name, i + 1);
    }
  });
  return first;
}

/**
 * Reads of the `run:` script itself (`curl -H "Authorization: Bearer $OPENAI_API_KEY"`), but not of a
 * variable the script sets first (`OPENAI_API_KEY=$(jq … "$GITHUB_EVENT_PATH")`, then
 * `echo "::add-mask::$OPENAI_API_KEY"`).
 */
function inlineReads(run: JobRun): ReachedRead[] {
  const assigned = assignedIn(run.script);
  const reads = codeReadsIn(`${run.file}.sh`, Buffer.from(run.script, 'utf8')).filter(
    (r) => !((assigned.get(r.name) ?? Infinity) <= r.line),
  );
  return reads.map((r) => ({
    read: { ...r, path: run.file, line: run.line },
    target: { kind: 'file' as const, path: run.file, how: 'its own script' },
  }));
}

export interface ReachedByJob {
  run: JobRun;
  reads: ReachedRead[];
}

/** For every run step, the reads it provably runs. */
export function reachedReads(w: Workflows, tree: Tree, reads: readonly CodeRead[]): ReachedByJob[] {
  const byPath = new Map<string, CodeRead[]>();
  for (const r of reads) {
    if (r.via !== 'code' && r.via !== 'sdk') continue;
    const list = byPath.get(r.path);
    if (list) list.push(r);
    else byPath.set(r.path, [r]);
  }
  const reach = new Reach(tree, byPath);
  return jobRuns(w).map((run) => ({
    run,
    reads: [...inlineReads(run), ...runTargets(tree, run.script, run.cwd).flatMap((t) => reach.readsOf(t))],
  }));
}

function keysNotProvided(
  reached: readonly ReachedByJob[],
  w: Workflows,
  mismatched: Set<string>,
  notices: Notice[],
): Finding[] {
  const everywhere = allEnv(w);
  const out: Finding[] = [];
  const seen = new Set<string>();
  const noticed = new Set<string>();
  for (const { run, reads } of reached)
    for (const x of reads) {
      const r = x.read;
      const names = r.alternatives ?? [r.name];
      if (r.optional || !isLlmKeyName(r.name) || names.some(isOptionalName) || mismatched.has(r.name))
        continue;
      if (names.some((n) => run.provided.has(n))) continue;
      const key = `${run.wf.file}\0${run.job.id}\0${r.name}`;
      if (seen.has(key)) continue;
      seen.add(key);
      if (run.possibly) {
        if (!noticed.has(run.possibly))
          notices.push({
            level: 'notice',
            message: `\`${run.possibly}\` may export variables to the job (${run.wf.file}, job \`${run.job.id}\`): keylint cannot tell which, so it does not say a key is missing there.`,
            path: run.wf.file,
          });
        noticed.add(run.possibly);
        continue;
      }
      const listed = names.map((n) => `\`${n}\``).join(' or ');
      const elsewhere = everywhere.find((e) => names.includes(e.name));
      const also = elsewhere
        ? ` (it is mapped at ${elsewhere.file}:${elsewhere.line}, which this step does not see)`
        : '';
      out.push(
        wiringFinding('wiring/key-not-provided', {
          message:
            `${run.file}:${run.line} (job \`${run.job.id}\`) ${describeReach(x)}, ` +
            `but no \`env:\` of that job or step sets ${listed}${also}: the step runs with it unset.`,
          fix: `Add \`${r.name}: \${{ secrets.${r.name} }}\` to the \`env:\` of job \`${run.job.id}\` (or of that step), and define the secret.`,
          location: at(run.file, run.line),
          subject: [run.wf.file, run.job.id, r.name],
          facts: { codeName: r.name, codeAt: where(r), job: run.job.id },
          provider: providerOfName(r.name),
        }),
      );
    }
  return out;
}

const STORABLE_SECRET = /^[A-Za-z_][A-Za-z0-9_]*$/;

/** Tokens GitHub issues itself, and secrets that are not LLM keys, are not this check's concern in a script. */
function isLlmSecret(name: string, keyEnv: readonly string[]): boolean {
  return name.toUpperCase() !== 'GITHUB_TOKEN' && (isLlmKeyName(name) || keyEnv.includes(name));
}

function secretReferenceFindings(w: Workflows, keyEnv: readonly string[]): Finding[] {
  const out: Finding[] = [];
  /** Each workflow's expansions of an LLM key's secret into a script, by file and name. */
  const inRun = new Map<string, SecretRef[]>();
  for (const wf of w.workflows)
    for (const ref of wf.secretRefs) {
      const loc = at(ref.file, ref.line, ref.column);
      const reserved = /^GITHUB_/i.test(ref.name) && ref.name.toUpperCase() !== 'GITHUB_TOKEN';
      if (!STORABLE_SECRET.test(ref.name) || reserved) {
        const why = reserved
          ? 'names starting with `GITHUB_` are reserved'
          : /^\d/.test(ref.name)
            ? 'a name cannot start with a digit'
            : 'a name may hold only letters, digits and underscores';
        out.push(
          wiringFinding('wiring/invalid-secret-name', {
            message: `\`secrets.${ref.name}\` can never hold a value: ${why}, so it evaluates to an empty string.`,
            fix: `Use the name of a defined secret, e.g. \`secrets.${ref.name
              .replace(/^GITHUB_/i, '')
              .replace(/[^A-Za-z0-9_]/g, '_')
              .replace(/^(\d)/, '_$1')}\`.`,
            location: loc,
            subject: [ref.file, ref.name],
          }),
        );
      }
      if (ref.inRun && isLlmSecret(ref.name, keyEnv)) {
        const key = `${ref.file}\0${ref.name}`;
        inRun.set(key, [...(inRun.get(key) ?? []), ref]);
      }
    }
  // One finding per workflow and secret, at its first expansion: the fix is the same for every line.
  for (const refs of inRun.values()) {
    const ref = refs[0]!;
    // The other lines, each once: the annotations and SARIF show them beside the first.
    const others = refs.filter(
      (r, i) => r.line !== ref.line && refs.findIndex((o) => o.line === r.line) === i,
    );
    const finding = wiringFinding('wiring/secret-in-run', {
      message:
        `\`\${{ secrets.${ref.name} }}\` is expanded into the \`run:\` script at ${ref.file}:${ref.line}` +
        (others.length > 0
          ? ` (and at line${others.length > 1 ? 's' : ''} ${others.map((r) => r.line).join(', ')})`
          : '') +
        ': the key is pasted into the script before the shell reads it, so it is written into the script ' +
        'file on the runner, and a quote, `$` or backtick in it changes what the script runs.',
      fix: `Map it in the step: \`env: ${ref.name}: \${{ secrets.${ref.name} }}\`, and use \`"$${ref.name}"\` in the script.`,
      location: at(ref.file, ref.line, ref.column),
      subject: [ref.file, ref.name, 'run'],
    });
    if (others.length > 0) finding.relatedLocations = others.map((r) => at(r.file, r.line, r.column));
    out.push(finding);
  }
  return out;
}

/** A local reusable workflow reads a secret its caller does not pass (without `secrets: inherit`). */
function secretsNotPassed(w: Workflows): Finding[] {
  const out: Finding[] = [];
  const byFile = new Map(w.workflows.map((x) => [x.file, x]));
  for (const caller of w.workflows)
    for (const job of caller.jobs) {
      const target = job.uses?.startsWith('./') ? byFile.get(job.uses.slice(2).split('@')[0]!) : undefined;
      if (!target || job.secretsInherit) continue;
      const seen = new Set<string>();
      for (const ref of target.secretRefs) {
        if (ref.name === 'GITHUB_TOKEN' || job.passedSecrets.includes(ref.name) || seen.has(ref.name))
          continue;
        // Declared optional: the reusable workflow is written to run without it (Continue's release
        // workflow tests each package with whichever provider keys its caller has).
        if (target.optionalSecrets.includes(ref.name)) continue;
        seen.add(ref.name);
        out.push(
          wiringFinding('wiring/secret-not-passed', {
            message:
              `Job \`${job.id}\` calls ${target.file} without passing \`${ref.name}\`, which it reads at ` +
              `${ref.file}:${ref.line}: a reusable workflow sees only the secrets its caller passes, so it is empty there.`,
            fix: `Pass it in the caller: \`secrets: ${ref.name}: \${{ secrets.${ref.name} }}\` (or \`secrets: inherit\`).`,
            location: at(caller.file, job.line),
            subject: [caller.file, job.id, ref.name],
          }),
        );
      }
    }
  return out;
}

/** Names that hold a credential, narrower than "mentions KEY" (`CACHE_KEY`, `SSH_KEY_PATH` are not). */
const CREDENTIAL_NAME = /(?:API_?KEY|TOKEN|SECRET|SECRET_KEY|PASSWORD)$/i;

/** A literal that could be a key: long, one token, irregular, and not a template or stand-in. */

/**
 * A value that is another language's way to read a variable: the job gets this text, not a value.
 * `$NAME` is shell's, which GitHub does not expand in `env:` either.
 */
const CODE_VALUE =
  /^(?:os\.environ\b|os\.getenv\(|process\.env\b|import\.meta\.env\b|Deno\.env\.|Environment\.GetEnvironmentVariable\(|System\.getenv\(|ENV\[|ENV\.fetch\(|(?:std::)?env::var\(|os\.Getenv\(|\$env:|\$\{?[A-Za-z_][A-Za-z0-9_]*\}?$)/;

function codeValues(env: EnvEntry[]): Finding[] {
  const out: Finding[] = [];
  for (const e of env) {
    const v = e.value.trim();
    if (!CODE_VALUE.test(v) || !(isLlmKeyName(e.name) || isSecretLikeName(e.name))) continue;
    const read = /["'](\w+)["']|\.(\w+)$|\$\{?(\w+)\}?$|:(\w+)$/.exec(v);
    const source = read?.[1] ?? read?.[2] ?? read?.[3] ?? read?.[4] ?? e.name;
    out.push(
      wiringFinding('wiring/env-value-is-code', {
        message:
          `${e.file}:${e.line} sets \`${e.name}\` to code that reads \`${source}\`: GitHub does not run it, ` +
          'so the job gets that text as the value, not the key.',
        fix: `Write \`${e.name}: \${{ secrets.${source} }}\` (the secret's name), and define the secret.`,
        location: at(e.file, e.line, e.column),
        subject: [e.file, e.name],
        facts: { variable: e.name, reads: source },
      }),
    );
  }
  return out;
}

function literalKeys(env: EnvEntry[], earlier: readonly Finding[]): Finding[] {
  const out: Finding[] = [];
  for (const e of env) {
    const v = e.value.trim();
    if (CODE_VALUE.test(v)) continue;
    if (!(isLlmKeyName(e.name) || CREDENTIAL_NAME.test(e.name)) || !looksLikeKey(v)) continue;
    const leak = earlier.some(
      (f) => f.category === 'leak' && f.location?.path === e.file && f.location.line === e.line,
    );
    if (leak) continue;
    registerSecret(v);
    const detector = detectorFor(e.name, v);
    const d = detector ?? { severity: 'high' as Severity, kind: undefined, provider: undefined };
    out.push({
      ...wiringFinding('wiring/literal-key-in-workflow', {
        message:
          `${e.file}:${e.line} assigns a literal value to \`${e.name}\`` +
          (d.kind ? ` (${withArticle(d.kind)})` : '') +
          ': the key is committed with the workflow.',
        fix: `Revoke the key, store a new one as a secret, and write \`${e.name}: \${{ secrets.${e.name} }}\`.`,
        location: at(e.file, e.line, e.column),
        severity: d.severity,
        subject: [],
        provider: d.provider,
        keyKind: d.kind,
      }),
      evidence: redact(v),
      fingerprint: secretFingerprint(v),
    });
  }
  return out;
}

/** Libraries that read the 0.x names themselves: a legacy name set for them is not a mistake. */
const READS_LEGACY_NAMES =
  /\b(?:litellm|langchain|llama[-_]?index|crewai|autogen|dspy|guidance|instructor)\b/i;

/**
 * A 0.x name is a mistake only where the 1.x SDK would read it implicitly and the code relies on
 * that: a workflow or template sets it, a client is built without the setting, and no code reads the
 * name to pass it explicitly, nor does a library that reads it sit in the manifests.
 */
function legacyNames(
  reads: readonly CodeRead[],
  env: EnvEntry[],
  sdks: readonly OpenAiSdk[],
  tree: Tree,
): Finding[] {
  const modern = sdks.find(isModern);
  if (!modern) return [];
  const implicit = reads.some((r) => r.via === 'sdk' && r.client?.includes('OpenAI') && r.optional);
  if (!implicit) return [];
  const explicit = new Set(reads.filter((r) => r.via === 'code').map((r) => r.name));
  const manifests = tree.paths.filter(
    (p) =>
      /(?:^|\/)(?:requirements[\w.-]*\.(?:txt|in)|pyproject\.toml|package\.json)$/.test(p) &&
      !p.includes('node_modules/'),
  );
  if (manifests.some((p) => READS_LEGACY_NAMES.test(tree.read(p) ?? ''))) return [];
  const sdkText = `openai ${modern.version} (${modern.path})`;
  const places = [
    ...reads
      .filter((r) => r.via === 'template')
      .map((r) => ({ name: r.name, path: r.path, line: r.line, column: r.column })),
    ...env.map((e) => ({ name: e.name, path: e.file, line: e.line, column: e.column })),
  ];
  return places
    .filter((p) => LEGACY_OPENAI_NAMES[p.name] && !explicit.has(p.name))
    .map((p) => {
      const now = LEGACY_OPENAI_NAMES[p.name]!;
      return wiringFinding('wiring/legacy-openai-name', {
        message:
          `${p.path}:${p.line} sets \`${p.name}\`, an openai 0.x name; the SDK in use is ${sdkText}, ` +
          `which ignores it and reads \`${now}\` instead, and no code reads \`${p.name}\` to pass it on.`,
        fix: `Rename \`${p.name}\` to \`${now}\`.`,
        location: at(p.path, p.line, p.column),
        subject: [p.path, p.name],
        facts: { legacyName: p.name, currentName: now },
      });
    });
}

/** Findings from the repository alone: the code's reads against the workflows' mappings. */
export function staticFindings(input: StaticInput): Finding[] {
  const env = allEnv(input.workflows);
  const readNames = new Set(input.reads.map((r) => r.name));
  const reached = reachedReads(input.workflows, input.tree, input.reads);
  const mismatches = nameMismatches(input.reads, env, readNames, reached);
  const mismatched = new Set(mismatches.map((f) => String(f.facts?.codeName)));
  return [
    ...invalidWorkflowFindings(input.workflows),
    ...mismatches,
    ...keysNotProvided(reached, input.workflows, mismatched, input.notices),
    ...secretReferenceFindings(input.workflows, input.keyEnv),
    ...secretsNotPassed(input.workflows),
    ...codeValues(env),
    ...literalKeys(env, input.earlier),
    ...legacyNames(input.reads, env, input.sdks, input.tree),
  ];
}
