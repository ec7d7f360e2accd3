// A hash of everything dist/ is built from: the package script writes it into dist/, and the tests
// compare it with the source, so a stale bundle is caught by `npm test` and not only by CI.
import { createHash } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';

function filesBelow(dir) {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const p = path.join(dir, e.name);
    return e.isDirectory() ? filesBelow(p) : [p];
  });
}

export function sourceHash(root) {
  const inputs = [
    ...filesBelow(path.join(root, 'src')),
    ...['package-lock.json', 'tsconfig.json', 'scripts/package.mjs'].map((f) => path.join(root, f)),
  ].sort();
  const hash = createHash('sha256');
  for (const file of inputs) {
    hash.update(path.relative(root, file).split(path.sep).join('/'));
    hash.update('\0');
    hash.update(readFileSync(file));
    hash.update('\0');
  }
  return hash.digest('hex');
}
