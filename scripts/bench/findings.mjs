// What keylint reports on the benchmark's inputs, one sorted line per finding, to show that a change
// to the scanner left its findings as they were:
//   node scripts/bench/findings.mjs --save FILE      write them (before the change)
//   node scripts/bench/findings.mjs --compare FILE   print the differences; exit 1 if there are any
// (also `npm run bench -- --save-findings FILE` / `--compare-findings FILE`). The inputs are built
// from a seed: the corpus (a git checkout, and the same files as a plain directory, every check) and
// the two generated histories (--history). `KEYLINT_BENCH_CLI` chooses the build, as for the bench.
import { createHash } from 'node:crypto';
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { benchDir, buildCorpus, plainCopy } from './corpus.mjs';
import { gitEnv, largeHistory, smallHistory } from './histories.mjs';
import { assertRan, keylintCli, runKeylint } from './keylint.mjs';

const MIN_BYTES = 200 * 1024 * 1024; // as the tree section's corpus
const SHOWN = 40;

const line = (input, f) =>
  `${input} ${f.ruleId} ${f.location ? `${f.location.path}:${f.location.line}:${f.location.column}` : '-'}`;

/** A digest of every file's path and bytes: two lists compare only when their inputs were the same. */
function digest(dir) {
  const hash = createHash('sha256');
  const walk = (rel) => {
    for (const e of readdirSync(path.join(dir, rel), { withFileTypes: true }).sort((a, b) =>
      a.name < b.name ? -1 : 1,
    )) {
      if (e.name === '.git') continue;
      const child = path.join(rel, e.name);
      if (e.isDirectory()) walk(child);
      else hash.update(`${child}\0`).update(readFileSync(path.join(dir, child)));
    }
  };
  walk('');
  return hash.digest('hex').slice(0, 16);
}

async function scan(cli, input, args, opts = {}) {
  const run = await runKeylint(cli, [...args, '--format', 'json', '--fail-on', 'none'], opts);
  assertRan(`keylint on ${input}`, run);
  return JSON.parse(run.stdout).findings.map((f) => line(input, f));
}

/** The header (inputs) and the sorted findings of the build under test. */
export async function collectFindings(root) {
  const { cli } = keylintCli(root);
  const corpus = buildCorpus({ root, dir: benchDir(root, 'corpus'), minBytes: MIN_BYTES });
  const plain = plainCopy(corpus, benchDir(root, 'plain'));
  const small = smallHistory(root);
  const large = largeHistory(root);
  const lines = [
    ...(await scan(cli, 'tree', [corpus.dir])),
    ...(await scan(cli, 'plain', [plain.dir])),
    ...(await scan(cli, 'history', [small.dir, '--history'], { env: gitEnv })),
    ...(await scan(cli, 'history-large', [large.dir, '--history'], { env: gitEnv })),
  ].sort();
  const inputs = [
    `# inputs: corpus ${digest(corpus.dir)} (${corpus.bytes} bytes),`,
    `history ${small.commits} commits, history-large ${large.commits} commits (recipe ${small.recipe})`,
  ].join(' ');
  return { cli, inputs, lines };
}

function readList(file) {
  const text = readFileSync(file, 'utf8').split('\n');
  return {
    inputs: text.find((l) => l.startsWith('# inputs:')) ?? '',
    lines: text.filter((l) => l && !l.startsWith('#')),
  };
}

/** Lines in `a` and not in `b`, counting repeats (two findings may share a position). */
function minus(a, b) {
  const left = new Map();
  for (const l of b) left.set(l, (left.get(l) ?? 0) + 1);
  return a.filter((l) => {
    const n = left.get(l) ?? 0;
    if (n > 0) left.set(l, n - 1);
    return n === 0;
  });
}

/** Saves the list, or compares it with a saved one; returns the exit status. */
export async function findings(root, mode, file) {
  const now = await collectFindings(root);
  if (mode === 'save') {
    writeFileSync(
      file,
      [`# keylint findings on the bench inputs, by ${now.cli}`, now.inputs, ...now.lines, ''].join('\n'),
    );
    console.log(`${now.lines.length} findings written to ${file}`);
    return 0;
  }
  const before = readList(file);
  if (before.inputs !== now.inputs)
    console.log(
      `note: the inputs differ from the saved list's (node_modules changed?):\n  ${before.inputs}\n  ${now.inputs}`,
    );
  const gone = minus(before.lines, now.lines);
  const added = minus(now.lines, before.lines);
  for (const [sign, list] of [
    ['-', gone],
    ['+', added],
  ]) {
    for (const l of list.slice(0, SHOWN)) console.log(`${sign} ${l}`);
    if (list.length > SHOWN) console.log(`${sign} ... and ${list.length - SHOWN} more`);
  }
  console.log(
    gone.length + added.length === 0
      ? `findings identical: ${now.lines.length} (${now.cli} against ${file})`
      : `findings differ: ${gone.length} gone, ${added.length} new, of ${before.lines.length} saved (${now.cli} against ${file})`,
  );
  return gone.length + added.length === 0 ? 0 : 1;
}

if (import.meta.url === pathToFileURL(process.argv[1]).href) {
  const [flag, file] = process.argv.slice(2);
  if (!['--save', '--compare'].includes(flag) || !file) {
    console.error('usage: node scripts/bench/findings.mjs --save FILE | --compare FILE');
    process.exit(2);
  }
  const root = path.resolve(import.meta.dirname, '..', '..');
  process.exitCode = await findings(root, flag.slice(2), path.resolve(file));
}
