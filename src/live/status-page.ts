import { httpRequest, TransportError } from './transport.js';

/** What a Statuspage-style `/api/v2/summary.json` says about the API right now. */
export interface StatusReport {
  /** Unresolved incidents that concern the API (by component name, or with no component named). */
  incidents: string[];
  /** API components that are not `operational`, with their state. */
  degraded: string[];
  /** The page's own one-line description (`All Systems Operational`…). */
  description?: string;
}

interface Summary {
  status?: { description?: string };
  components?: { name?: string; status?: string }[];
  incidents?: {
    name?: string;
    impact?: string;
    status?: string;
    shortlink?: string;
    components?: { name?: string }[];
  }[];
}

export function readSummary(json: unknown, components: RegExp): StatusReport {
  const s = (json && typeof json === 'object' ? json : {}) as Summary;
  const incidents = (Array.isArray(s.incidents) ? s.incidents : [])
    .filter((i) => {
      const names = (Array.isArray(i.components) ? i.components : []).map((c) => c.name ?? '');
      return names.length === 0 || names.some((n) => components.test(n)) || components.test(i.name ?? '');
    })
    .map(
      (i) =>
        `${i.name ?? 'incident'}${i.impact ? ` (${i.impact} impact, ${i.status ?? 'ongoing'})` : ''}${i.shortlink ? ` ${i.shortlink}` : ''}`,
    );
  const degraded = (Array.isArray(s.components) ? s.components : [])
    .filter((c) => c.status && c.status !== 'operational' && components.test(c.name ?? ''))
    .map((c) => `${c.name}: ${c.status!.replace(/_/g, ' ')}`);
  return { incidents, degraded, description: s.status?.description };
}

/** Reads the status page within the deadline; a page that cannot be read is said, never fatal. */
export async function fetchStatus(
  url: string,
  components: RegExp,
  env: Record<string, string | undefined>,
  deadline: number,
): Promise<StatusReport | { error: string }> {
  if (Date.now() >= deadline) return { error: 'no time left in the budget to read the status page' };
  try {
    const answer = await httpRequest({
      url,
      method: 'GET',
      headers: { accept: 'application/json', 'user-agent': 'keylint' },
      deadline,
      env,
    });
    if (answer.status !== 200) return { error: `the status page answered HTTP ${answer.status}` };
    return readSummary(JSON.parse(answer.body) as unknown, components);
  } catch (err) {
    if (err instanceof TransportError || err instanceof SyntaxError)
      return { error: `the status page could not be read: ${err.message}` };
    throw err;
  }
}
