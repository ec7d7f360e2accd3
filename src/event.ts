import path from 'node:path';
import { readInsideRoot } from './config/read-file.js';

export type EventPayload = Record<string, unknown>;

/** The webhook payloads GitHub writes are small; one far larger is not a payload. */
const EVENT_LIMIT = 64 * 1024 * 1024;

/** Event fields, read by type: a payload is data from outside, and a field of the wrong type is absent. */
export function objectField(v: unknown): EventPayload | undefined {
  return v && typeof v === 'object' && !Array.isArray(v) ? (v as EventPayload) : undefined;
}
export function stringField(v: unknown): string | undefined {
  return typeof v === 'string' ? v : undefined;
}
export function booleanField(v: unknown): boolean | undefined {
  return typeof v === 'boolean' ? v : undefined;
}

export interface ReadEvent {
  event: EventPayload;
  /** Why the payload could not be used, naming the file, for a warning; undefined when it was read. */
  problem?: string;
}

const SKIPPED =
  'keylint scanned the files only: the commits of a pull request or push, the policy comparison with the base commit and the pull request comment need it';

/** `GITHUB_EVENT_PATH`'s payload. A missing or malformed one is said, never silently taken as `{}`. */
export function readEvent(env: NodeJS.ProcessEnv): ReadEvent {
  const p = env.GITHUB_EVENT_PATH;
  if (!p)
    return { event: {}, problem: `GITHUB_EVENT_PATH is not set, so there is no event payload: ${SKIPPED}.` };
  const abs = path.resolve(p);
  const r = readInsideRoot(path.dirname(abs), abs, EVENT_LIMIT);
  if (!r.ok) return { event: {}, problem: `the event payload ${p} ${r.reason}: ${SKIPPED}.` };
  let parsed: unknown;
  try {
    parsed = JSON.parse(r.text);
  } catch {
    return { event: {}, problem: `the event payload ${p} is not valid JSON: ${SKIPPED}.` };
  }
  const event = objectField(parsed);
  if (!event) return { event: {}, problem: `the event payload ${p} is not a JSON object: ${SKIPPED}.` };
  return { event };
}
