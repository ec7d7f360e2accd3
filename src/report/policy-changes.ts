import type { ScanResult } from '../pipeline.js';
import { whereText } from './links.js';
import { cell, code } from './markdown.js';
import { plural } from './verdict.js';

/** A comment has little room: past this many, the rest are counted. */
const LISTED = 50;

/**
 * The findings this change's own policy edits silenced (a check turned off, an `ignore` entry, an
 * inline marker…), as Markdown lines: what the verdict would hold under the base commit's policy.
 * Empty when there are none.
 */
export function silencedByChangeLines(r: ScanResult, prefix: string): string[] {
  const silenced = r.policyChanges?.silenced ?? [];
  if (silenced.length === 0) return [];
  const lines = [
    `**${plural(silenced.length, 'finding')} silenced by this change's own edits to keylint's policy** (the base commit's policy reports them; see \`config/policy-change\`):`,
    '',
  ];
  for (const f of silenced.slice(0, LISTED))
    lines.push(
      `- ${f.severity} ${code(f.ruleId)} at ${code(whereText(f, prefix))}: ${cell(f.title)}` +
        (f.evidence ? ` (${code(f.evidence)})` : ''),
    );
  if (silenced.length > LISTED) lines.push(`- … and ${silenced.length - LISTED} more (in the JSON report)`);
  return lines;
}
