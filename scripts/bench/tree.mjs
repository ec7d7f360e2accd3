// The working-tree scan: keylint against ripgrep on the same files and the same key shapes.
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { buildCorpus } from './corpus.mjs';
import { loadDetectors, rgPattern } from './detectors.mjs';
import { measure, mediansInTurn, mib } from './measure.mjs';

const RG = '/usr/bin/rg';
const MIN_BYTES = 200 * 1024 * 1024;
const RUNS = 5;

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

export async function benchTree({ root, print }) {
  const t0 = performance.now();
  const corpus = buildCorpus({ root, dir: path.join(tmpdir(), 'keylint-bench-corpus'), minBytes: MIN_BYTES });
  const size = mib(corpus.bytes);
  print(
    `corpus: ${size.toFixed(0)} MiB of node_modules text in ${corpus.dir} ` +
      `(${corpus.planted.length} keys planted; built in ${((performance.now() - t0) / 1000).toFixed(1)} s)`,
  );

  const tmp = mkdtempSync(path.join(tmpdir(), 'keylint-bench-'));
  const reportFile = path.join(tmp, 'report.json');
  const keylint = (output, ...extra) =>
    measure(process.execPath, [
      path.join(root, 'dist', 'cli.js'),
      corpus.dir,
      '--format',
      'json',
      '--output',
      output,
      '--fail-on',
      'none',
      ...extra,
    ]);
  // The same scan with the code lint turned off, to show what the lint costs; and the leak scan
  // alone, the work rg's search compares with (no secret wiring, no code lint).
  const noLintConfig = path.join(tmp, 'no-lint.yml');
  writeFileSync(noLintConfig, 'rules:\n  lint: false\n');
  const leaksOnlyConfig = path.join(tmp, 'leaks-only.yml');
  writeFileSync(leaksOnlyConfig, 'rules:\n  lint: false\n  wiring: false\n');
  const other = path.join(tmp, 'other.json');
  const tools = {
    k: () => keylint(reportFile),
    withoutLint: () => keylint(other, '--config', noLintConfig),
    leaksOnly: () => keylint(other, '--config', leaksOnlyConfig),
    // What Node itself costs: the same listing and one read of every file, nothing scanned.
    floor: () => measure(process.execPath, [path.join(import.meta.dirname, 'floor.mjs'), corpus.dir]),
  };
  const pattern = existsSync(RG) ? rgPattern(await loadDetectors(root)) : null;
  if (pattern)
    // Same files as keylint: dot-files too, no ignore files (there are none), not the .git directory.
    tools.rg = () =>
      measure(RG, [
        '--hidden',
        '--no-ignore',
        '-g',
        '!.git',
        '--count-matches',
        '--no-filename',
        '-e',
        pattern,
        corpus.dir,
      ]);
  // Measured just before the runs: they themselves keep every core busy.
  const busyBefore = cpuBusyShare(1000);
  // Taken in turns, so that the machine's drift touches every tool alike.
  const { k, withoutLint, leaksOnly, floor, rg: rgRun = null } = await mediansInTurn(RUNS, tools);
  if (floor.code !== 0) throw new Error(`the floor run exited ${floor.code}: ${floor.stderr.trim()}`);
  for (const run of [k, leaksOnly])
    if (run.code !== 0) throw new Error(`keylint exited ${run.code}: ${run.stderr.trim()}`);
  const report = JSON.parse(readFileSync(reportFile, 'utf8'));
  rmSync(tmp, { recursive: true, force: true });
  const lost = missing(corpus.planted, report);
  for (const p of lost) print(`  MISSED ${p.rule} at ${p.path}:${p.line}:${p.column} (${p.where})`);
  const extra = report.findings.length - (corpus.planted.length - lost.length);
  print(
    `keylint found ${corpus.planted.length - lost.length}/${corpus.planted.length} planted keys` +
      ` (${extra} other findings in the third-party text)`,
  );

  const rows = [
    ['keylint (every check)', k],
    ['keylint (leak scan)', leaksOnly],
    ['node floor (list + read)', floor],
  ];
  if (rgRun) {
    const matches = rgRun.stdout
      .split('\n')
      .filter(Boolean)
      .reduce((n, l) => n + Number(l), 0);
    print(
      `rg found ${matches} matches of the prefixed key shapes (keylint also checks boundaries, placeholders, entropy)`,
    );
    rows.push(['rg', rgRun]);
  } else {
    print('rg (ripgrep) is not installed: apt-get install ripgrep');
  }

  print('');
  print('tool                      seconds    MiB/s   peak MiB   CPU seconds');
  for (const [name, r] of rows)
    print(
      [
        name.padEnd(24),
        r.seconds.toFixed(2).padStart(8),
        (size / r.seconds).toFixed(0).padStart(8),
        r.peakMiB.toFixed(0).padStart(10),
        r.cpuSeconds.toFixed(2).padStart(13),
      ].join(' '),
    );
  if (busyBefore !== null && busyBefore > 0.2)
    print(
      `note: the CPU was ${(100 * busyBefore).toFixed(0)}% busy in the second before the runs: ` +
        'other work shares it, wall times are inflated',
    );
  if (rgRun) {
    print(
      `keylint / rg throughput: ${(rgRun.seconds / k.seconds).toFixed(2)} with every check, ` +
        `${(rgRun.seconds / leaksOnly.seconds).toFixed(2)} for the leak scan alone (target >= 0.5)`,
    );
    print(
      `node floor / rg throughput: ${(rgRun.seconds / floor.seconds).toFixed(2)} ` +
        '(git listing and one read of every file on every core, nothing scanned: no Node scanner is faster)',
    );
    print(`keylint / rg CPU time per byte: ${(k.cpuSeconds / rgRun.cpuSeconds).toFixed(1)}x`);
  }
  print(`keylint peak memory: ${Math.max(k.peakMiB, leaksOnly.peakMiB).toFixed(0)} MiB (target < 300)`);
  const lintShare = (k.seconds - withoutLint.seconds) / withoutLint.seconds;
  print(
    `code lint: ${withoutLint.seconds.toFixed(2)} s without it, ${k.seconds.toFixed(2)} s with it: ` +
      `${lintShare >= 0 ? '+' : ''}${(100 * lintShare).toFixed(0)}% (target < 20%; the lint shares the one read of each file)`,
  );
  return { ok: lost.length === 0 };
}
