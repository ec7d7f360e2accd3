/**
 * Decoded views of a text: values that hold a key in an encoding the plain scan cannot see. Each view
 * knows the span of the encoded value in the original text, where a key found in it is reported.
 */
export interface DecodedView {
  /** Text to scan: `NAME=decoded`, so a context kind still sees the name it is assigned to. */
  text: string;
  /** The encoded value's span in the original text. */
  start: number;
  end: number;
}

/** Literals the prefilter keeps regions around, so that the values these views decode are read. */
export const DECODE_ANCHORS: readonly string[] = ['Secret'];

const SECRET_KIND = /^[ \t]*["']?kind["']?[ \t]*:[ \t]*["']?Secret\b/m;
/** How far before `Secret` its line may start: `kind`, quotes and spaces. */
const KIND_REACH = 48;

/**
 * Whether the `Secret` at byte `at` is the kind a manifest declares (`kind: Secret`), checked on the
 * bytes: most are words in code (`clientSecret`), and a stretch around each would be read for
 * every kind.
 */
export function declaresSecretAt(bytes: Buffer, at: number): boolean {
  const floor = Math.max(0, at - KIND_REACH);
  const nl = bytes.lastIndexOf(10, at);
  if (nl < floor - 1) return false;
  return SECRET_KIND.test(bytes.toString('latin1', nl + 1, Math.min(bytes.length, at + 7)));
}

/** `  NAME: base64` (YAML) or `"NAME": "base64",` (JSON on several lines). */
const DATA_ENTRY =
  /^[ \t]+["']?([A-Za-z0-9_.-]{1,128})["']?[ \t]*:[ \t]*["']?([A-Za-z0-9+/]{16,}={0,2})["']?[ \t]*,?[ \t]*\r?$/gm;

/** Printable text (keys, `.env` lines): not an image or a certificate. */
function isPrintable(s: string): boolean {
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c < 32 ? c !== 9 && c !== 10 && c !== 13 : c === 0xfffd || c === 127) return false;
  }
  return true;
}

/**
 * The base64 `data:` values of a Kubernetes `Secret` (YAML, or JSON one entry a line). A manifest
 * usually holds a Secret among other documents; only texts that declare one are decoded.
 */
export function kubernetesSecretViews(text: string): DecodedView[] {
  if (!text.includes('Secret') || !SECRET_KIND.test(text)) return [];
  const views: DecodedView[] = [];
  DATA_ENTRY.lastIndex = 0;
  for (let m = DATA_ENTRY.exec(text); m; m = DATA_ENTRY.exec(text)) {
    const name = m[1]!;
    const value = m[2]!;
    if (value.length % 4 !== 0) continue;
    const decoded = Buffer.from(value, 'base64').toString('utf8');
    if (!isPrintable(decoded)) continue;
    const start = m.index + m[0].lastIndexOf(value);
    views.push({ text: `${name}=${decoded}`, start, end: start + value.length });
  }
  return views;
}
