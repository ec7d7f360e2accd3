import path from 'node:path';
import ignore, { type Ignore } from 'ignore';
import type { Finding } from '../finding.js';
import { entryExists, readPolicyFile } from './read-file.js';

export const IGNORE_FILE = '.keylintignore';

/** A fingerprint line: the 32 hex digits keylint prints, or at least the first 16 of them. */
const FINGERPRINT = /^([0-9a-f]{16,64})(?:\s+#.*)?$/i;

export interface IgnoreFile {
  fingerprints: string[];
  paths: Ignore;
  hasPaths: boolean;
}

/**
 * `.keylintignore`: one entry a line, `#` comments. A line of hex digits is a finding's fingerprint
 * (the secret's hash: it survives line moves and is safe to commit; a trailing `# comment` is
 * allowed). Every other line is a path in gitignore syntax. To ignore a path that is all hex
 * digits, write it with a slash (`/0123abcd…`).
 */
export function parseIgnoreFile(text: string): IgnoreFile {
  const fingerprints: string[] = [];
  const paths: string[] = [];
  for (const raw of text.split(/\r?\n/)) {
    const line = raw.trim();
    if (!line || line.startsWith('#')) continue;
    const fp = FINGERPRINT.exec(line);
    if (fp) fingerprints.push(fp[1]!.toLowerCase());
    else paths.push(raw.replace(/\s+$/, ''));
  }
  return { fingerprints, paths: ignore().add(paths), hasPaths: paths.length > 0 };
}

export function readIgnoreFile(root: string): IgnoreFile | null {
  const file = path.join(root, IGNORE_FILE);
  if (!entryExists(file)) return null;
  return parseIgnoreFile(readPolicyFile(root, file, IGNORE_FILE, 'ignore file'));
}

export function ignoreFileMatches(ig: IgnoreFile, f: Finding): boolean {
  if (ig.fingerprints.some((fp) => f.fingerprint.startsWith(fp))) return true;
  if (!ig.hasPaths) return false;
  const paths = [f.location?.path, f.commit?.path].filter((p): p is string => !!p && !p.startsWith('..'));
  return paths.some((p) => {
    try {
      return ig.paths.ignores(p);
    } catch {
      return false; // not a relative path: nothing in .keylintignore can name it
    }
  });
}
