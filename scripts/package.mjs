// Bundles the action and the CLI with ncc into dist/index.js and dist/cli.js (committed: GitHub runs them).
import { execFileSync } from 'node:child_process';
import { chmodSync, cpSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';

const root = path.resolve(import.meta.dirname, '..');
const dist = path.join(root, 'dist');
const ncc = path.join(root, 'node_modules', '@vercel', 'ncc', 'dist', 'ncc', 'cli.js');

rmSync(dist, { recursive: true, force: true });
for (const [entry, name] of [
  ['src/index.ts', 'index'],
  ['src/cli.ts', 'cli'],
  ['src/detect/scan-worker.ts', 'scan-worker'],
]) {
  const out = mkdtempSync(path.join(tmpdir(), `keylint-${name}-`));
  execFileSync(
    process.execPath,
    [
      ncc,
      'build',
      entry,
      '-o',
      out,
      '--minify',
      '--no-source-map-register',
      '--license',
      'licenses.txt',
      '--quiet',
    ],
    {
      cwd: root,
      stdio: 'inherit',
    },
  );
  for (const file of readdirSync(out)) {
    // ncc's package.json only says "type": "module"; one copy serves both bundles.
    const target =
      file === 'index.js'
        ? `${name}.js`
        : ['licenses.txt', 'package.json'].includes(file)
          ? file
          : `${name}-${file}`;
    cpSync(path.join(out, file), path.join(dist, target), { recursive: true });
  }
  rmSync(out, { recursive: true, force: true });
}
chmodSync(path.join(dist, 'cli.js'), 0o755);
