// Bundles the action and the CLI with ncc into dist/index.js and dist/cli.js (committed: GitHub runs them).
import { execFileSync } from 'node:child_process';
import { chmodSync, cpSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { sourceHash } from './source-hash.mjs';

const root = path.resolve(import.meta.dirname, '..');
execFileSync(process.execPath, [path.join(root, 'scripts', 'build-kernel.mjs')], {
  cwd: root,
  stdio: 'inherit',
});
const dist = path.join(root, 'dist');
const ncc = path.join(root, 'node_modules', '@vercel', 'ncc', 'dist', 'ncc', 'cli.js');

rmSync(dist, { recursive: true, force: true });
const licenses = [];
for (const [entry, name] of [
  ['src/index.ts', 'index'],
  ['src/main.ts', 'action-main'],
  ['src/cli.ts', 'cli'],
  ['src/cli-main.ts', 'cli-main'],
  ['src/pass/worker.ts', 'scan-worker'],
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
      // Types are checked once by `npm run typecheck` (CI runs it): checking them again in each of the
      // five builds took longer than bundling. The emitted code is the same (isolatedModules).
      '--transpile-only',
    ],
    {
      cwd: root,
      stdio: 'inherit',
    },
  );
  for (const file of readdirSync(out)) {
    if (file === 'licenses.txt') {
      licenses.push(`dist/${name}.js bundles:\n\n${readFileSync(path.join(out, file), 'utf8')}`);
      continue;
    }
    // ncc's package.json only says "type": "module"; one copy serves every bundle.
    const target = file === 'index.js' ? `${name}.js` : file === 'package.json' ? file : `${name}-${file}`;
    cpSync(path.join(out, file), path.join(dist, target), { recursive: true });
  }
  rmSync(out, { recursive: true, force: true });
}
chmodSync(path.join(dist, 'cli.js'), 0o755);
writeFileSync(path.join(dist, 'licenses.txt'), licenses.join('\n\n'));
writeFileSync(path.join(dist, 'source-hash.txt'), `${sourceHash(root)}\n`);
