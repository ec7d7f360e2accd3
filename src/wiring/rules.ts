import type { RuleMeta } from '../rules.js';

export const WIRING_RULES: RuleMeta[] = [];
