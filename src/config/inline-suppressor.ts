import { readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import type { Finding } from '../finding.js';
import { inlineAllows } from './inline.js';

/** Files larger than this are not re-read for a marker (no marker is worth reading 8 MiB for). */
const MAX_READ = 8 * 1024 * 1024;

/**
 * Reads a finding's line (and the line above it) from the tree, only for findings, and only once
 * per file. Findings about history (`inTree: false`) were judged on their diff line by the commit
 * scan, and leaked keys in the tree (`leak/…`) by the leak check on the lines the file pass read.
 */
export function inlineMatcher(root: string): (f: Finding) => boolean {
  const cache = new Map<string, string[] | null>();
  const linesOf = (rel: string): string[] | null => {
    if (cache.has(rel)) return cache.get(rel)!;
    let lines: string[] | null = null;
    const abs = path.resolve(root, rel);
    if (abs.startsWith(path.resolve(root) + path.sep)) {
      try {
        if (statSync(abs).size <= MAX_READ) lines = readFileSync(abs, 'utf8').split(/\r?\n/);
      } catch {
        lines = null;
      }
    }
    cache.set(rel, lines);
    return lines;
  };
  return (f) => {
    if (!f.location || f.inTree === false || f.ruleId.startsWith('leak/')) return false;
    const lines = linesOf(f.location.path);
    const text = lines?.[f.location.line - 1];
    if (text === undefined) return false;
    return inlineAllows(f.ruleId, text, f.location.line > 1 ? lines?.[f.location.line - 2] : undefined);
  };
}
