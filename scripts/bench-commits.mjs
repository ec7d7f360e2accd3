// The commit-scan sections of the benchmark (`history`, `history-large`: keylint --history beside
// `git log -p | rg`), and under `npm run bench` every section: see scripts/bench.mjs for why.
//   node scripts/bench-commits.mjs [NAME...]
import path from 'node:path';
import { HISTORY_SECTIONS, runBench, SECTIONS } from './bench/sections.mjs';

const underNpm = process.env.npm_lifecycle_event === 'bench';
process.exitCode = await runBench(
  path.resolve(import.meta.dirname, '..'),
  process.argv.slice(2),
  underNpm ? SECTIONS : HISTORY_SECTIONS,
);
