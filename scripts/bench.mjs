// `npm run bench`: throughput and peak memory of the built CLI on a large corpus, section by section.
// Each section is an async function ({ root, print }) => { ok }; add yours to SECTIONS (the commit
// range benchmark, commits/s, belongs beside the tree one). Run one with `npm run bench -- NAME`.
import { execFileSync } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import path from 'node:path';
import { benchTree } from './bench/tree.mjs';

const SECTIONS = { tree: benchTree };

const root = path.resolve(import.meta.dirname, '..');

function newest(dir) {
  let t = 0;
  for (const e of readdirSync(dir, { withFileTypes: true })) {
    const p = path.join(dir, e.name);
    t = Math.max(t, e.isDirectory() ? newest(p) : statSync(p).mtimeMs);
  }
  return t;
}

/** The benchmark measures the bundle users run: rebuild it when the source is newer. */
function ensureBuilt() {
  const cli = path.join(root, 'dist', 'cli.js');
  if (!existsSync(cli) || newest(path.join(root, 'src')) > statSync(cli).mtimeMs) {
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
