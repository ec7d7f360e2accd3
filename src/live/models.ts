import type { ScanContext } from '../check.js';

/** `model="gpt-4o"`, `model: 'claude-…'`, `"model": "…"` in source files. */
const MODEL_LITERAL = /\bmodel["']?\s*[:=]\s*["'`]([A-Za-z0-9][A-Za-z0-9._:/-]{1,80})["'`]/g;
const SOURCE = /\.(py|js|mjs|cjs|ts|tsx|jsx|go|rb|java|kt|cs|php|rs|ipynb)$/i;
const MAX_FILES = 5000;

/**
 * The models the code names: the code lint's list when it ran (`ctx.codeModels`), else a tiny scan of
 * its own, so the live check also works on its own branch and when the lint finds nothing.
 */
export function codeModels(ctx: ScanContext): Map<string, { path: string; line: number }> {
  if (ctx.codeModels.size) return ctx.codeModels;
  const found = new Map<string, { path: string; line: number }>();
  for (const f of ctx.files.files.filter((f) => SOURCE.test(f.path)).slice(0, MAX_FILES)) {
    const text = ctx.files.readText(f.path);
    if (!text) continue;
    for (const m of text.matchAll(MODEL_LITERAL)) {
      const name = m[1]!;
      if (found.has(name)) continue;
      found.set(name, { path: f.path, line: text.slice(0, m.index).split('\n').length });
    }
  }
  return found;
}
