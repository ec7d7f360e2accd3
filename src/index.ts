// The action's entry (dist/index.js), a launcher: run as a program, it starts git's listing of the
// workspace and the scanning threads first thing, then loads the action itself (dist/action-main.js,
// a megabyte with the Actions toolkit) while they run.
import { realpathSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { siblingBundle } from './bundle-path.js';
import { startScan, type EarlyStart } from './scan-start.js';

let early: EarlyStart | undefined;

/**
 * The action. GitHub runs this file as a program; `@github/local-action` and other harnesses import
 * it and call `run()` themselves, so it runs on its own only when it is the program.
 */
export async function run(): Promise<void> {
  const bundle = siblingBundle(import.meta.url, 'action-main.js');
  const action = (await import(
    /* webpackIgnore: true */ bundle ? pathToFileURL(bundle).href : './main.js'
  )) as typeof import('./main.js');
  await action.run(early);
}

function isProgram(): boolean {
  const argv1 = process.argv[1];
  if (!argv1) return false;
  try {
    return realpathSync(argv1) === realpathSync(fileURLToPath(import.meta.url));
  } catch {
    return false;
  }
}

if (isProgram()) {
  // The `path` input as the toolkit reads it (INPUT_PATH, trimmed), against the workspace.
  const env = process.env;
  const root = path.resolve(env.GITHUB_WORKSPACE ?? process.cwd(), env.INPUT_PATH?.trim() || '.');
  early = { root, start: startScan(root, env) };
  await run();
}
