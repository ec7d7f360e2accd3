import { existsSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

/**
 * A bundle built beside the running one (scripts/package.mjs), or null when there is none (running
 * from source). The path is built from a variable so the bundler leaves it alone: it would pull the
 * module in instead.
 */
export function siblingBundle(bundleUrl: string, name: string): string | null {
  try {
    const file = path.join(path.dirname(fileURLToPath(bundleUrl)), name);
    return existsSync(file) ? file : null;
  } catch {
    return null;
  }
}
