/** The proxy a request goes through, and the variable that chose it (to name it in messages). */
export interface ProxyChoice {
  url: URL;
  variable: string;
}

type Env = Record<string, string | undefined>;

/** Lower-case first, as curl and the Python requests library read them. */
function read(env: Env, name: string): { value: string; variable: string } | undefined {
  for (const v of [name.toLowerCase(), name.toUpperCase()]) {
    const value = env[v]?.trim();
    if (value) return { value, variable: v };
  }
  return undefined;
}

/** `NO_PROXY`: `*`, exact hosts, domain suffixes (`.corp`, `*.corp`, `corp` also covers `a.corp`), `host:port`. */
export function bypassesProxy(target: URL, noProxy: string): boolean {
  const host = target.hostname.replace(/^\[|\]$/g, '').toLowerCase();
  const port = target.port || (target.protocol === 'https:' ? '443' : '80');
  for (const raw of noProxy.split(/[\s,]+/)) {
    const entry = raw.trim().toLowerCase();
    if (!entry) continue;
    if (entry === '*') return true;
    const m = /^(.*?)(?::(\d+))?$/.exec(entry.replace(/^\[|\](?=:|$)/g, ''));
    const name = (m?.[1] ?? entry).replace(/^\*?\./, '');
    if (m?.[2] && m[2] !== port) continue;
    if (host === name || host.endsWith(`.${name}`)) return true;
  }
  return false;
}

/**
 * `HTTPS_PROXY` for https targets, `HTTP_PROXY` for http ones, unless `NO_PROXY` covers the host.
 * Throws when the variable is not a URL (the caller reports it as a proxy error).
 */
export function proxyFor(target: URL, env: Env): ProxyChoice | undefined {
  const noProxy = read(env, 'no_proxy');
  if (noProxy && bypassesProxy(target, noProxy.value)) return undefined;
  const chosen = read(env, target.protocol === 'https:' ? 'https_proxy' : 'http_proxy');
  if (!chosen) return undefined;
  const withScheme = /^[a-z][a-z0-9+.-]*:\/\//i.test(chosen.value) ? chosen.value : `http://${chosen.value}`;
  let url: URL;
  try {
    url = new URL(withScheme);
  } catch {
    throw new Error(`${chosen.variable} is not a valid proxy URL`);
  }
  return { url, variable: chosen.variable };
}

/** The proxy as it may be shown: scheme, host and port, never its credentials. */
export function describeProxy(p: ProxyChoice): string {
  return `${p.url.protocol}//${p.url.host} (from ${p.variable})`;
}
