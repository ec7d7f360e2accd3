// The commit-scan sections of the benchmark alone (`history`, `history-large`: keylint --history beside
// `git log -p | rg`).
//   node scripts/bench-commits.mjs [NAME...]
import path from 'node:path';
import { HISTORY_SECTIONS, runBench } from './bench/sections.mjs';

process.exitCode = await runBench(
  path.resolve(import.meta.dirname, '..'),
  process.argv.slice(2),
  HISTORY_SECTIONS,
);
