// The benchmark's sections and the one runner both entry points share. A section is an async
// function ({ root, print }) => { ok }: `ok` is false when keylint missed a planted key or a run
// disagreed with another; a missed speed or memory target is printed (MISSED) and tallied at the end.
import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { sourceHash } from '../source-hash.mjs';
import { findings } from './findings.mjs';
import { benchHistoryLarge, benchHistorySmall } from './history.mjs';
import { keylintCli } from './keylint.mjs';
import { inSection, tally } from './targets.mjs';
import { benchPlain, benchSmall, benchTree } from './tree.mjs';

export const TREE_SECTIONS = { tree: benchTree, plain: benchPlain, small: benchSmall };
export const HISTORY_SECTIONS = { history: benchHistorySmall, 'history-large': benchHistoryLarge };
export const SECTIONS = { ...TREE_SECTIONS, ...HISTORY_SECTIONS };

/** The benchmark measures the bundle users run: rebuild it when it was not built from this source. */
function ensureBuilt(root) {
  const { cli, own } = keylintCli(root);
  if (!own) {
    console.log(`keylint under test: ${cli}`);
    return;
  }
  const stamp = path.join(root, 'dist', 'source-hash.txt');
  if (!existsSync(stamp) || readFileSync(stamp, 'utf8').trim() !== sourceHash(root)) {
    console.log('building dist/ ...');
    execFileSync(process.execPath, [path.join(root, 'scripts', 'package.mjs')], {
      cwd: root,
      stdio: 'inherit',
    });
  }
}

const FINDINGS_FLAGS = { '--save-findings': 'save', '--compare-findings': 'compare' };

/**
 * Runs the sections named in `args` (all of `defaults` when none is named), then the tally of targets;
 * or, given `--save-findings FILE` / `--compare-findings FILE`, the findings list (findings.mjs).
 * Exit status: 0, 1 when a section failed its check (or findings differ), 2 for a usage error.
 */
export async function runBench(root, args, defaults = SECTIONS) {
  const flag = args.find((a) => a in FINDINGS_FLAGS);
  if (flag) {
    const file = args[args.indexOf(flag) + 1];
    if (!file || args.length !== 2) {
      console.error(`usage: ${flag} FILE (and nothing else)`);
      return 2;
    }
    ensureBuilt(root);
    return findings(root, FINDINGS_FLAGS[flag], path.resolve(file));
  }
  const unknown = args.filter((n) => !(n in SECTIONS));
  if (unknown.length > 0) {
    console.error(`unknown section ${unknown.join(', ')}; sections: ${Object.keys(SECTIONS).join(', ')}`);
    return 2;
  }
  ensureBuilt(root);
  const chosen =
    args.length > 0 ? Object.keys(SECTIONS).filter((n) => args.includes(n)) : Object.keys(defaults);
  let ok = true;
  for (const name of chosen) {
    console.log(`\n== ${name} ==`);
    inSection(name);
    const r = await SECTIONS[name]({ root, print: (line) => console.log(line) });
    ok &&= r.ok;
  }
  const { met, missed } = tally();
  console.log(
    `\ntargets: ${met} met, ${missed.length} missed${missed.map((m) => `\n  MISSED ${m}`).join('')}` +
      (ok ? '' : '\na check FAILED: a planted key was missed, or two runs disagreed (see above)'),
  );
  return ok ? 0 : 1;
}
