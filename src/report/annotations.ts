import * as core from '@actions/core';
import type { Notice } from '../check.js';
import type { Finding, Severity } from '../finding.js';
import { scrub } from '../secrets.js';

/** The runner shows at most this many annotations of each level per step, and drops the rest silently. */
export const ANNOTATIONS_PER_LEVEL = 10;

type Level = 'error' | 'warning' | 'notice';
const LEVEL: Record<Severity, Level> = {
  critical: 'error',
  high: 'error',
  medium: 'warning',
  low: 'notice',
  info: 'notice',
};

function emit(level: Level, message: string, props: core.AnnotationProperties): void {
  const text = scrub(message);
  if (level === 'error') core.error(text, props);
  else if (level === 'warning') core.warning(text, props);
  else core.notice(text, props);
}

/**
 * Most severe first (findings arrive sorted); past the per-level limit one notice says how many more
 * there are and where to find them.
 */
export function annotate(findings: readonly Finding[], notices: readonly Notice[]): void {
  const used: Record<Level, number> = { error: 0, warning: 0, notice: 0 };
  const dropped: Record<Level, number> = { error: 0, warning: 0, notice: 0 };
  for (const f of findings) {
    const level = LEVEL[f.severity];
    if (used[level] >= ANNOTATIONS_PER_LEVEL) {
      dropped[level]++;
      continue;
    }
    used[level]++;
    const props: core.AnnotationProperties = { title: `${f.ruleId}: ${f.title}` };
    if (f.location) {
      props.file = f.location.path;
      props.startLine = f.location.line;
      props.startColumn = f.location.column;
      if (f.location.endColumn && (f.location.endLine ?? f.location.line) === f.location.line)
        props.endColumn = f.location.endColumn;
    }
    emit(level, `${f.message} Fix: ${f.fix}`, props);
  }
  for (const n of notices) {
    const level = n.level;
    if (used[level] >= ANNOTATIONS_PER_LEVEL - 1) {
      dropped[level]++;
      continue;
    }
    used[level]++;
    emit(level, n.message, n.path ? { file: n.path, startLine: n.line } : {});
  }
  const more = dropped.error + dropped.warning + dropped.notice;
  if (more > 0)
    core.notice(
      `${more} more finding(s) and notice(s) are not annotated here (GitHub shows ${ANNOTATIONS_PER_LEVEL} per level): see the job summary for all of them.`,
      { title: 'keylint: more findings in the job summary' },
    );
}
