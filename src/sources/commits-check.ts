import type { Check } from '../check.js';

/** Leaked keys in the commits a pull request or push adds, or in the whole history. */
export const commitsCheck: Check = {
  name: 'commits',
  async run() {
    return [];
  },
};
