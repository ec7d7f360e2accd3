import * as core from '@actions/core';
import type { Notice } from '../check.js';
import type { Finding, Severity } from '../finding.js';

/** The runner shows at most this many annotations of each level per step, and drops the rest silently. */
export const ANNOTATIONS_PER_LEVEL = 10;

type Level = 'error' | 'warning' | 'notice';
const LEVELS: readonly Level[] = ['error', 'warning', 'notice'];
const LEVEL: Record<Severity, Level> = {
  critical: 'error',
  high: 'error',
  medium: 'warning',
  low: 'notice',
  info: 'notice',
};

interface Item {
  message: string;
  props: core.AnnotationProperties;
}

function findingItem(f: Finding, prefix: string): Item {
  const props: core.AnnotationProperties = { title: `${f.ruleId}: ${f.title}` };
  if (f.location) {
    props.file = prefix + f.location.path;
    props.startLine = f.location.line;
    props.startColumn = f.location.column;
    if (f.location.endColumn && (f.location.endLine ?? f.location.line) === f.location.line)
      props.endColumn = f.location.endColumn;
  }
  return { message: `${f.message} Fix: ${f.fix}`, props };
}

function emit(level: Level, item: Item): void {
  // The standard streams are scrubbed as they are written (`output.ts`): message, title and file alike.
  if (level === 'error') core.error(item.message, item.props);
  else if (level === 'warning') core.warning(item.message, item.props);
  else core.notice(item.message, item.props);
}

export interface AnnotateOptions {
  /** Prefix that makes finding paths repository-relative. */
  prefix?: string;
  /** The step will fail: `core.setFailed` writes one more error, which takes one of the 10 places. */
  failing?: boolean;
}

/**
 * Most severe first (findings arrive sorted), then keylint's own notices, at most 10 per level. When
 * anything is left out, one notice (which takes one of the 10 notice places) says how many and where
 * they all are.
 */
export function annotate(
  findings: readonly Finding[],
  notices: readonly Notice[],
  { prefix = '', failing = false }: AnnotateOptions = {},
): void {
  const queues: Record<Level, Item[]> = { error: [], warning: [], notice: [] };
  for (const f of findings) queues[LEVEL[f.severity]].push(findingItem(f, prefix));
  for (const n of notices)
    queues[n.level].push({
      message: n.message,
      props: n.path ? { file: prefix + n.path, ...(n.line ? { startLine: n.line } : {}) } : {},
    });
  const room: Record<Level, number> = {
    error: ANNOTATIONS_PER_LEVEL - (failing ? 1 : 0),
    warning: ANNOTATIONS_PER_LEVEL,
    notice: ANNOTATIONS_PER_LEVEL,
  };
  if (LEVELS.some((l) => queues[l].length > room[l])) room.notice--;
  let left = 0;
  for (const level of LEVELS) {
    const queue = queues[level];
    for (const item of queue.slice(0, room[level])) emit(level, item);
    left += Math.max(0, queue.length - room[level]);
  }
  if (left > 0)
    core.notice(
      `${left} more finding(s) and notice(s) are not annotated here (GitHub shows ${ANNOTATIONS_PER_LEVEL} per level): see the job summary for all of them.`,
      { title: 'keylint: more findings in the job summary' },
    );
}
