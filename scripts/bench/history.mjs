// The commit scan: keylint --history against `git log -p | rg` on a generated history, in turns.
// `history`: 10,000 commits of small diffs; `history-large`: 400 commits of notebooks with charts,
// a lockfile of thousands of lines and a multi-megabyte one-line bundle.
import path from 'node:path';
import { loadDetectors, rgPattern } from './detectors.mjs';
import { gitEnv, largeHistory, smallHistory } from './histories.mjs';
import { assertRan, keylintCli, runKeylint } from './keylint.mjs';
import { inTurn, measure, mediansInTurn, mib, rounds } from './measure.mjs';
import { target } from './targets.mjs';

/** keylint's own process (the git log it reads is another) while scanning a history. */
const HISTORY_PEAK_MIB = 150;

async function benchHistory({ root, print }, repo) {
  const { cli } = keylintCli(root);
  print(
    `${repo.reused ? 'reused' : `generated in ${repo.seconds.toFixed(0)} s:`} ${repo.commits} commits, ` +
      `${mib(repo.patchBytes).toFixed(0)} MiB of git log -p, ${repo.planted.length} keys added and removed ` +
      `(${path.relative(root, repo.dir)})`,
  );
  const pattern = rgPattern(await loadDetectors(root));
  const runs = rounds();
  const { keylint, rg } = await mediansInTurn(runs, {
    keylint: () =>
      runKeylint(cli, [repo.dir, '--history', '--format', 'json', '--fail-on', 'none'], { env: gitEnv }),
    // rg exits 1 when nothing matches: the pipeline's status is not checked.
    rg: () =>
      measure('sh', ['-c', 'git log -p --no-color HEAD | rg --count-matches -e "$1"', 'sh', pattern], {
        cwd: repo.dir,
        env: gitEnv,
      }),
  });
  assertRan('keylint --history', keylint);
  const findings = JSON.parse(keylint.stdout).findings;
  const found = new Set(
    findings
      .filter((f) => f.location)
      .map((f) => `${f.ruleId} ${f.location.path}:${f.location.line}:${f.location.column}`),
  );
  const lost = repo.planted.filter((p) => !found.has(`${p.rule} ${p.path}:${p.line}:${p.column}`));
  for (const p of lost) print(`  MISSED ${p.rule} at ${p.path}:${p.line}:${p.column}`);
  print(
    `keylint found ${repo.planted.length - lost.length}/${repo.planted.length} planted keys ` +
      `(${findings.length} findings in all); rg: ${Number(rg.stdout.trim()) || 0} matches, unvalidated`,
  );
  print(inTurn(runs));
  print('tool                        seconds  commits/s   MiB/s   peak MiB   CPU seconds');
  for (const [name, r, peak] of [
    ['keylint --history', keylint, `${keylint.peakMiB.toFixed(0)}`],
    ['git log -p | rg', rg, `${rg.treePeakMiB.toFixed(0)}`],
  ])
    print(
      [
        name.padEnd(26),
        r.seconds.toFixed(2).padStart(8),
        (repo.commits / r.seconds).toFixed(0).padStart(10),
        (mib(repo.patchBytes) / r.seconds).toFixed(0).padStart(7),
        peak.padStart(10),
        r.cpuSeconds.toFixed(2).padStart(13),
      ].join(' '),
    );
  print(
    `(peak: keylint's own process, ${keylint.treePeakMiB.toFixed(0)} MiB with the git log it reads;` +
      ' the pipeline: its largest process)',
  );
  target(print, 'keylint --history / git log -p | rg (time)', keylint.seconds / rg.seconds, '<=', 1.3);
  target(print, 'keylint --history peak memory', keylint.peakMiB, '<', HISTORY_PEAK_MIB, { unit: 'MiB' });
  return { ok: lost.length === 0 };
}

// `KEYLINT_BENCH_COMMITS` sets the small history's length (10,000 by default).
export const benchHistorySmall = (ctx) =>
  benchHistory(ctx, smallHistory(ctx.root, Number(process.env.KEYLINT_BENCH_COMMITS) || 10_000));
export const benchHistoryLarge = (ctx) => benchHistory(ctx, largeHistory(ctx.root));
