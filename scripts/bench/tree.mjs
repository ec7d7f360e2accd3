// The working-tree scans: keylint against ripgrep and against a Node floor on the same files and the
// same key shapes, in a git checkout (`tree`), in a plain directory (`plain`), and on a small
// checkout with and without threads (`small`).
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { benchDir, buildCorpus, plainCopy, smallTree } from './corpus.mjs';
import { loadDetectors, rgPattern } from './detectors.mjs';
import { assertRan, keylintCli, runKeylint } from './keylint.mjs';
import { inTurn, measure, mediansInTurn, mib, rounds } from './measure.mjs';
import { peakTarget, target } from './targets.mjs';

const RG = '/usr/bin/rg';
const MIN_BYTES = 200 * 1024 * 1024;
const SMALL_FILES = 400;

/** Every planted key must be reported at its line and column under its rule. */
function missing(planted, report) {
  const found = new Set(
    report.findings
      .filter((f) => f.location)
      .map((f) => `${f.ruleId} ${f.location.path}:${f.location.line}:${f.location.column}`),
  );
  return planted.filter(
    (p) => !found.has(`${p.rule} ${p.path.split(path.sep).join('/')}:${p.line}:${p.column}`),
  );
}

/**
 * The share of CPU time not idle over the next `ms` milliseconds (Linux), or null where there is no
 * /proc/stat. A load average would count this benchmark's own earlier runs for a minute.
 */
function cpuBusyShare(ms) {
  const sample = () => {
    try {
      return readFileSync('/proc/stat', 'utf8').split('\n')[0].trim().split(/\s+/).slice(1).map(Number);
    } catch {
      return null;
    }
  };
  const before = sample();
  if (!before) return null;
  Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, ms);
  // user nice system idle iowait irq softirq steal; guest time is already counted in user and nice.
  const spent = sample()
    .slice(0, 8)
    .map((t, i) => t - before[i]);
  const total = spent.reduce((sum, t) => sum + t, 0);
  // Fields 4 and 5: idle, and idle waiting for I/O.
  return total > 0 ? 1 - (spent[3] + spent[4]) / total : null;
}

/** Measured just before the runs (they themselves keep every core busy); a note when others share it. */
function noteBusy(print, busy) {
  if (busy !== null && busy > 0.2)
    print(
      `note: the CPU was ${(100 * busy).toFixed(0)}% busy in the second before the runs: ` +
        'other work shares it, wall times are inflated',
    );
}

/** Built once per run and shared by the sections: the checkout, and the same files as a plain directory. */
let shared = null;
function corpusOnce(root, print) {
  if (shared) return shared;
  const t0 = performance.now();
  const corpus = buildCorpus({ root, dir: benchDir(root, 'corpus'), minBytes: MIN_BYTES });
  print(
    `corpus: ${mib(corpus.bytes).toFixed(0)} MiB of node_modules text in ${corpus.dir} ` +
      `(${corpus.planted.length} keys planted; built in ${((performance.now() - t0) / 1000).toFixed(1)} s)`,
  );
  shared = { corpus, plain: null };
  return shared;
}

function plainOnce(root, print) {
  const s = corpusOnce(root, print);
  s.plain ??= plainCopy(s.corpus, benchDir(root, 'plain'));
  return s.plain;
}

/** keylint with every check, and with the leak scan alone (no secret wiring, no code lint). */
function keylintTools(cli, dir, tmp) {
  const run = (output, ...extra) =>
    runKeylint(cli, [dir, '--format', 'json', '--output', output, '--fail-on', 'none', ...extra]);
  const config = (name, text) => {
    const file = path.join(tmp, name);
    writeFileSync(file, text);
    return file;
  };
  const leaksOnly = config('leaks-only.yml', 'rules:\n  lint: false\n  wiring: false\n');
  const noLint = config('no-lint.yml', 'rules:\n  lint: false\n');
  return {
    report: path.join(tmp, 'report.json'),
    every: () => run(path.join(tmp, 'report.json')),
    leaks: () => run(path.join(tmp, 'other.json'), '--config', leaksOnly),
    withoutLint: () => run(path.join(tmp, 'other.json'), '--config', noLint),
  };
}

/** rg with the key shapes keylint looks for, on the same files: dot-files too, no ignore files, no .git. */
async function rgTool(root, dir) {
  if (!existsSync(RG)) return null;
  const pattern = rgPattern(await loadDetectors(root));
  return () =>
    measure(RG, [
      '--hidden',
      '--no-ignore',
      '-g',
      '!.git',
      '--count-matches',
      '--no-filename',
      '-e',
      pattern,
      dir,
    ]);
}

const floorTool =
  (dir, ...extra) =>
  () =>
    measure(process.execPath, [path.join(import.meta.dirname, 'floor.mjs'), dir, ...extra]);

/** Checks that every planted key was reported; prints the count. */
function checkPlanted(print, planted, reportFile) {
  const report = JSON.parse(readFileSync(reportFile, 'utf8'));
  const lost = missing(planted, report);
  for (const p of lost) print(`  MISSED ${p.rule} at ${p.path}:${p.line}:${p.column} (${p.where})`);
  const extra = report.findings.length - (planted.length - lost.length);
  print(
    `keylint found ${planted.length - lost.length}/${planted.length} planted keys` +
      ` (${extra} other findings in the third-party text)`,
  );
  return lost.length === 0;
}

function table(print, size, rows) {
  print('tool                        seconds    MiB/s   peak MiB   CPU seconds');
  for (const [name, r] of rows)
    print(
      [
        name.padEnd(26),
        r.seconds.toFixed(2).padStart(8),
        (size / r.seconds).toFixed(0).padStart(8),
        r.peakMiB.toFixed(0).padStart(10),
        r.cpuSeconds.toFixed(2).padStart(13),
      ].join(' '),
    );
}

const rgMatches = (run) =>
  run.stdout
    .split('\n')
    .filter(Boolean)
    .reduce((n, l) => n + Number(l), 0);

export async function benchTree({ root, print }) {
  const { corpus } = corpusOnce(root, print);
  const size = mib(corpus.bytes);
  const { cli } = keylintCli(root);
  const tmp = mkdtempSync(path.join(tmpdir(), 'keylint-bench-'));
  const kl = keylintTools(cli, corpus.dir, tmp);
  const tools = {
    every: kl.every,
    withoutLint: kl.withoutLint,
    leaks: kl.leaks,
    // What Node itself costs: the same listing and one read of every file, nothing scanned.
    floor: floorTool(corpus.dir),
  };
  const rg = await rgTool(root, corpus.dir);
  if (rg) tools.rg = rg;
  const busy = cpuBusyShare(1000);
  // Taken in turns, so that the machine's drift touches every tool alike.
  const runs = rounds();
  const { every, withoutLint, leaks, floor, rg: rgRun = null } = await mediansInTurn(runs, tools);
  if (floor.code !== 0) throw new Error(`the floor run exited ${floor.code}: ${floor.stderr.trim()}`);
  for (const [name, run] of [
    ['keylint (every check)', every],
    ['keylint (leak scan)', leaks],
  ])
    assertRan(name, run);
  const ok = checkPlanted(print, corpus.planted, kl.report);
  rmSync(tmp, { recursive: true, force: true });
  if (rgRun)
    print(
      `rg found ${rgMatches(rgRun)} matches of the prefixed key shapes (keylint also checks boundaries, placeholders, entropy)`,
    );
  else print('rg (ripgrep) is not installed: apt-get install ripgrep');

  print(inTurn(runs));
  table(print, size, [
    ['keylint (every check)', every],
    ['keylint (leak scan)', leaks],
    ['node floor (git + read)', floor],
    ...(rgRun ? [['rg', rgRun]] : []),
  ]);
  noteBusy(print, busy);
  target(print, 'leak scan / node floor', leaks.seconds / floor.seconds, '<=', 1.3);
  target(print, 'every check / node floor', every.seconds / floor.seconds, '<=', 1.6);
  if (rgRun) {
    print(
      `keylint / rg throughput: ${(rgRun.seconds / every.seconds).toFixed(2)} with every check, ` +
        `${(rgRun.seconds / leaks.seconds).toFixed(2)} for the leak scan alone (target >= 0.5)`,
    );
    print(
      `node floor / rg throughput: ${(rgRun.seconds / floor.seconds).toFixed(2)} ` +
        '(git listing and one read of every file on every core, nothing scanned: no Node scanner is faster)',
    );
    print(`keylint / rg CPU time per byte: ${(every.cpuSeconds / rgRun.cpuSeconds).toFixed(1)}x`);
  }
  peakTarget(print, 'every check', every);
  peakTarget(print, 'leak scan', leaks);
  const lintShare = (every.seconds - withoutLint.seconds) / withoutLint.seconds;
  print(
    `code lint: ${withoutLint.seconds.toFixed(2)} s without it, ${every.seconds.toFixed(2)} s with it: ` +
      `${lintShare >= 0 ? '+' : ''}${(100 * lintShare).toFixed(0)}% (target < 20%; the lint shares the one read of each file)`,
  );
  return { ok };
}

/** The same files without `.git`: keylint walks the directory itself instead of asking git. */
export async function benchPlain({ root, print }) {
  const plain = plainOnce(root, print);
  const size = mib(plain.bytes);
  const { cli } = keylintCli(root);
  const tmp = mkdtempSync(path.join(tmpdir(), 'keylint-bench-'));
  const kl = keylintTools(cli, plain.dir, tmp);
  const rg = await rgTool(root, plain.dir);
  const tools = { every: kl.every, leaks: kl.leaks, floor: floorTool(plain.dir, '--walk') };
  if (rg) tools.rg = rg;
  const busy = cpuBusyShare(1000);
  const runs = rounds();
  const { every, leaks, floor, rg: rgRun = null } = await mediansInTurn(runs, tools);
  if (floor.code !== 0) throw new Error(`the floor run exited ${floor.code}: ${floor.stderr.trim()}`);
  assertRan('keylint (every check)', every);
  assertRan('keylint (leak scan)', leaks);
  print(`plain directory (no .git, hard links to the corpus): ${plain.dir}`);
  const ok = checkPlanted(print, plain.planted, kl.report);
  rmSync(tmp, { recursive: true, force: true });
  print(inTurn(runs));
  table(print, size, [
    ['keylint (every check)', every],
    ['keylint (leak scan)', leaks],
    ['node floor (walk + read)', floor],
    ...(rgRun ? [['rg', rgRun]] : []),
  ]);
  noteBusy(print, busy);
  if (rgRun) {
    target(print, 'every check / rg throughput', rgRun.seconds / every.seconds, '>=', 0.5);
    print(`leak scan / rg throughput: ${(rgRun.seconds / leaks.seconds).toFixed(2)}x`);
  } else print('rg (ripgrep) is not installed: apt-get install ripgrep');
  print(
    `every check / node floor: ${(every.seconds / floor.seconds).toFixed(2)}x, ` +
      `leak scan / node floor: ${(leaks.seconds / floor.seconds).toFixed(2)}x (the floor walks in Node)`,
  );
  peakTarget(print, 'every check', every);
  peakTarget(print, 'leak scan', leaks);
  return { ok };
}

/** A project-sized checkout: keylint's own choice of threads must not lose to a single thread. */
export async function benchSmall({ root, print }) {
  const { corpus } = corpusOnce(root, print);
  const small = smallTree(corpus, benchDir(root, 'small'), SMALL_FILES);
  const { cli } = keylintCli(root);
  const run = (threads) => () => {
    const env = { ...process.env };
    delete env.KEYLINT_THREADS;
    if (threads) env.KEYLINT_THREADS = threads;
    return runKeylint(cli, [small.dir, '--format', 'json', '--fail-on', 'none'], { env });
  };
  const busy = cpuBusyShare(1000);
  // Runs of a fraction of a second: more rounds for the same confidence.
  const runs = 2 * rounds() + 1;
  const { threads, single } = await mediansInTurn(runs, {
    threads: run(null),
    single: run('1'),
  });
  assertRan('keylint (default threads)', threads);
  assertRan('keylint (KEYLINT_THREADS=1)', single);
  const a = JSON.parse(threads.stdout);
  const b = JSON.parse(single.stdout);
  const same = a.findings.length === b.findings.length && a.scan.files === b.scan.files;
  print(
    `small tree: ${small.files} files, ${mib(small.bytes).toFixed(1)} MiB in ${small.dir}` +
      ` (${a.scan.files} scanned, ${a.findings.length} findings${same ? ', the same with one thread' : `; ONE THREAD DIFFERS: ${b.scan.files} scanned, ${b.findings.length} findings`})`,
  );
  print(inTurn(runs));
  print('keylint                     seconds   peak MiB   CPU seconds');
  for (const [name, r] of [
    ['default threads', threads],
    ['KEYLINT_THREADS=1', single],
  ])
    print(
      [
        name.padEnd(26),
        r.seconds.toFixed(3).padStart(8),
        r.peakMiB.toFixed(0).padStart(10),
        r.cpuSeconds.toFixed(2).padStart(13),
      ].join(' '),
    );
  noteBusy(print, busy);
  target(print, 'default threads / 1 thread (time)', threads.seconds / single.seconds, '<=', 1.0, {
    slack: 0.05,
  });
  peakTarget(print, 'default threads', threads);
  peakTarget(print, 'one thread', single);
  return { ok: same };
}
