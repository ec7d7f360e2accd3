// The end-to-end tests run the built bundles, as GitHub does: rebuild them first when they were not
// built from the current source (dist/source-hash.txt, written by the package script, tells).
import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { sourceHash } from '../../scripts/source-hash.mjs';

const root = path.resolve(import.meta.dirname, '..', '..');

export default function globalSetup() {
  const stamp = path.join(root, 'dist', 'source-hash.txt');
  const fresh = existsSync(stamp) && readFileSync(stamp, 'utf8').trim() === sourceHash(root);
  if (!fresh && process.env.KEYLINT_SKIP_BUILD !== '1') {
    execFileSync(process.execPath, [path.join(root, 'scripts', 'package.mjs')], {
      cwd: root,
      stdio: 'inherit',
    });
  }
}
