import semver from 'semver';

/**
 * Python version specifiers (PEP 440) as semver ranges, so one comparison serves both ecosystems.
 * Limits, on purpose: pre-, post- and dev-releases are dropped to their release (`1.0.0rc1` → 1.0.0),
 * epochs and local versions are ignored, and `!=` exclusions are left out (they never decide
 * whether a pin is below or above 1.0).
 */
export function pep440ToRange(spec: string): string | null {
  const parts: string[] = [];
  for (const raw of spec.split(',')) {
    const clause = raw.trim();
    if (clause === '' || clause === '*') continue;
    const m = /^(===|==|~=|!=|<=|>=|<|>)?\s*v?([0-9][0-9a-zA-Z.*+!-]*)$/.exec(clause);
    if (!m) return null;
    const op = m[1] ?? '==';
    const version = m[2]!;
    if (op === '!=') continue;
    if (version.endsWith('.*')) {
      const base = version.slice(0, -2);
      if (op !== '==') return null;
      parts.push(`${base}.x`);
      continue;
    }
    const v = semver.coerce(version);
    if (!v) return null;
    if (op === '~=') {
      // Compatible release: ~=1.4.2 is >=1.4.2,==1.4.*; ~=1.4 is >=1.4,==1.*.
      const segs = version.split('.').filter((s) => /^\d+$/.test(s));
      if (segs.length < 2) return null;
      const upper = segs.slice(0, -1).map(Number);
      upper[upper.length - 1]! += 1;
      const up = semver.coerce(upper.join('.'));
      parts.push(`>=${v.version} <${up?.version ?? ''}`);
    } else if (op === '==' || op === '===') {
      parts.push(v.version);
    } else {
      parts.push(`${op}${v.version}`);
    }
  }
  const range = parts.length === 0 ? '*' : parts.join(' ');
  return semver.validRange(range) ? range : null;
}

/**
 * Poetry's constraint syntax: `^1.2`, `~1.2`, `1.2.*`, `>=1,<2`, a bare `1.2.3` (exact), `*`,
 * `||` alternatives.
 */
export function poetryToRange(spec: string): string | null {
  const alts = spec.split('||').map((alt) => {
    const clauses = alt.split(',').map((c) => c.trim());
    const out: string[] = [];
    for (const c of clauses) {
      if (c === '' || c === '*') continue;
      if (/^[\^~]\d/.test(c)) {
        const v = semver.coerce(c.slice(1));
        if (!v) return null;
        // Poetry's ^0.28 means >=0.28,<0.29: semver's caret on the coerced 0.28.0 says the same.
        out.push(`${c[0]}${c.slice(1).split('.').length < 3 ? c.slice(1) : v.version}`);
        continue;
      }
      const r = pep440ToRange(c);
      if (r === null) return null;
      out.push(r);
    }
    return out.length === 0 ? '*' : out.join(' ');
  });
  if (alts.some((a) => a === null)) return null;
  const range = alts.join(' || ');
  return semver.validRange(range) ? range : null;
}

/** An npm dependency spec as a range; `null` for tags, URLs, workspaces and file paths. */
export function npmSpecToRange(spec: string): string | null {
  const s = spec.replace(/^npm:openai@/, '');
  return semver.validRange(s) ? s : null;
}

/** A locked version; pnpm appends peer suffixes (`4.20.0(zod@3.23.8)`), npm aliases may carry `npm:`. */
export function lockedVersion(raw: string): string | null {
  const m = /^(?:npm:)?v?(\d+\.\d+\.\d+(?:-[0-9A-Za-z.-]+)?)/.exec(raw.trim());
  if (m) return semver.valid(m[1]!) ?? null;
  const c = semver.coerce(raw);
  return c ? c.version : null;
}
