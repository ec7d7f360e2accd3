// `npm run bench`: throughput and peak memory of the built CLI on a large corpus, section by section.
// Each section is an async function ({ root, print }) => { ok }; add yours to SECTIONS (the commit
// range benchmark, commits/s, belongs beside the tree one). Run one with `npm run bench -- NAME`.
import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { benchTree } from './bench/tree.mjs';
import { sourceHash } from './source-hash.mjs';

const SECTIONS = { tree: benchTree };

const root = path.resolve(import.meta.dirname, '..');

/** The benchmark measures the bundle users run: rebuild it when it was not built from this source. */
function ensureBuilt() {
  const stamp = path.join(root, 'dist', 'source-hash.txt');
  if (!existsSync(stamp) || readFileSync(stamp, 'utf8').trim() !== sourceHash(root)) {
    console.log('building dist/ ...');
    execFileSync(process.execPath, [path.join(root, 'scripts', 'package.mjs')], {
      cwd: root,
      stdio: 'inherit',
    });
  }
}

const wanted = process.argv.slice(2);
const unknown = wanted.filter((n) => !(n in SECTIONS));
if (unknown.length > 0) {
  console.error(`unknown section ${unknown.join(', ')}; sections: ${Object.keys(SECTIONS).join(', ')}`);
  process.exit(2);
}
ensureBuilt();
let ok = true;
for (const [name, section] of Object.entries(SECTIONS)) {
  if (wanted.length > 0 && !wanted.includes(name)) continue;
  console.log(`\n== ${name} ==`);
  const r = await section({ root, print: (line) => console.log(line) });
  ok &&= r.ok;
}
process.exitCode = ok ? 0 : 1;
