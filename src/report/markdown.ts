/** Escapes text for a Markdown table cell. */
export function cell(text: string): string {
  return text.replace(/\\/g, '\\\\').replace(/\|/g, '\\|').replace(/\r?\n/g, ' ').replace(/</g, '&lt;');
}

/** Appends blocks while they fit in `limit` bytes (UTF-8); returns how many did not fit. */
export function appendWithin(out: string[], blocks: readonly string[], limit: number, used: number): number {
  let size = used;
  for (let i = 0; i < blocks.length; i++) {
    const b = blocks[i]!;
    const n = Buffer.byteLength(b, 'utf8') + 1;
    if (size + n > limit) return blocks.length - i;
    out.push(b);
    size += n;
  }
  return 0;
}
