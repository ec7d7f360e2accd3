import type { Check } from '../check.js';

/** Secret wiring: names the code reads vs names the workflows provide, and the step's environment. */
export const wiringCheck: Check = {
  name: 'wiring',
  async run() {
    return [];
  },
};
