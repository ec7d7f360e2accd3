import type { RuleMeta } from '../rules.js';

export const LIVE_RULES: RuleMeta[] = [];
