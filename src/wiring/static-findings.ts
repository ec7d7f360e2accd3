import { isPlaceholder, shannonEntropy } from '../detect/placeholders.js';
import { factFingerprint, redact, secretFingerprint, type Finding, type Severity } from '../finding.js';
import { registerSecret } from '../secrets.js';
import type { CodeRead } from './code-names.js';
import { at, wiringFinding, withArticle } from './make-finding.js';
import { isLlmKeyName, isNearMiss, isSecretLikeName, providerOfName } from './names.js';
import { isModern, type OpenAiSdk } from './sdk-version.js';
import { detectorFor } from './value-shape.js';
import type { EnvEntry, RunStep, Workflow, Workflows } from './workflows.js';

export interface StaticInput {
  reads: readonly CodeRead[];
  workflows: Workflows;
  sdks: readonly OpenAiSdk[];
  /** Findings of earlier checks: a literal key the leak check already reported is not reported twice. */
  earlier: readonly Finding[];
}

/** The 0.x names and what 1.x reads instead. */
export const LEGACY_OPENAI_NAMES: Record<string, string> = {
  OPENAI_API_BASE: 'OPENAI_BASE_URL',
  OPENAI_ORGANIZATION: 'OPENAI_ORG_ID',
};

/** A `run:` script that runs the project's code (tests, a build, the app). */
const RUNS_CODE =
  /\b(?:pytest|python3?|tox|nox|uv run|poetry run|pipenv run|npm (?:run|test|start|t)\b|npx|yarn|pnpm|node|bun|deno|go (?:test|run|build)|cargo (?:test|run)|rspec|rake|bundle exec|make|ruby|jest|vitest|mocha)\b/;

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
  return w.workflows.flatMap((x) => x.env);
}

function required(reads: readonly CodeRead[]): CodeRead[] {
  return reads.filter((r) => !r.optional);
}

function isProvided(r: CodeRead, provided: Set<string>): boolean {
  return (r.alternatives ?? [r.name]).some((n) => provided.has(n));
}

function nameMismatches(reads: readonly CodeRead[], env: EnvEntry[], readNames: Set<string>): Finding[] {
  const provided = new Set(env.map((e) => e.name));
  const out: Finding[] = [];
  const seen = new Set<string>();
  for (const r of required(reads)) {
    if (!isSecretLikeName(r.name) || isProvided(r, provided)) continue;
    for (const e of env) {
      if (readNames.has(e.name) || !isNearMiss(r.name, e.name)) continue;
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

function firstCodeRun(
  workflows: readonly Workflow[],
): { file: string; step: RunStep; what: string } | undefined {
  for (const w of workflows)
    for (const j of w.jobs)
      for (const step of j.runSteps) {
        const m = RUNS_CODE.exec(step.script);
        if (m) return { file: w.file, step, what: m[0] };
      }
  return undefined;
}

function keysNotProvided(reads: readonly CodeRead[], w: Workflows, mismatched: Set<string>): Finding[] {
  const run = firstCodeRun(w.workflows);
  if (!run) return [];
  const provided = new Set(allEnv(w).map((e) => e.name));
  const out: Finding[] = [];
  const seen = new Set<string>();
  for (const r of required(reads)) {
    if (r.via === 'template' || r.via === 'compose') continue;
    if (!isLlmKeyName(r.name) || isProvided(r, provided) || mismatched.has(r.name) || seen.has(r.name))
      continue;
    seen.add(r.name);
    const names = (r.alternatives ?? [r.name]).map((n) => `\`${n}\``).join(' or ');
    out.push(
      wiringFinding('wiring/key-not-provided', {
        message:
          `The code reads ${names} at ${describeRead(r)}, and ${run.file}:${run.step.line} runs \`${run.what}\`, ` +
          `but no workflow sets ${names}: the job runs with it unset.`,
        fix: `Add \`${r.name}: \${{ secrets.${r.name} }}\` to the \`env:\` of the job that runs the code, and define the secret.`,
        location: at(run.file, run.step.line),
        subject: [r.name],
        facts: { codeName: r.name, codeAt: where(r) },
        provider: providerOfName(r.name),
      }),
    );
  }
  return out;
}

const STORABLE_SECRET = /^[A-Za-z_][A-Za-z0-9_]*$/;

function secretReferenceFindings(w: Workflows): Finding[] {
  const out: Finding[] = [];
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
      if (ref.inRun)
        out.push(
          wiringFinding('wiring/secret-in-run', {
            message:
              `\`\${{ secrets.${ref.name} }}\` is expanded into the \`run:\` script at ${ref.file}:${ref.line}: the secret ` +
              'is written into the script file on the runner and shows in `set -x` traces.',
            fix: `Map it in the step: \`env: ${ref.name}: \${{ secrets.${ref.name} }}\`, and use \`"$${ref.name}"\` in the script.`,
            location: loc,
            subject: [ref.file, ref.name, 'run'],
          }),
        );
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
function looksLikeKey(v: string): boolean {
  return (
    v.length >= 16 &&
    /^[\x21-\x7e]+$/.test(v) &&
    !v.includes('${{') &&
    !v.startsWith('$') &&
    !/^(?:https?:|\/|~|\.)/.test(v) &&
    !isPlaceholder(v) &&
    shannonEntropy(v) >= 3
  );
}

function literalKeys(env: EnvEntry[], earlier: readonly Finding[]): Finding[] {
  const out: Finding[] = [];
  for (const e of env) {
    const v = e.value.trim();
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

function legacyNames(reads: readonly CodeRead[], env: EnvEntry[], sdks: readonly OpenAiSdk[]): Finding[] {
  const modern = sdks.find(isModern);
  if (!modern) return [];
  const sdkText = `openai ${modern.version} (${modern.path})`;
  const places = [
    ...reads.map((r) => ({ name: r.name, path: r.path, line: r.line, column: r.column, what: 'reads' })),
    ...env.map((e) => ({ name: e.name, path: e.file, line: e.line, column: e.column, what: 'sets' })),
  ];
  return places
    .filter((p) => LEGACY_OPENAI_NAMES[p.name])
    .map((p) => {
      const now = LEGACY_OPENAI_NAMES[p.name]!;
      return wiringFinding('wiring/legacy-openai-name', {
        message:
          `${p.path}:${p.line} ${p.what} \`${p.name}\`, an openai 0.x name; the SDK in use is ${sdkText}, ` +
          `which ignores it and reads \`${now}\` instead.`,
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
  const mismatches = nameMismatches(input.reads, env, readNames);
  const mismatched = new Set(mismatches.map((f) => String(f.facts?.codeName)));
  return [
    ...invalidWorkflowFindings(input.workflows),
    ...mismatches,
    ...keysNotProvided(input.reads, input.workflows, mismatched),
    ...secretReferenceFindings(input.workflows),
    ...secretsNotPassed(input.workflows),
    ...literalKeys(env, input.earlier),
    ...legacyNames(input.reads, env, input.sdks),
  ];
}
