#!/usr/bin/env node
// The CLI's launcher (dist/cli.js): it starts git's listing of the tree and the scanning threads
// first thing, then loads the rest of keylint (dist/cli-main.js) while they run. Parsing and
// compiling the whole CLI takes longer than git takes to list most trees.
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { parseArgs } from 'node:util';
import { siblingBundle } from './bundle-path.js';
import { OPTIONS } from './cli-options.js';
import { startScan, type EarlyStart } from './scan-start.js';

/** The tree a plain scan reads, when `argv` asks for one; anything else (help, --staged, org) waits. */
function plainScanRoot(argv: readonly string[]): string | null {
  if (argv[0] === 'org' || argv[0] === 'merge') return null;
  try {
    const { values, positionals } = parseArgs({
      args: [...argv],
      allowPositionals: true,
      strict: true,
      options: OPTIONS,
    });
    if (values.help || values.version || values.staged || positionals.length > 1) return null;
    return path.resolve(process.cwd(), positionals[0] ?? '.');
  } catch {
    return null; // the CLI says what is wrong
  }
}

const argv = process.argv.slice(2);
const root = plainScanRoot(argv);
const early: EarlyStart | undefined =
  root === null ? undefined : { root, start: startScan(root, process.env) };
const bundle = siblingBundle(import.meta.url, 'cli-main.js');
const cli = (await import(
  /* webpackIgnore: true */ bundle ? pathToFileURL(bundle).href : './cli-main.js'
)) as typeof import('./cli-main.js');
cli.exitWhenFlushed(await cli.main(argv, early));
