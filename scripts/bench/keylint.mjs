// The keylint under test: this checkout's built CLI, or the one `KEYLINT_BENCH_CLI` names (another
// checkout's dist/cli.js, to measure a newer scanner with these rows). Run so that it reports its own
// peak memory, apart from the git processes it starts.
import { existsSync } from 'node:fs';
import path from 'node:path';
import { measure, OWN_PEAK_MARK } from './measure.mjs';

/** The CLI to measure, and whether it is this checkout's own (which the bench may rebuild). */
export function keylintCli(root) {
  const chosen = process.env.KEYLINT_BENCH_CLI?.trim();
  if (!chosen) return { cli: path.join(root, 'dist', 'cli.js'), own: true };
  const cli = path.resolve(chosen);
  if (!existsSync(cli)) throw new Error(`KEYLINT_BENCH_CLI names ${cli}, which does not exist`);
  return { cli, own: false };
}

/** Loads the CLI as `node cli.js ARGS` would, and writes the process's high-water mark as it exits. */
function wrapper(cli) {
  return [
    `process.argv = [process.argv[0], ${JSON.stringify(cli)}, ...process.argv.slice(1)];`,
    `process.on('exit', () => process.stderr.write('\\n${OWN_PEAK_MARK}' + process.resourceUsage().maxRSS + '\\n'));`,
    `await import(${JSON.stringify(cli)});`,
  ].join('\n');
}

/** `keylint ARGS`, measured; `peakMiB` is keylint's own process (its threads included). */
export function runKeylint(cli, args, opts = {}) {
  return measure(process.execPath, ['--input-type=module', '-e', wrapper(cli), ...args], opts);
}

/** Throws with keylint's message when a run failed (exit 1 is findings, with `--fail-on none` never). */
export function assertRan(name, run) {
  if (run.code !== 0)
    throw new Error(`${name} exited ${run.code}: ${run.stderr.replace(/\n\S+=\d+\n?$/, '').trim()}`);
}
