/**
 * Every raw secret keylint sees is registered here: masked in the runner's log with
 * `core.setSecret` and scrubbed from every text a reporter writes, as a last line of defence
 * behind the `Redacted` type.
 */
const seen = new Set<string>();
/** Null outside the action. Injected, so that the CLI does not load `@actions/core` and its HTTP client. */
let mask: ((secret: string) => void) | null = null;

/** In the action, secrets are also masked by the runner (`core.setSecret`). */
export function enableRunnerMasking(setSecret: (secret: string) => void): void {
  mask = setSecret;
  for (const s of seen) setSecret(s);
}

export function registerSecret(value: string): void {
  // Short values would scrub ordinary words out of every report.
  if (value.length < 8 || seen.has(value)) return;
  seen.add(value);
  mask?.(value);
}

export function scrub(text: string): string {
  if (seen.size === 0) return text;
  let out = text;
  for (const s of seen) if (out.includes(s)) out = out.split(s).join('****');
  return out;
}

export function registeredSecretCount(): number {
  return seen.size;
}
