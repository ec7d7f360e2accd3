// The end-to-end tests run the built bundles, as GitHub does: rebuild them first when the source is newer.
import { execFileSync } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import path from 'node:path';

const root = path.resolve(import.meta.dirname, '..', '..');

function newest(dir) {
  let t = 0;
  for (const e of readdirSync(dir, { withFileTypes: true })) {
    const p = path.join(dir, e.name);
    t = Math.max(t, e.isDirectory() ? newest(p) : statSync(p).mtimeMs);
  }
  return t;
}

export default function globalSetup() {
  const bundles = ['index.js', 'cli.js'].map((f) => path.join(root, 'dist', f));
  const stale =
    !bundles.every((b) => existsSync(b)) ||
    newest(path.join(root, 'src')) > Math.min(...bundles.map((b) => statSync(b).mtimeMs));
  if (stale && process.env.KEYLINT_SKIP_BUILD !== '1') {
    execFileSync(process.execPath, [path.join(root, 'scripts', 'package.mjs')], {
      cwd: root,
      stdio: 'inherit',
    });
  }
}
