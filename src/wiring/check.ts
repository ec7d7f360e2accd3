import type { Check, ScanContext } from '../check.js';
import type { Finding } from '../finding.js';
import type { CodeRead } from './code-names.js';
import { dotenvFindings, type DotenvLoad } from './dotenv.js';
import { isLlmKeyName } from './names.js';
import { runtimeFindings, type KeyEnvSource } from './runtime.js';
import { findOpenAiSdks } from './sdk-version.js';
import { staticFindings } from './static-findings.js';
import { treeOf } from './step-runs.js';
import { readWorkflows } from './workflows.js';

/** What the live check falls back to when neither `key-env` nor the code names a key. */
export const DEFAULT_KEY_ENV = ['OPENAI_API_KEY'];

/** The LLM key names the code needs, in the order it reads them (an SDK's first alternative). */
export function keyNamesFromCode(reads: readonly CodeRead[]): string[] {
  const names = new Set<string>();
  for (const r of reads)
    if (!r.optional && (r.via === 'code' || r.via === 'sdk') && isLlmKeyName(r.name)) {
      const alt = r.alternatives?.find(
        (a) => names.has(a) || reads.some((x) => x.name === a && x.via === 'code'),
      );
      names.add(alt ?? r.name);
    }
  return [...names];
}

function resolveKeyEnv(ctx: ScanContext, explicit: boolean, reads: readonly CodeRead[]): KeyEnvSource {
  if (explicit) return 'input';
  const fromCode = keyNamesFromCode(reads);
  ctx.keyEnv = fromCode.length > 0 ? fromCode : [...DEFAULT_KEY_ENV];
  return fromCode.length > 0 ? 'code' : 'default';
}

/** Secret wiring: names the code reads vs names the workflows provide, and the step's environment. */
export const wiringCheck: Check = {
  name: 'wiring',
  rulePrefix: 'wiring',
  async run(ctx: ScanContext): Promise<Finding[]> {
    const explicit = ctx.keyEnv.length > 0;
    // The live check reads ctx.keyEnv even if this check fails below.
    if (!explicit) ctx.keyEnv = [...DEFAULT_KEY_ENV];
    const reads = ctx.pass.reports.flatMap((r) => (r.status === 'text' && r.reads) || []);
    let dotenvLoad: DotenvLoad | undefined;
    for (const [i, r] of ctx.pass.reports.entries()) {
      if (r.status !== 'text' || r.dotenvLine === undefined) continue;
      dotenvLoad = { path: ctx.files.files[i]!.path, line: r.dotenvLine };
      break;
    }
    const source = resolveKeyEnv(ctx, explicit, reads);
    const workflows = readWorkflows(ctx.files);
    const findings = [
      ...staticFindings({
        reads,
        workflows,
        sdks: findOpenAiSdks(ctx.files, ctx.pass.reports),
        earlier: ctx.earlier,
        tree: treeOf(ctx.files),
        keyEnv: ctx.keyEnv,
        notices: ctx.notices,
      }),
      ...dotenvFindings(ctx.files, reads, dotenvLoad),
    ];
    if (ctx.options.inAction) {
      const rt = runtimeFindings({ options: ctx.options, names: ctx.keyEnv, source, workflows });
      findings.push(...rt.findings);
      ctx.notices.push(...rt.notices);
      ctx.outputs['key-status'] = rt.statuses.map((s) => `${s.name}=${s.status}`).join(',');
      ctx.sections.push(rt.section);
    }
    return findings;
  },
};
