// The detector table itself, read from src/ (type-only imports erased), so that ripgrep is given
// exactly the key shapes keylint looks for.
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import ts from 'typescript';

export async function loadDetectors(root) {
  const source = readFileSync(path.join(root, 'src', 'detect', 'detectors.ts'), 'utf8');
  const js = ts.transpileModule(source, {
    compilerOptions: { module: ts.ModuleKind.ESNext, target: ts.ScriptTarget.ES2022 },
  }).outputText;
  const dir = mkdtempSync(path.join(tmpdir(), 'keylint-bench-'));
  const file = path.join(dir, 'detectors.mjs');
  writeFileSync(file, js);
  try {
    return (await import(pathToFileURL(file).href)).DETECTORS;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** One regular expression for rg: every kind with a shape of its own (context-only kinds need a name). */
export function rgPattern(detectors) {
  return (
    detectors
      .filter((d) => !d.context)
      // The table's patterns are anchored to a whole token; rg searches inside lines.
      .map((d) => `(?:${d.pattern.source.replace(/^\^/, '').replace(/\$$/, '')})`)
      .join('|')
  );
}
