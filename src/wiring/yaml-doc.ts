import { isMap, isPair, isScalar, isSeq, LineCounter, parseDocument, type Document, type Node } from 'yaml';

/** A YAML file parsed with positions kept, or the first error at the parser's line. */
export type ParsedYaml =
  | { ok: true; doc: Document.Parsed; lineOf: (node: unknown) => number; lineAt: (offset: number) => number }
  | { ok: false; line: number; message: string };

export function parseYaml(text: string): ParsedYaml {
  const lc = new LineCounter();
  const doc = parseDocument(text, { lineCounter: lc, prettyErrors: false, uniqueKeys: false });
  const err = doc.errors[0];
  if (err) {
    const line = lc.linePos(err.pos[0]).line;
    return { ok: false, line, message: err.message.split('\n')[0] ?? 'invalid YAML' };
  }
  const lineAt = (offset: number): number => lc.linePos(offset).line;
  const lineOf = (node: unknown): number => {
    const range = (node as Node | null)?.range;
    return range ? lineAt(range[0]) : 1;
  };
  return { ok: true, doc, lineOf, lineAt };
}

/** The pairs of a mapping node, with string keys; empty for anything else. */
export function pairsOf(node: unknown): { key: string; keyNode: Node; value: unknown }[] {
  if (!isMap(node)) return [];
  const out: { key: string; keyNode: Node; value: unknown }[] = [];
  for (const item of node.items) {
    if (!isPair(item) || !isScalar(item.key)) continue;
    out.push({ key: String(item.key.value), keyNode: item.key, value: item.value });
  }
  return out;
}

export function getIn(node: unknown, key: string): unknown {
  return pairsOf(node).find((p) => p.key === key)?.value;
}

export function itemsOf(node: unknown): unknown[] {
  return isSeq(node) ? node.items : [];
}

export function scalarText(node: unknown): string | undefined {
  if (!isScalar(node)) return undefined;
  const v = node.value;
  return v === null || v === undefined ? '' : String(v);
}
