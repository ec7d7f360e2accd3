import type { Check, ScanContext } from '../check.js';
import type { Finding } from '../finding.js';

/**
 * Opt-in live check of the injected key, and of leaked keys with `verify-leaked`. Its network code
 * (TLS, HTTP, DNS: ~25 ms to load) is loaded only when the check is asked for; the bundler keeps it
 * in the one file (`eager`).
 */
export const liveCheck: Check = {
  name: 'live',
  rulePrefix: 'live',
  async run(ctx: ScanContext): Promise<Finding[]> {
    if (ctx.options.live === 'off' && !ctx.options.verifyLeaked) return [];
    const { runLiveCheck } = await import(/* webpackMode: "eager" */ './run.js');
    return runLiveCheck(ctx);
  },
};
