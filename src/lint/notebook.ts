/**
 * The code cells of a Jupyter notebook as Python source whose lines are the notebook file's own
 * lines: each source line of a code cell is written at the line of the file that holds it, every
 * other line is blank. Findings then point at the line a reader opens in the `.ipynb`.
 */
export function notebookCode(text: string): string | undefined {
  let doc: unknown;
  try {
    doc = JSON.parse(text);
  } catch {
    return undefined;
  }
  const cells = (doc as { cells?: unknown }).cells;
  if (!Array.isArray(cells)) return undefined;
  const fileLines = text.split('\n');
  const out: string[] = fileLines.map(() => '');
  let at = 0; // the file line the search goes on from: cells and their lines come in file order
  for (const cell of cells as Array<{ cell_type?: unknown; source?: unknown }>) {
    const source = typeof cell.source === 'string' ? [cell.source] : cell.source;
    if (!Array.isArray(source)) continue;
    const code = cell.cell_type === 'code';
    for (const piece of source) {
      if (typeof piece !== 'string') continue;
      const encoded = JSON.stringify(piece);
      let line = at;
      while (line < fileLines.length && !fileLines[line]!.includes(encoded)) line++;
      if (line === fileLines.length) {
        // One-line or unusually formatted JSON: keep the code, placed on the current line.
        if (code) out[at] = `${out[at]}${piece.replace(/\n$/, '').replace(/\n/g, ' ')}`;
        continue;
      }
      at = line;
      // Magics and shell lines are not Python; a cell's lines stay in order, one per file line.
      if (code) out[line] = /^\s*[%!]/.test(piece) ? '' : piece.replace(/\r?\n$/, '');
    }
  }
  return out.join('\n');
}
