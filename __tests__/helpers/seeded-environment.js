// Jest's Node environment, plus a seeded source of random bytes for the test keys
// (__tests__/helpers/keys.ts): a failing test says which seed made its keys, and
// KEYLINT_TEST_SEED=<seed> makes the same keys again. Each test, and each beforeAll, draws from a
// stream of its own (seed, file, name), so running one test alone (`-t`) gives it the same keys.
import { createHash, randomInt } from 'node:crypto';
import path from 'node:path';
import { TestEnvironment } from 'jest-environment-node';

/** sfc32: small, fast, and the same bytes on every machine for the same seed. */
function generator(seed, scope) {
  const h = createHash('sha256').update(`${seed}\0${scope}`).digest();
  let a = h.readUInt32LE(0);
  let b = h.readUInt32LE(4);
  let c = h.readUInt32LE(8);
  let d = h.readUInt32LE(12);
  return () => {
    const t = (((a + b) | 0) + d) | 0;
    d = (d + 1) | 0;
    a = b ^ (b >>> 9);
    b = (c + (c << 3)) | 0;
    c = (c << 21) | (c >>> 11);
    c = (c + t) | 0;
    return t >>> 0;
  };
}

function blockName(block) {
  const names = [];
  for (let b = block; b && b.parent; b = b.parent) names.unshift(b.name);
  return names.join(' > ');
}

export default class SeededEnvironment extends TestEnvironment {
  constructor(config, context) {
    super(config, context);
    this.seed = process.env.KEYLINT_TEST_SEED || String(randomInt(1, 2 ** 31));
    this.file = path.relative(config.globalConfig.rootDir, context.testPath).split(path.sep).join('/');
    this.next = generator(this.seed, this.file);
    this.global.__keylintTestRandom = {
      seed: this.seed,
      bytes: (n) => {
        const out = new Array(n);
        for (let i = 0; i < n; i++) out[i] = this.next() & 0xff;
        return out;
      },
    };
  }

  async handleTestEvent(event) {
    if (event.name === 'hook_start' && event.hook.type === 'beforeAll') {
      this.next = generator(this.seed, `${this.file}\0beforeAll\0${blockName(event.hook.parent)}`);
    } else if (event.name === 'test_start') {
      this.next = generator(this.seed, `${this.file}\0${blockName(event.test.parent)}\0${event.test.name}`);
    } else if (event.name === 'test_done' && event.test.errors.length > 0) {
      this.noteSeed(event.test.errors);
    }
  }

  /** Puts the seed into the failure's message, where the report shows it. */
  noteSeed(errors) {
    const note = `\n\nTest keys came from seed ${this.seed}: rerun with KEYLINT_TEST_SEED=${this.seed} to make them again.`;
    const first = errors[0];
    const candidates = Array.isArray(first) ? first : [first];
    for (const e of candidates) {
      if (!e || typeof e !== 'object' || typeof e.stack !== 'string') continue;
      const message = String(e.message ?? '');
      e.stack =
        message && e.stack.includes(message)
          ? e.stack.replace(message, message + note)
          : `${note.trim()}\n${e.stack}`;
      e.message = message + note;
    }
  }
}
