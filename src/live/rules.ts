import type { RuleMeta } from '../rules.js';
import { LIVE_STATUSES, ruleIdOf, STATUS_INFO, type LiveStatus } from './statuses.js';

/** One rule per failing `live-status` word: the id is `live/` and the word with dashes. */
export const LIVE_RULES: RuleMeta[] = LIVE_STATUSES.filter(
  (s): s is Exclude<LiveStatus, 'ok'> => s !== 'ok',
).map((s) => ({
  id: ruleIdOf(s),
  category: 'live',
  severity: STATUS_INFO[s].severity,
  short: STATUS_INFO[s].title,
  full: `The live check asked the provider about the key in the step's environment and got \`${s}\`: ${STATUS_INFO[s].title.toLowerCase()}.`,
  help: STATUS_INFO[s].fix,
  tags: ['live', 'api-key', STATUS_INFO[s].retry ? 'transient' : 'configuration'],
}));
