// `npm run bench`: throughput and peak memory of the built CLI, section by section (see
// scripts/bench/sections.mjs), each number beside its target. `npm run bench -- NAME...` runs the named
// sections only; `KEYLINT_BENCH_CLI=path/to/dist/cli.js` measures another build; `KEYLINT_BENCH_RUNS=N`
// sets the rounds. `node scripts/bench/findings.mjs` compares two builds' findings on the corpus.
//
// package.json runs `node scripts/bench.mjs && node scripts/bench-commits.mjs`, and npm hands the
// arguments after `--` to the last command only: under `npm run bench` this one steps aside and
// bench-commits.mjs runs every section (or the named ones). Run directly, it runs the tree sections.
import path from 'node:path';
import { runBench, TREE_SECTIONS } from './bench/sections.mjs';

if (process.env.npm_lifecycle_event !== 'bench')
  process.exitCode = await runBench(
    path.resolve(import.meta.dirname, '..'),
    process.argv.slice(2),
    TREE_SECTIONS,
  );
