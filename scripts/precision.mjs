#!/usr/bin/env node
// Runs the built keylint over local clones of real repositories and counts its findings against the
// review in docs/precision.md: per repository and category, how many are true, noisy or false, and
// which findings nobody has judged yet.
//
// Usage: node scripts/precision.mjs [--corpus DIR] [--list FILE] [--review FILE] [--rows] [--json]
//                                   [--only owner/name,...]
//   --corpus DIR  where the clones are, one folder per repository named owner+name
//                 (default: $KEYLINT_CORPUS or /work/corpus)
//   --list FILE   repositories to run, one `owner/name commit` a line (default docs/precision-repos.txt)
//   --rows        print unreviewed findings as review rows to fill in (verdict and why left as `?`)
//   --json        print the counts as JSON
import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const args = process.argv.slice(2);
function opt(name, fallback) {
  const i = args.indexOf(name);
  return i === -1 ? fallback : args[i + 1];
}
const corpus = resolve(opt('--corpus', process.env.KEYLINT_CORPUS || '/work/corpus'));
const listFile = resolve(opt('--list', join(root, 'docs/precision-repos.txt')));
const reviewFile = resolve(opt('--review', join(root, 'docs/precision.md')));
const only = opt('--only', '')
  .split(',')
  .map((s) => s.trim())
  .filter(Boolean);
const wantRows = args.includes('--rows');
const wantJson = args.includes('--json');
const cli = join(root, 'dist/cli.js');
const VERDICTS = ['true', 'noisy', 'false'];
const CATEGORIES = ['lint', 'wiring', 'leak'];

if (!existsSync(cli)) {
  console.error(`precision: ${cli} is missing; build keylint first (npm run package)`);
  process.exit(2);
}
if (!existsSync(listFile)) {
  console.error(`precision: no repository list at ${listFile}`);
  process.exit(2);
}

const repos = readFileSync(listFile, 'utf8')
  .split('\n')
  .map((l) => l.replace(/#.*/, '').trim())
  .filter(Boolean)
  .map((l) => {
    const [name, commit = ''] = l.split(/\s+/);
    return { name, commit };
  })
  .filter((r) => only.length === 0 || only.includes(r.name));

/** Every row of every table in the review whose columns are repository | commit | rule | path:line | verdict | why. */
function readReview() {
  const rows = new Map();
  if (!existsSync(reviewFile)) return rows;
  for (const line of readFileSync(reviewFile, 'utf8').split('\n')) {
    if (!line.startsWith('|')) continue;
    const cells = line
      .split('|')
      .slice(1, -1)
      .map((c) => c.trim().replace(/^`|`$/g, ''));
    if (cells.length !== 6 || !VERDICTS.includes(cells[4])) continue;
    const [repo, , rule, at, verdict, why] = cells;
    rows.set(`${repo}\0${rule}\0${at}`, { verdict, why });
  }
  return rows;
}

function run(dir) {
  let out;
  try {
    out = execFileSync(process.execPath, [cli, dir, '--format', 'json', '--fail-on', 'none'], {
      encoding: 'utf8',
      maxBuffer: 512 * 1024 * 1024,
      env: { ...process.env, GITHUB_ACTIONS: '', CI: '' },
    });
  } catch (err) {
    out = err.stdout;
    if (!out)
      throw new Error(`keylint failed on ${dir}: ${String(err.stderr || err.message).split('\n')[0]}`, {
        cause: err,
      });
  }
  return JSON.parse(out);
}

const review = readReview();
const results = [];
const unreviewed = [];
for (const repo of repos) {
  const dir = join(corpus, repo.name.replace('/', '+'));
  if (!existsSync(dir)) {
    console.log(`${repo.name}: no clone at ${dir}, skipped`);
    results.push({ repo: repo.name, missing: true });
    continue;
  }
  let report;
  try {
    report = run(dir);
  } catch (err) {
    console.log(`${repo.name}: ${err.message}`);
    results.push({ repo: repo.name, error: err.message });
    continue;
  }
  const counts = {};
  for (const c of CATEGORIES)
    counts[c] = { true: 0, noisy: 0, false: 0, unreviewed: 0, total: 0, falseHigh: 0 };
  for (const f of report.findings ?? []) {
    if (!counts[f.category] || !f.location) continue;
    const at = `${f.location.path}:${f.location.line}`;
    const row = review.get(`${repo.name}\0${f.ruleId}\0${at}`);
    const c = counts[f.category];
    c.total++;
    if (row) {
      c[row.verdict]++;
      if (row.verdict === 'false' && (f.severity === 'high' || f.severity === 'critical')) c.falseHigh++;
    } else {
      c.unreviewed++;
      unreviewed.push({ repo: repo.name, commit: repo.commit, f, at });
    }
  }
  results.push({ repo: repo.name, commit: repo.commit, counts });
}

function pct(n, d) {
  return d === 0 ? '-' : `${Math.round((1000 * n) / d) / 10}%`;
}

if (wantJson) {
  console.log(JSON.stringify({ results, unreviewed: unreviewed.length }, null, 2));
} else {
  const head =
    '| repository | category | findings | true | noisy | false | unreviewed | true share | false high |';
  console.log(head);
  console.log('|---|---|---:|---:|---:|---:|---:|---:|---:|');
  const sum = {};
  for (const r of results) {
    if (!r.counts) continue;
    for (const cat of CATEGORIES) {
      const c = r.counts[cat];
      if (c.total === 0) continue;
      sum[cat] ??= { true: 0, noisy: 0, false: 0, unreviewed: 0, total: 0, falseHigh: 0 };
      for (const k of Object.keys(c)) sum[cat][k] += c[k];
      const judged = c.true + c.noisy + c.false;
      console.log(
        `| ${r.repo} | ${cat} | ${c.total} | ${c.true} | ${c.noisy} | ${c.false} | ${c.unreviewed} | ${pct(c.true, judged)} | ${c.falseHigh} |`,
      );
    }
  }
  for (const [cat, c] of Object.entries(sum)) {
    const judged = c.true + c.noisy + c.false;
    console.log(
      `| **all** | ${cat} | ${c.total} | ${c.true} | ${c.noisy} | ${c.false} | ${c.unreviewed} | ${pct(c.true, judged)} | ${c.falseHigh} |`,
    );
  }
  if (unreviewed.length > 0) {
    console.log(`\n${unreviewed.length} finding(s) not reviewed yet:`);
    for (const u of unreviewed) {
      if (wantRows) {
        console.log(
          `| ${u.repo} | ${u.commit.slice(0, 7)} | ${u.f.ruleId} | ${u.at} | ? | ${u.f.severity}: ${u.f.message.replace(/\|/g, '/')} |`,
        );
      } else {
        console.log(`  ${u.repo} ${u.f.ruleId} ${u.at} (${u.f.severity})`);
      }
    }
  }
}
