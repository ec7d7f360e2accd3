import type { Finding } from '../finding.js';
import { inlineAllows } from './inline.js';
import { readInsideRoot } from './read-file.js';

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
    if (!rel.startsWith('/') && !rel.split('/').includes('..')) {
      const r = readInsideRoot(root, rel, MAX_READ);
      if (r.ok) lines = r.text.split(/\r?\n/);
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
