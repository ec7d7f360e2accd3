import { UserError } from './errors.js';
import { FAIL_ON_LEVELS, type FailOn } from './finding.js';
import type { LiveMode, ScanMode } from './options.js';

/** Parsers shared by action inputs and CLI flags, so both reject the same mistakes with the same words. */
export function parseFailOn(value: string, source = 'fail-on'): FailOn {
  const v = value.trim().toLowerCase();
  if ((FAIL_ON_LEVELS as readonly string[]).includes(v)) return v as FailOn;
  throw new UserError(`${source} must be one of ${FAIL_ON_LEVELS.join(', ')} (got "${value}")`);
}

export function parseScanMode(value: string, source = 'scan'): ScanMode {
  const v = value.trim().toLowerCase();
  if (['auto', 'tree', 'commits', 'history'].includes(v)) return v as ScanMode;
  throw new UserError(`${source} must be one of auto, tree, commits, history (got "${value}")`);
}

export function parseLiveMode(value: string, source = 'live-check'): LiveMode {
  const v = value.trim().toLowerCase();
  if (v === '' || v === 'false') return 'off';
  if (['off', 'auth', 'billing'].includes(v)) return v as LiveMode;
  throw new UserError(`${source} must be one of off, auth, billing (got "${value}")`);
}

export function parsePositiveSeconds(value: string, source: string): number {
  const n = Number(value.trim());
  if (!Number.isFinite(n) || n <= 0 || n > 600)
    throw new UserError(`${source} must be a number of seconds between 1 and 600 (got "${value}")`);
  return n;
}

export function parseBool(value: string, source: string): boolean {
  const v = value.trim().toLowerCase();
  if (['true', 'yes', '1', 'on'].includes(v)) return true;
  if (['false', 'no', '0', 'off', ''].includes(v)) return false;
  throw new UserError(`${source} must be true or false (got "${value}")`);
}

/** Variable names, separated by commas, spaces or new lines. */
export function parseNameList(value: string, source: string): string[] {
  const names = value.split(/[\s,]+/).filter(Boolean);
  for (const n of names)
    if (!/^[A-Za-z_][A-Za-z0-9_]*$/.test(n)) throw new UserError(`${source}: "${n}" is not a variable name`);
  return names;
}

/**
 * `verify-gateway` / `--verify-gateway`: `PROVIDER=URL` pairs (comma- or newline-separated), the
 * only way to send leaked keys anywhere but the provider's official host.
 */
export function parseGateways(
  values: readonly string[],
  source: string,
  providers: readonly string[],
): Record<string, string> {
  const out: Record<string, string> = {};
  for (const pair of values.flatMap((v) => v.split(/[\s,]+/)).filter(Boolean)) {
    const eq = pair.indexOf('=');
    const id = pair.slice(0, Math.max(0, eq)).trim().toLowerCase();
    const url = pair.slice(eq + 1).trim();
    if (eq <= 0 || !providers.includes(id))
      throw new UserError(
        `${source}: "${pair}" is not PROVIDER=URL with PROVIDER one of ${providers.join(', ')}`,
      );
    if (!/^https?:\/\/[^\s]+$/i.test(url)) throw new UserError(`${source}: "${url}" is not an http(s) URL`);
    out[id] = url.replace(/\/+$/, '');
  }
  return out;
}
