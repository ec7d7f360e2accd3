/**
 * A value from the repository (a path, a message that quotes one) as a terminal shows it: control
 * characters (ESC, CR, LF, the rest of C0 and C1, DEL) and the bidirectional overrides become
 * visible escapes, so a file name cannot move the cursor, hide a line or fake a verdict.
 */
// eslint-disable-next-line no-control-regex -- finding them is the point
const CONTROL = /[\u0000-\u001f\u007f-\u009f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]/g;
const NAMED: Record<string, string> = { '\n': '\\n', '\r': '\\r', '\t': '\\t', '\u001b': '\\e' };

export function terminalText(value: string): string {
  return value.replace(CONTROL, (c) => {
    const named = NAMED[c];
    if (named) return named;
    const code = c.charCodeAt(0);
    return code <= 0xff
      ? `\\x${code.toString(16).padStart(2, '0')}`
      : `\\u${code.toString(16).padStart(4, '0')}`;
  });
}
