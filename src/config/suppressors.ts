import path from 'node:path';
import type { ScanOptions } from '../options.js';
import type { Suppressor } from '../policy.js';
import { baselineKey, readBaseline } from './baseline.js';
import { ignoreFileMatches, readIgnoreFile } from './ignore-file.js';
import { inlineMatcher } from './inline-suppressor.js';

/**
 * Every way to silence a finding with intent, in the order a finding is credited to one: a marker
 * on its line, `.keylintignore`, then the baseline. Built before the scan, so a bad baseline fails
 * at once rather than after a long history scan.
 */
export function buildSuppressors(options: ScanOptions): Suppressor[] {
  const out: Suppressor[] = [{ kind: 'inline', matches: inlineMatcher(options.root) }];
  const ig = readIgnoreFile(options.sourceRoot ?? options.root);
  if (ig) out.push({ kind: 'ignore-file', matches: (f) => ignoreFileMatches(ig, f) });
  if (options.baselinePath) {
    const shown = path.relative(process.cwd(), options.baselinePath) || options.baselinePath;
    const known = readBaseline(
      options.root,
      options.baselinePath,
      shown.startsWith('..') ? options.baselinePath : shown,
    );
    out.push({ kind: 'baseline', matches: (f) => known.has(baselineKey(f)) });
  }
  return out;
}
