import path from 'node:path';
import { parseArgs } from 'node:util';
import { describeError, UserError } from './errors.js';
import { guardStandardStreams, writeOutputFile } from './output.js';
import { PROVIDER_IDS } from './live/providers.js';
import {
  parseFailOn,
  parseGateways,
  parseLiveMode,
  parseNameList,
  parsePositiveSeconds,
  parseScanMode,
} from './inputs.js';
import { todayFrom, type OutputFormat, type ScanOptions } from './options.js';
import type { TextStyle } from './report/text.js';
import { terminalText } from './report/terminal.js';
import { OPTIONS } from './cli-options.js';
import { startFor, startScan, type EarlyStart } from './scan-start.js';
import { copyStaged, type StagedCopy } from './sources/staged.js';
import { closest } from './text/closest.js';
import { VERSION } from './version.js';

/**
 * The rest of keylint, loaded once the scan's listing and threads are under way: the bundler keeps
 * these modules in the one file (`eager`) but runs them only when asked, so their start-up cost
 * overlaps git's walk of the tree instead of coming before it.
 */
async function loadScanner(): Promise<{
  runScan: typeof import('./pipeline.js').runScan;
  render: Record<OutputFormat, (r: import('./pipeline.js').ScanResult, style: TextStyle) => string>;
  verdictLine: (r: import('./pipeline.js').ScanResult, style: TextStyle) => string;
  terminalStyle: typeof import('./report/text.js').terminalStyle;
  plainText: TextStyle;
}> {
  const [{ runScan }, { renderJson }, { renderSarif }, text] = await Promise.all([
    import(/* webpackMode: "eager" */ './pipeline.js'),
    import(/* webpackMode: "eager" */ './report/json.js'),
    import(/* webpackMode: "eager" */ './report/sarif.js'),
    import(/* webpackMode: "eager" */ './report/text.js'),
  ]);
  return {
    runScan,
    render: { text: text.renderText, json: (r) => renderJson(r), sarif: (r) => renderSarif(r) },
    verdictLine: text.verdictLine,
    terminalStyle: text.terminalStyle,
    plainText: text.PLAIN_TEXT,
  };
}

export const HELP = `keylint ${VERSION}: find committed LLM API keys and the reasons a key does not work in CI.

Usage: keylint [PATH] [options]
       keylint org plan|scan …, keylint merge …   (sweep many repositories: keylint org --help)

  PATH                    directory to scan (default: the current directory; a directory
                          named org or merge is written ./org or ./merge)

Options:
  --format FORMAT         text (default), json or sarif
  --output FILE           write the report to FILE instead of standard output
  --fail-on LEVEL         critical, high (default), medium, low or none: exit 1 when a
                          finding is at or above LEVEL
  --config FILE           configuration file (default: .keylint.yml in PATH, if present)
  --scan MODE             auto (default: tree), tree, commits or history
  --since REV             scan every commit after REV (and the tree)
  --history               scan every commit reachable from HEAD (and the tree)
  --staged                scan the files staged for the next commit (git's index), at their
                          staged line numbers: for a pre-commit hook
  --baseline FILE         a previous JSON report: only findings not in it count
  --key-env NAMES         variable names the key is expected under (comma-separated)
  --live MODE             off (default), auth or billing: ask the provider whether the key in
                          the environment works, and why not
  --live-timeout SECONDS  total time budget of the live check (default 30)
  --verify-leaked         ask the provider whether each leaked key is live (at its
                          official host only)
  --verify-gateway P=URL  send provider P's leaked keys to URL instead (repeatable)
  --debug                 print stack traces of internal errors
  -v, --version           print the version
  -h, --help              print this help

Exit codes:
  0  no finding at or above --fail-on
  1  at least one finding at or above --fail-on
  2  usage or runtime error (one line on standard error)
`;

interface CliArgs {
  options: ScanOptions;
  format: OutputFormat;
  output?: string;
  staged: boolean;
}

/** `unknown option --frmat (did you mean --format?)`: parseArgs' own message names no neighbour. */
function argsError(err: unknown): UserError {
  const e = err as NodeJS.ErrnoException;
  const unknown = /^Unknown option '(-{1,2})([^'=]+)/.exec(e.message);
  if (e.code === 'ERR_PARSE_ARGS_UNKNOWN_OPTION' && unknown) {
    const [, dashes, name] = unknown;
    const near = dashes === '--' ? closest(name!, Object.keys(OPTIONS)) : undefined;
    return new UserError(
      `unknown option ${dashes}${name}${near ? ` (did you mean --${near}?)` : ' (see keylint --help)'}`,
    );
  }
  return new UserError(`${e.message.split('\n')[0]} (see keylint --help)`);
}

export function parseCli(argv: string[], env: NodeJS.ProcessEnv = process.env): CliArgs | 'help' | 'version' {
  let parsed;
  try {
    parsed = parseArgs({
      args: argv,
      allowPositionals: true,
      strict: true,
      options: OPTIONS,
    });
  } catch (err) {
    throw argsError(err);
  }
  const v = parsed.values;
  if (v.help) return 'help';
  if (v.version) return 'version';
  if (parsed.positionals.length > 1)
    throw new UserError('give at most one PATH to scan (see keylint --help)');
  const format = (v.format ?? 'text') as OutputFormat;
  if (!['text', 'json', 'sarif'].includes(format))
    throw new UserError(`--format must be text, json or sarif (got "${v.format}")`);
  let scan = parseScanMode(v.scan ?? 'auto', '--scan');
  if (v.staged && (v.history || v.since || (v.scan && v.scan !== 'tree')))
    throw new UserError(
      '--staged scans the next commit: it cannot be combined with --since, --history or --scan',
    );
  if (v.history) scan = 'history';
  else if (v.since && scan === 'auto') scan = 'commits';
  const cwd = process.cwd();
  return {
    format,
    staged: v.staged ?? false,
    output: v.output ? path.resolve(cwd, v.output) : undefined,
    options: {
      root: path.resolve(cwd, parsed.positionals[0] ?? '.'),
      failOn: parseFailOn(v['fail-on'] ?? 'high', '--fail-on'),
      configPath: v.config ? path.resolve(cwd, v.config) : undefined,
      scan,
      since: v.since,
      keyEnv: parseNameList(v['key-env'] ?? '', '--key-env'),
      live: parseLiveMode(v.live ?? 'off', '--live'),
      liveTimeoutSec: parsePositiveSeconds(v['live-timeout'] ?? '30', '--live-timeout'),
      verifyLeaked: v['verify-leaked'] ?? false,
      verifyGateways: parseGateways(v['verify-gateway'] ?? [], '--verify-gateway', PROVIDER_IDS),
      baselinePath: v.baseline ? path.resolve(cwd, v.baseline) : undefined,
      today: todayFrom(env),
      env: { ...env },
      inAction: false,
      debug: v.debug ?? false,
    },
  };
}

/** `org plan|scan` and `merge` are commands of their own; a directory of that name is `./org`. */
function isOrgCommand(argv: readonly string[]): boolean {
  return argv[0] === 'merge' || argv[0] === 'org';
}

/** The CLI; `early`: the scan the launcher started (see cli.ts). */
export async function main(argv: string[], early?: EarlyStart): Promise<number> {
  guardStandardStreams();
  let debug = argv.includes('--debug');
  let staged: StagedCopy | undefined;
  try {
    if (isOrgCommand(argv)) {
      const { orgMain } = await import(/* webpackMode: "eager" */ './org/cli.js');
      return await orgMain(argv);
    }
    const args = parseCli(argv);
    if (args === 'help') {
      process.stdout.write(HELP);
      return 0;
    }
    if (args === 'version') {
      process.stdout.write(`${VERSION}\n`);
      return 0;
    }
    debug = args.options.debug;
    staged = args.staged ? copyStaged(args.options.root) : undefined;
    const options: ScanOptions = staged
      ? { ...args.options, root: staged.dir, sourceRoot: args.options.root, staged: true }
      : args.options;
    // The launcher's start serves a plain scan of the same tree; anything else starts its own.
    const start =
      (staged ? startFor('', early) : startFor(options.root, early)) ??
      startScan(options.root, options.env, staged?.listing());
    const scanner = await loadScanner();
    const result = await scanner.runScan(options, [], start);
    // Colour and the terminal's width only for a person reading standard output.
    const style = args.output ? scanner.plainText : scanner.terminalStyle(process.stdout, process.env);
    const out = scanner.render[args.format](result, style);
    if (args.output) {
      // A name inside the scanned tree is the repository's to place: it must not lead out of it.
      const rel = path.relative(args.options.root, args.output);
      const roots = rel.startsWith('..') || path.isAbsolute(rel) ? [] : [args.options.root];
      const written = writeOutputFile(args.output, out, roots);
      if (!written.ok) throw new UserError(`cannot write ${args.output}: ${written.reason}`);
      if (args.format !== 'text')
        process.stderr.write(
          `${scanner.verdictLine(result, scanner.terminalStyle(process.stderr, process.env))}\n`,
        );
    } else process.stdout.write(out);
    return result.verdict === 'fail' ? 1 : 0;
  } catch (err) {
    early?.start.stop();
    process.stderr.write(`keylint: ${terminalText(describeError(err))}\n`);
    if (debug && !(err instanceof UserError) && err instanceof Error && err.stack)
      process.stderr.write(`${err.stack}\n`);
    return 2;
  } finally {
    staged?.remove();
  }
}

/**
 * Exits as soon as the output is flushed: letting node wind down on its own frees a heap of a
 * hundred megabytes object by object first, ~30 ms for nothing. Pipes and files are written
 * synchronously on Linux; elsewhere a pipe may still hold output, which is waited for.
 */
export function exitWhenFlushed(code: number): void {
  process.exitCode = code;
  const pending = [process.stdout, process.stderr].filter((s) => s.writableLength > 0);
  let left = pending.length;
  if (left === 0) process.exit(code);
  // A reader that went away (`| head`) ends the wait as a drained pipe does.
  for (const s of pending) {
    let done = false;
    const finish = (): void => {
      if (done) return;
      done = true;
      if (--left === 0) process.exit(code);
    };
    for (const event of ['drain', 'error', 'close']) s.once(event, finish);
  }
}
