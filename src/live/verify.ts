import type { ScanContext } from '../check.js';
import type { Finding } from '../finding.js';
import { registerSecret } from '../secrets.js';
import type { Budget } from './call.js';
import { probeKey } from './probe.js';
import { providerOfFinding } from './select.js';
import { STATUS_INFO } from './statuses.js';

/** What verifying one leaked key came to. */
export interface Verification {
  verdict: 'live' | 'dead' | 'unknown';
  reason: string;
}

/**
 * Asks the provider about each leaked key (once per distinct key), with the least-intrusive call.
 * The verdict is written onto the leak findings of `ctx.earlier` themselves (the pipeline holds them
 * by reference and applies the policy after every check ran), so a live key is reported `critical`
 * where it was found, not as a second finding.
 */
export async function verifyLeaked(ctx: ScanContext, budget: Budget): Promise<number> {
  const byKey = new Map<string, Finding[]>();
  for (const f of ctx.earlier) {
    if (f.category !== 'leak' || !ctx.leakedSecrets.has(f.fingerprint)) continue;
    byKey.set(f.fingerprint, [...(byKey.get(f.fingerprint) ?? []), f]);
  }
  let live = 0;
  for (const [fingerprint, findings] of byKey) {
    const secret = ctx.leakedSecrets.get(fingerprint)!;
    registerSecret(secret);
    const provider = providerOfFinding(findings[0]!.provider);
    let v: Verification;
    if (!provider)
      v = { verdict: 'unknown', reason: `keylint cannot verify ${findings[0]!.provider ?? 'these'} keys` };
    else {
      const r = await probeKey(
        {
          provider,
          variable: findings[0]!.location?.path ?? 'repository',
          key: secret,
          env: ctx.options.env,
          budget,
          mode: 'verify',
          models: new Map(),
          // The official host, or a gateway the verify-gateway input names: never a base URL from the environment.
          base: ctx.options.verifyGateways?.[provider.id] ?? provider.defaultBaseUrl ?? '',
        },
        ctx.options.today,
      );
      const p = r.problems[0];
      const asked = `${provider.verifyCall.method} ${r.base}${provider.verifyCall.path}`;
      v = p
        ? { verdict: STATUS_INFO[p.word].verdict, reason: `${p.word}: ${p.detail}` }
        : { verdict: 'live', reason: `${asked} answered 2xx` };
    }
    if (v.verdict === 'live') live++;
    for (const f of findings) markVerified(f, v);
  }
  return live;
}

function markVerified(f: Finding, v: Verification): void {
  f.verified = v.verdict;
  f.facts = { ...f.facts, verified: v.verdict, verifiedReason: v.reason };
  if (v.verdict === 'live') {
    f.severity = 'critical';
    f.message = `${f.message} The provider accepts this key: it is live (${v.reason}). Revoke it now.`;
  } else if (v.verdict === 'dead') f.message = `${f.message} The provider rejects this key (${v.reason}).`;
  else f.message = `${f.message} Whether it is live could not be told (${v.reason}).`;
}
