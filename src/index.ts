import { realpathSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { run } from './main.js';

/**
 * The action's entry. GitHub runs it as a program; `@github/local-action` and other harnesses
 * import it and call `run()` themselves, so it runs on its own only when it is the program.
 */
export { run };

function isProgram(): boolean {
  const argv1 = process.argv[1];
  if (!argv1) return false;
  try {
    return realpathSync(argv1) === realpathSync(fileURLToPath(import.meta.url));
  } catch {
    return false;
  }
}

if (isProgram()) await run();
