import { redact } from '../finding.js';
import { registerSecret } from '../secrets.js';
import { Scanner } from './scanner.js';

let scanner: Scanner | undefined;

/**
 * Redacts every key found in a free text (an error message that quotes a user's file): the last
 * guard for texts no check produced, so a key pasted in the wrong place never reaches a log.
 */
export function redactKeysIn(text: string): string {
  scanner ??= new Scanner();
  const matches = scanner.scan(text);
  if (matches.length === 0) return text;
  let out = '';
  let at = 0;
  for (const m of matches) {
    registerSecret(m.secret);
    out += text.slice(at, m.start) + redact(m.secret);
    at = m.end;
  }
  return out + text.slice(at);
}
