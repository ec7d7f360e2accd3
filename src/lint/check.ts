import { readFileSync } from 'node:fs';
import semver from 'semver';
import type { Check, ScanContext } from '../check.js';
import { namesNoSdk } from '../pass/file.js';
import { factFingerprint, redact, type Finding, type Location } from '../finding.js';
import { ruleMeta } from '../rules.js';
import { looksRandom } from '../detect/looks-like-key.js';
import { registerSecret } from '../secrets.js';
import { manifestKind, readManifest, type Ecosystem, type SdkPin } from './manifests.js';
import type { LocatedHit, LocatedSdkCall } from './source-digest.js';
import { isTestPath } from './test-files.js';
import { dayOf, MODEL_DATA_AS_OF, STALE_AFTER_DAYS } from './retirements.js';

/** Lockfiles of large monorepos run to tens of MB; beyond this they are not parsed. */
const MAX_MANIFEST_BYTES = 32 * 1024 * 1024;

/** The SDK major that removed the old API, per ecosystem. */
const NEW_MAJOR: Readonly<Record<Ecosystem, number>> = { python: 1, node: 4 };

function makeFinding(
  ruleId: string,
  location: Location,
  subject: string,
  message: string,
  fix: string,
  severity?: Finding['severity'],
): Finding {
  const meta = ruleMeta(ruleId);
  if (!meta) throw new Error(`unknown rule ${ruleId}`);
  return {
    ruleId,
    category: 'lint',
    severity: severity ?? meta.severity,
    title: meta.short,
    message,
    fix,
    location,
    fingerprint: factFingerprint(ruleId, location.path, subject),
    helpUri: meta.helpUri,
  };
}

function describePin(p: SdkPin): string {
  return p.locked
    ? `${p.path}:${p.line} locks openai ${p.range}`
    : `${p.path}:${p.line} requires openai ${p.spec || '(any version)'}`;
}

/** True when the pin keeps the SDK below the major that removed the old API. */
function pinnedOld(p: SdkPin): boolean {
  const major = `${NEW_MAJOR[p.ecosystem]}.0.0`;
  return p.locked ? semver.lt(p.range, major) : !semver.intersects(p.range, `>=${major}`);
}

/**
 * The pins that govern a source file: those of the nearest manifest directory above it, its lockfiles'
 * alone when it has any. More than one when a manifest's requirements differ (an extra that keeps
 * `openai<1` beside a bare `openai` in the dependencies): the file may be run under any of them.
 */
function governingPins(pins: SdkPin[], ecosystem: Ecosystem, rel: string): SdkPin[] {
  let best: SdkPin[] = [];
  for (const p of pins) {
    if (p.ecosystem !== ecosystem || (p.dir !== '' && !rel.startsWith(`${p.dir}/`))) continue;
    const was = best[0];
    if (!was || p.dir.length > was.dir.length || (p.dir === was.dir && p.locked && !was.locked)) best = [p];
    else if (p.dir === was.dir && p.locked === was.locked) best.push(p);
  }
  return best;
}

/** Of the pins a file may run under, the one that a call of this style works with, when there is one. */
function pinFor(style: 'old' | 'new', pins: readonly SdkPin[]): SdkPin | undefined {
  return pins.find((p) => pinnedOld(p) === (style === 'old')) ?? pins[0];
}

function sdkCallFindings(calls: LocatedSdkCall[], pins: readonly SdkPin[], ecosystem: Ecosystem): Finding[] {
  const out: Finding[] = [];
  const major = NEW_MAJOR[ecosystem];
  const sdk = ecosystem === 'python' ? 'openai (Python)' : 'openai (Node)';
  const crash =
    ecosystem === 'python'
      ? 'raises APIRemovedInV1'
      : 'throws TypeError ("… is not a constructor / not a function")';
  for (const c of calls) {
    const at = c.location;
    const pin = pinFor(c.style, pins);
    if (c.style === 'old') {
      const fix = `Replace it with ${c.replacement ?? 'the current client API'}${ecosystem === 'python' ? ' on a client = OpenAI()' : ''}.`;
      if (pin && !pinnedOld(pin)) {
        out.push(
          makeFinding(
            'lint/sdk-version-mismatch',
            at,
            c.call,
            `${c.call} was removed in ${sdk} ${major}.0, and ${describePin(pin)}: the call ${crash}.`,
            `${fix} Or pin openai<${major} (not recommended).`,
          ),
        );
      } else {
        out.push(
          makeFinding(
            'lint/removed-sdk-call',
            at,
            c.call,
            `${c.call} was removed in ${sdk} ${major}.0: ${pin ? `it works only while ${describePin(pin)}` : `with any openai ≥ ${major}.0 it ${crash}`}.`,
            fix,
          ),
        );
      }
    } else if (pin && pinnedOld(pin)) {
      out.push(
        makeFinding(
          'lint/sdk-version-mismatch',
          at,
          c.call,
          `${c.call} is the API of ${sdk} ${major}.0 and later, but ${describePin(pin)}: it fails (${ecosystem === 'python' ? 'ImportError / AttributeError' : 'TypeError'}) with the old SDK.`,
          `Upgrade openai to ${major}.x or later in ${pin.path}.`,
        ),
      );
    }
  }
  // One finding per call site and rule.
  const seen = new Set<string>();
  return out.filter((f) => {
    const k = `${f.ruleId}:${f.location?.line}:${f.fingerprint}`;
    if (seen.has(k)) return false;
    seen.add(k);
    return true;
  });
}

function hitFinding(hit: LocatedHit): Finding {
  const f = makeFinding(hit.ruleId, hit.location, hit.subject, hit.message, hit.fix, hit.severity);
  if (hit.secretLiteral !== undefined) {
    // The literal may be a real key the leak detectors do not know: it never leaves redacted, and one
    // that looks random is masked everywhere. A dummy (`"test-key"`, `sk-synthetic-…-api-key`) is
    // not a secret: masking its pieces would cut `-stream-` out of every path in the report.
    if (looksRandom(hit.secretLiteral)) registerSecret(hit.secretLiteral);
    f.evidence = redact(hit.secretLiteral);
    f.message += ` (literal ${f.evidence})`;
  }
  return f;
}

/** Code lint: SDK versions, removed calls, retired models and endpoints, headers, key handling. */
export const lintCheck: Check = {
  name: 'lint',
  rulePrefix: 'lint',
  async run(ctx: ScanContext): Promise<Finding[]> {
    const findings: Finding[] = [];
    const pins: SdkPin[] = [];
    const age = Math.floor((ctx.options.today.getTime() - dayOf(MODEL_DATA_AS_OF)) / 86_400_000);
    if (age > STALE_AFTER_DAYS)
      ctx.notices.push({
        level: 'notice',
        message: `keylint's model retirement table is ${age} days old (as of ${MODEL_DATA_AS_OF}): models retired since are not known to the lint; update keylint, or run the live check with an OpenAI key to read shutdown dates from the API`,
      });
    for (const [i, file] of ctx.files.files.entries()) {
      if (!manifestKind(file.path) || file.size > MAX_MANIFEST_BYTES || namesNoSdk(ctx.pass.reports[i]))
        continue;
      let text: string;
      try {
        text = readFileSync(file.abs, 'utf8');
      } catch {
        continue;
      }
      try {
        pins.push(...readManifest(file.path, text));
      } catch (err) {
        ctx.notices.push({
          level: 'warning',
          message: `the code lint could not parse this manifest (${(err as Error).message.split('\n')[0]}); its openai version was not checked`,
          path: file.path,
        });
      }
    }
    for (const p of pins) {
      if (!pinnedOld(p)) continue;
      const major = NEW_MAJOR[p.ecosystem];
      findings.push(
        makeFinding(
          'lint/openai-sdk-outdated',
          { path: p.path, line: p.line, column: 1 },
          `${p.ecosystem}:${p.spec}`,
          `${describePin(p)}, older than ${major}.0: the SDK rewrite of 2023 removed its API, and current models and features need the new one.`,
          p.ecosystem === 'python'
            ? 'Upgrade to openai>=1 and migrate the calls (`openai migrate` rewrites most of them).'
            : 'Upgrade to openai@^4 or later and migrate `new OpenAIApi(new Configuration(…))` to `new OpenAI()`.',
        ),
      );
    }
    const leakLines = new Set(
      ctx.earlier
        .filter((f) => f.category === 'leak' && f.location)
        .map((f) => `${f.location!.path}:${f.location!.line}`),
    );
    const mockedPaths = new Set<string>();
    for (const [i, file] of ctx.files.files.entries()) {
      const report = ctx.pass.reports[i];
      const digest = report?.status === 'text' ? report.lint : undefined;
      if (!digest) continue;
      if (digest.mocked) mockedPaths.add(file.path);
      for (const m of digest.models) {
        if (!ctx.codeModels.has(m.name)) ctx.codeModels.set(m.name, { path: file.path, line: m.line });
      }
      // Azure OpenAI retires its deployments' models on its own dates, not OpenAI's.
      const azure = /azure/i.test(file.path);
      for (const hit of digest.hits) {
        if (azure && /^lint\/retir(?:ed|ing)-model$/.test(hit.ruleId) && !hit.subject.startsWith('claude'))
          continue;
        // A real key as the default is the leak check's finding already: one report per line.
        if (hit.ruleId === 'lint/key-default-literal' && leakLines.has(`${file.path}:${hit.location.line}`))
          continue;
        findings.push(hitFinding(hit));
      }
      findings.push(
        ...sdkCallFindings(
          digest.sdkCalls,
          governingPins(pins, digest.ecosystem, file.path),
          digest.ecosystem,
        ),
      );
    }
    return groupPerFile(applyTestsPolicy(ctx, findings, mockedPaths));
  },
};

/**
 * Test files and files that mock the provider: left out with `tests: skip` (the default, one notice
 * counts them), reported at `low` with `tests: lint`.
 */
function applyTestsPolicy(ctx: ScanContext, findings: Finding[], mockedPaths: Set<string>): Finding[] {
  const inTests = (f: Finding): boolean =>
    f.location !== undefined && (isTestPath(f.location.path) || mockedPaths.has(f.location.path));
  if (ctx.config.tests === 'skip') {
    const kept = findings.filter((f) => !inTests(f));
    const left = findings.length - kept.length;
    if (left > 0)
      ctx.notices.push({
        level: 'notice',
        message: `the code lint left out ${left} finding${left === 1 ? '' : 's'} in test files and mocked code, which do not reach the provider (set \`tests: lint\` in .keylint.yml to see them at low)`,
      });
    return kept;
  }
  return findings.map((f) =>
    inTests(f)
      ? {
          ...f,
          severity: 'low',
          message: `In a test file or mocked code (reported at low: tests: lint): ${f.message}`,
        }
      : f,
  );
}

/** A message's first clause: what it is about, without the consequence. */
function headOf(message: string): string {
  return message.split(/[:;]/)[0]!.replace(/\.$/, '');
}

/**
 * One finding per file and rule: the same migration repeated at every call is one thing to do. The
 * first place is the location, the others are related locations, and the message names their lines.
 */
function groupPerFile(findings: Finding[]): Finding[] {
  const groups = new Map<string, Finding[]>();
  const out: Finding[] = [];
  for (const f of findings) {
    if (!f.location) {
      out.push(f);
      continue;
    }
    const k = `${f.location.path}\0${f.ruleId}\0${f.severity}`;
    const g = groups.get(k);
    if (g) g.push(f);
    else groups.set(k, [f]);
  }
  for (const g of groups.values()) {
    if (g.length === 1) {
      out.push(g[0]!);
      continue;
    }
    g.sort((a, b) => a.location!.line - b.location!.line || a.location!.column - b.location!.column);
    const first = g[0]!;
    const rest = g.slice(1);
    const lines = [...new Set(rest.map((f) => f.location!.line))].filter((l) => l !== first.location!.line);
    // Other subjects (another model, another Assistants resource) are named by their first clause.
    const others = [
      ...new Set(rest.filter((f) => f.message !== first.message).map((f) => headOf(f.message))),
    ];
    out.push({
      ...first,
      message:
        lines.length > 0
          ? `${first.message} The same at line${lines.length === 1 ? '' : 's'} ${lines.join(', ')} of this file${others.length > 0 ? ` (also: ${others.join('; ')})` : ''}.`
          : `${first.message}${others.length > 0 ? ` Also on this line: ${others.join('; ')}.` : ''}`,
      fix: [...new Set(g.map((f) => f.fix))].join(' '),
      relatedLocations: rest.map((f) => f.location!),
      fingerprint: factFingerprint(first.ruleId, first.location!.path, ...g.map((f) => f.fingerprint).sort()),
    });
  }
  return out;
}
