// `npm run bench`: throughput and peak memory of the built CLI, section by section (see
// scripts/bench/sections.mjs), each number beside its target. `npm run bench -- NAME...` runs the named
// sections only; `KEYLINT_BENCH_CLI=path/to/dist/cli.js` measures another build; `KEYLINT_BENCH_RUNS=N`
// sets the rounds. `npm run bench -- --save-findings FILE` / `--compare-findings FILE` lists a build's
// findings on the bench inputs, or compares them with a list saved earlier.
import path from 'node:path';
import { runBench, SECTIONS } from './bench/sections.mjs';

process.exitCode = await runBench(path.resolve(import.meta.dirname, '..'), process.argv.slice(2), SECTIONS);
