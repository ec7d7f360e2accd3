import type { Check } from '../check.js';

/** Code lint: SDK versions, removed calls, retired models and endpoints, headers, key handling. */
export const lintCheck: Check = {
  name: 'lint',
  async run() {
    return [];
  },
};
