import type { Check } from '../check.js';

/** Opt-in live check of the injected key, and of leaked keys with `verify-leaked`. */
export const liveCheck: Check = {
  name: 'live',
  async run() {
    return [];
  },
};
