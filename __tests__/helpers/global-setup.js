// The end-to-end tests run the built bundles, as GitHub does: rebuild them first when they were not
// built from the current source (dist/source-hash.txt, written by the package script, tells).
// Then the run is made hermetic: Jest's workers inherit this process's environment, so what is set
// here reaches every test file, every in-process git call and every child keylint the helpers start.
import { execFileSync } from 'node:child_process';
import { randomInt } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { hermeticEnvironment, holdRefusingPort } from './hermetic-env.js';
import { sourceHash } from '../../scripts/source-hash.mjs';

const root = path.resolve(import.meta.dirname, '..', '..');

export default async function globalSetup() {
  const stamp = path.join(root, 'dist', 'source-hash.txt');
  const fresh = existsSync(stamp) && readFileSync(stamp, 'utf8').trim() === sourceHash(root);
  if (!fresh && process.env.KEYLINT_SKIP_BUILD !== '1') {
    execFileSync(process.execPath, [path.join(root, 'scripts', 'package.mjs')], {
      cwd: root,
      stdio: 'inherit',
    });
  }
  // One seed for the run's test keys, shared by every worker; a failing test prints it.
  process.env.KEYLINT_TEST_SEED ||= String(randomInt(1, 2 ** 31));
  const { env, cleanup } = hermeticEnvironment(process.env);
  const refusing = await holdRefusingPort();
  for (const k of Object.keys(process.env)) if (!(k in env)) delete process.env[k];
  Object.assign(process.env, env, { KEYLINT_TEST_REFUSED_PORT: String(refusing.port) });
  globalThis.__keylintHermetic = async () => {
    await refusing.close();
    cleanup();
  };
}
