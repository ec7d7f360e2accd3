import { describe, expect, test } from '@jest/globals';
import { checkAnnotations, checkRunName } from '../src/report/check-run.js';
import { COMMENT_MARKER, commentMarker, renderComment } from '../src/report/comment.js';
import { renderSummary, SUMMARY_LIMIT } from '../src/report/summary.js';
import { registerSecret, scrub } from '../src/secrets.js';
import { envFinding, leak, manyFindings, options, scanResult, SHA } from './helpers/scan-result.js';

const MiB = 1024 * 1024;

describe('job summary', () => {
  test('verdict first, with the reason; findings grouped by severity, most severe first', () => {
    const high = leak('app/b.py', 9, 'high');
    const crit = leak('app/a.py', 3, 'critical');
    const low = leak('docs/c.md', 1, 'low');
    const r = scanResult([crit.finding, high.finding, low.finding]);
    const md = renderSummary(r);
    const lines = md.split('\n');
    expect(lines[0]).toBe('## ❌ keylint: fail');
    expect(lines[2]).toBe(
      '2 findings at or above `fail-on: high` (1 critical, 1 high). 3 leaked keys among them.',
    );
    const iCrit = md.indexOf('### 🔴 Critical (1)');
    const iHigh = md.indexOf('### 🟠 High (1)');
    const iLow = md.indexOf('### 🔵 Low (1)');
    expect(iCrit).toBeGreaterThan(0);
    expect(iHigh).toBeGreaterThan(iCrit);
    expect(iLow).toBeGreaterThan(iHigh);
    expect(md.indexOf('app/a.py:3')).toBeGreaterThan(iCrit);
    expect(md.indexOf('app/a.py:3')).toBeLessThan(iHigh);
  });

  test('each finding: rule, link at the scanned commit, redacted evidence, fix, full fingerprint; never the key', () => {
    const { finding, secret } = leak('app/my config.py', 3);
    registerSecret(secret);
    // The raw key reaches the renderer (as a careless message would carry it): it must come out scrubbed.
    const leaky = { ...finding, message: `${finding.message} (${secret})` };
    const md = renderSummary(scanResult([leaky]));
    const row = md.split('\n').find((l) => l.includes('leak/openai-project-key'))!;
    expect(row).toContain(
      `[\`app/my config.py:3\`](https://github.com/acme/app/blob/${SHA}/app/my%20config.py#L3)`,
    );
    expect(row).toContain(`\`${finding.evidence}\``);
    expect(row).toContain('Revoke the key at https://platform.openai.com/api-keys');
    expect(finding.fingerprint).toHaveLength(32);
    expect(row).toContain(`\`${finding.fingerprint}\``);
    expect(md).toContain('.keylintignore');
    // The message is shown, its parenthesis and the evidence's underscores (a key may end in one) inert.
    expect(row).toContain(`${finding.message.replace(/_/g, '\\_')} \\(`);
    // Reporters render (escaping the key's underscores); the one output boundary (output.ts) scrubs
    // what they write: no piece of the key of 8 characters or more survives it.
    const written = scrub(md);
    for (let i = 8; i + 8 <= secret.length; i += 4) expect(written).not.toContain(secret.slice(i, i + 8));
  });

  test('a scanned subdirectory links to repository paths', () => {
    const { finding } = leak('config.py', 2);
    const r = scanResult([finding], { options: options({ root: '/work/repo/services/api' }) });
    expect(renderSummary(r)).toContain(
      `[\`services/api/config.py:2\`](https://github.com/acme/app/blob/${SHA}/services/api/config.py#L2)`,
    );
  });

  test('pass explains why; the live-check and wiring sections follow the findings', () => {
    const low = leak('a.txt', 1, 'low').finding;
    const r = scanResult([low], {
      sections: [
        { title: 'Live check', markdown: 'OpenAI answered **ok** for `OPENAI_API_KEY`.' },
        { title: 'Secret wiring', markdown: '| Name | Status |\n|---|---|\n| OPENAI_API_KEY | ok |' },
      ],
      notices: [{ level: 'notice', message: 'keylint skipped the check run: no github-token was given.' }],
      suppressed: [
        { ...leak('b.txt', 2).finding, suppressed: 'ignore-file' },
        { ...envFinding(), suppressed: 'inline' },
      ],
    });
    const md = renderSummary(r);
    expect(md.split('\n')[0]).toBe('## ✅ keylint: pass');
    expect(md).toContain('No finding at or above `fail-on: high`; 1 finding below it (1 low).');
    expect(md).toContain('2 findings suppressed: 1 inline, 1 by .keylintignore.');
    const iFindings = md.indexOf('a.txt:1');
    expect(md.indexOf('### Live check')).toBeGreaterThan(iFindings);
    expect(md.indexOf('### Secret wiring')).toBeGreaterThan(md.indexOf('### Live check'));
    expect(md).toContain('| OPENAI_API_KEY | ok |');
    expect(md).toContain('skipped the check run');
  });

  test('a finding without a place says so and has no link', () => {
    const md = renderSummary(scanResult([envFinding()]));
    expect(md).toContain('| `wiring/missing-secret` | `environment` |');
  });

  test('10,000 findings stay under 1 MiB, cut with a clear "N more" line, most severe kept', () => {
    const findings = manyFindings(10000);
    const r = scanResult(findings, {
      sections: [{ title: 'Live check', markdown: 'x'.repeat(200 * 1024) }],
    });
    const md = renderSummary(r);
    const size = Buffer.byteLength(md, 'utf8');
    expect(size).toBeLessThan(MiB);
    expect(size).toBeLessThanOrEqual(SUMMARY_LIMIT);
    expect(size).toBeGreaterThan(SUMMARY_LIMIT - 64 * 1024); // the room is used, not wasted
    const shown = md.split('\n').filter((l) => l.startsWith('| `leak/')).length;
    const more = /\*\*(\d+) more findings not listed here\*\*/.exec(md);
    expect(more).not.toBeNull();
    expect(shown + Number(more![1])).toBe(10000);
    expect(md).toContain('### 🔴 Critical (2000)');
    expect(md).not.toContain('### ⚪ Info'); // the least severe are the ones cut
    expect(md.split('\n')[0]).toBe('## ❌ keylint: fail');
    expect(md).toContain('### Live check'); // sections survive the cut
    expect(md).toContain('*(cut: ');
  });
});

describe('pull request comment', () => {
  test('starts with the hidden marker, verdict, findings and the commit', () => {
    const { finding } = leak('app/config.py', 3);
    const body = renderComment(scanResult([finding]), { headSha: 'abcdef1234567890' });
    expect(body.split('\n')[0]).toBe(COMMENT_MARKER);
    expect(body).toContain('### ❌ keylint: fail');
    expect(body).toContain('#### 🔴 Critical (1)');
    expect(body).toContain('app/config.py:3');
    expect(body).toContain('commit abcdef1');
    expect(body).toContain('[run](https://github.com/acme/app/actions/runs/99)');
  });

  test('a clean pull request says so', () => {
    const body = renderComment(scanResult([]));
    expect(body.split('\n')[0]).toBe(COMMENT_MARKER);
    expect(body).toContain('no findings');
    expect(body).toContain('clean');
  });

  test('10,000 findings stay under 65,536 characters and point at the job summary', () => {
    const body = renderComment(scanResult(manyFindings(10000)));
    expect(body.length).toBeLessThan(65536);
    expect(body.length).toBeGreaterThan(60000);
    expect(body).toMatch(
      /\*\*…and \d+ more findings\*\*: see the \[job summary\]\(https:\/\/github\.com\/acme\/app\/actions\/runs\/99\)/,
    );
    expect(body.split('\n')[0]).toBe(COMMENT_MARKER);
    expect(body.trimEnd().split('\n').pop()).toContain('this comment is updated on every push');
  });

  test('the check run summary is the comment without the marker, under 65,535 characters', () => {
    const body = renderComment(scanResult(manyFindings(10000)), {}, { marker: false, limit: 65000 });
    expect(body).not.toContain(COMMENT_MARKER);
    expect(body).not.toContain('this comment');
    expect(body.length).toBeLessThanOrEqual(65000);
  });
});

describe('check run annotations', () => {
  test('one per finding with a place, columns only on one line, repository paths', () => {
    const a = leak('config.py', 4).finding;
    const multi = {
      ...leak('b.pem', 1).finding,
      location: { path: 'b.pem', line: 1, column: 1, endLine: 3, endColumn: 5 },
    };
    const ann = checkAnnotations([a, multi, envFinding()], 'svc/');
    expect(ann).toHaveLength(2);
    expect(ann[0]).toMatchObject({
      path: 'svc/config.py',
      start_line: 4,
      end_line: 4,
      start_column: 10,
      annotation_level: 'failure',
      title: 'leak/openai-project-key: OpenAI project key committed',
    });
    expect(ann[0]!.raw_details).toContain(a.fingerprint);
    expect(ann[1]).toMatchObject({ path: 'svc/b.pem', start_line: 1, end_line: 3 });
    expect(ann[1]).not.toHaveProperty('start_column');
  });

  test("the name is keylint's own and names the job and a scanned subdirectory", () => {
    expect(checkRunName(scanResult([]))).toBe('keylint findings (keylint)');
    expect(checkRunName(scanResult([], { options: options({ root: '/work/repo/svc' }) }))).toBe(
      'keylint findings (keylint, svc)',
    );
  });

  test('two scanned directories keep two comments: the marker names the directory', () => {
    expect(commentMarker(scanResult([]))).toBe(COMMENT_MARKER);
    const svc = scanResult([], { options: options({ root: '/work/repo/svc' }) });
    expect(commentMarker(svc)).toBe('<!-- keylint:comment path=svc -->');
    expect(renderComment(svc).split('\n')[0]).toBe(commentMarker(svc));
  });
});
