/**
 * How often each byte occurs in the text keylint scans: counts per 100,000 bytes, measured on
 * 95 MB of source (a third of the bench's node_modules corpus and 4 MB from each of 17 public AI
 * repositories: Python, TypeScript, notebooks, docs). The candidate search plans its fingerprints
 * with it: a literal is looked for by the bytes least likely to occur by chance.
 */
const PRINTABLE: readonly number[] = [
  // ' ' to '/'
  18259, 64, 1618, 143, 51, 11, 77, 295, 745, 745, 274, 92, 1487, 740, 1353, 677,
  // '0' to '?'
  515, 457, 420, 279, 268, 248, 237, 203, 215, 198, 879, 448, 108, 698, 196, 72,
  // '@' to 'O'
  130, 1395, 279, 661, 246, 488, 212, 203, 124, 447, 72, 135, 201, 274, 250, 276,
  // 'P' to '_'
  250, 143, 267, 375, 394, 173, 107, 117, 62, 91, 57, 238, 364, 238, 26, 943,
  // '`' to 'o'
  276, 3765, 700, 2037, 1890, 6886, 1169, 1106, 1314, 3482, 166, 415, 2287, 1471, 3976, 3774,
  // 'p' to '~'
  1824, 133, 3700, 3802, 5115, 1698, 564, 472, 463, 802, 114, 405, 159, 405, 3,
];
const TAB = 324;
const NEWLINE = 2180;
/** Bytes 0x80-0xff together (UTF-8 text), spread evenly; control bytes almost never occur. */
const HIGH = 1807 / 128;
const CONTROL = 1;

const TABLE: Float64Array = (() => {
  const t = new Float64Array(256);
  for (let b = 0; b < 256; b++) {
    const count =
      b >= 32 && b < 127
        ? PRINTABLE[b - 32]!
        : b === 9
          ? TAB
          : b === 10
            ? NEWLINE
            : b >= 128
              ? HIGH
              : CONTROL;
    t[b] = count / 100_000;
  }
  return t;
})();

/** The share of scanned bytes that are `byte` (never zero: every byte occurs somewhere). */
export function byteFrequency(byte: number): number {
  return TABLE[byte & 255]!;
}
