// A corpus of real third-party text (the installed node_modules, copied as many times as needed) with
// generated keys planted at known lines and columns: in ordinary files, in the middle of a long
// minified line, and across the chunk boundaries of a large file.
import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import {
  copyFileSync,
  linkSync,
  mkdirSync,
  readdirSync,
  readFileSync,
  rmSync,
  statSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { isUtf8 } from 'node:buffer';
import { BENCH_KEYS, seedKeys } from './keys.mjs';

const MiB = 1024 * 1024;
/** The reader's chunk (src/sources/read.ts): keys are planted across it and across the window edge before it. */
const CHUNK = 4 * MiB;
const WINDOW_OVERLAP = 4096;
/** Files whose names change what a tool lists: left out so both tools see the same files. */
const LISTING_FILES = new Set(['.gitignore', '.ignore', '.rgignore']);

function sourceFiles(dir, out = []) {
  for (const e of readdirSync(dir, { withFileTypes: true })) {
    const abs = path.join(dir, e.name);
    if (e.isDirectory()) sourceFiles(abs, out);
    else if (e.isFile() && !LISTING_FILES.has(e.name)) out.push(abs);
  }
  return out;
}

const isText = (buf) => !buf.subarray(0, 8000).includes(0);

/** Lines and columns (in characters) of ascending byte offsets of a UTF-8 buffer, in one pass. */
function positions(buf, offsets) {
  const out = [];
  let line = 1;
  let lineStart = 0;
  let prev = 0;
  for (const at of offsets) {
    for (let i = buf.indexOf(10, prev); i !== -1 && i < at; i = buf.indexOf(10, i + 1)) {
      line++;
      lineStart = i + 1;
    }
    out.push({ line, column: [...buf.toString('utf8', lineStart, at)].length + 1 });
    prev = at;
  }
  return out;
}

const position = (buf, at) => positions(buf, [at])[0];

/** Inserts `prefix + key + suffix` at byte offset `at` (a character boundary); returns the key's position. */
function insertAt(buf, at, text, keyOffset) {
  const inserted = Buffer.concat([buf.subarray(0, at), Buffer.from(text), buf.subarray(at)]);
  return { buf: inserted, ...position(inserted, at + keyOffset) };
}

/** Back from `at` to the start of an ASCII byte, so an insertion never splits a character. */
function charBoundary(buf, at) {
  while (at > 0 && buf[at] >= 0x80) at--;
  return at;
}

/** A directory in the temp dir of this checkout's own: two checkouts benchmarked at once keep apart. */
export function benchDir(root, name) {
  const checkout = createHash('sha256').update(root).digest('hex').slice(0, 8);
  return path.join(tmpdir(), `keylint-bench-${name}-${checkout}`);
}

export function buildCorpus({ root, dir, minBytes }) {
  seedKeys('keylint-bench-corpus');
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(dir, { recursive: true });
  const sources = sourceFiles(path.join(root, 'node_modules'))
    .sort()
    .map((abs) => ({
      abs,
      rel: path.relative(path.join(root, 'node_modules'), abs),
      size: statSync(abs).size,
    }))
    .filter((f) => f.size > 0 && isText(readFileSync(f.abs)));
  const planted = [];
  const plantable = [];
  let bytes = 0;
  for (let pass = 1; bytes < minBytes; pass++) {
    for (const f of sources) {
      if (bytes >= minBytes) break;
      const rel = path.join(`copy-${pass}`, f.rel);
      mkdirSync(path.join(dir, path.dirname(rel)), { recursive: true });
      copyFileSync(f.abs, path.join(dir, rel));
      bytes += f.size;
      if (f.size > 1024 && f.size < 256 * 1024) plantable.push(rel);
    }
  }

  // Ordinary files: each kind in several files, on a line of its own in the middle of the file.
  const perKind = 5;
  const step = Math.max(1, Math.floor(plantable.length / (BENCH_KEYS.length * perKind)));
  let pick = 0;
  const used = new Set();
  for (const kind of BENCH_KEYS) {
    for (let i = 0; i < perKind; i++, pick += step) {
      const rel = plantable[pick % plantable.length];
      if (used.has(rel)) continue; // a second key would move the first one's line
      used.add(rel);
      const abs = path.join(dir, rel);
      const buf = readFileSync(abs);
      if (!isUtf8(buf)) continue;
      const secret = kind.make();
      const middle = buf.indexOf(10, Math.floor(buf.length / 2));
      const at = middle === -1 ? buf.length : middle + 1;
      const line = `${kind.prefix}${secret}${kind.suffix}\n`;
      const r = insertAt(buf, at, line, Buffer.byteLength(kind.prefix));
      writeFileSync(abs, r.buf);
      bytes += Buffer.byteLength(line);
      planted.push({ path: rel, line: r.line, column: r.column, rule: kind.rule, secret, where: 'own line' });
    }
  }

  const prefixed = BENCH_KEYS.filter((k) => !k.contextOnly);
  const realText = sources.filter((f) => f.size > 4096 && isUtf8(readFileSync(f.abs)));

  // A minified bundle: one line of megabytes, keys in the middle of it.
  let line = '';
  for (const f of realText) {
    if (line.length >= 3 * MiB) break;
    line += readFileSync(f.abs, 'utf8').replace(/\r?\n/g, ' ');
  }
  let minified = Buffer.from(line + '\n');
  for (const [i, fraction] of [0.2, 0.5, 0.9].entries()) {
    const kind = prefixed[i % prefixed.length];
    const secret = kind.make();
    const at = charBoundary(minified, Math.floor(minified.length * fraction));
    const r = insertAt(minified, at, `"${secret}",`, 1);
    minified = r.buf;
    planted.push({
      path: 'bundle.min.js',
      line: r.line,
      column: r.column,
      rule: kind.rule,
      secret,
      where: 'long line',
    });
  }
  writeFileSync(path.join(dir, 'bundle.min.js'), minified);
  bytes += minified.length;

  // A large file: keys across each chunk boundary and across the window edge before it.
  const parts = [];
  let size = 0;
  for (let i = 0; size < 48 * MiB; i++) {
    const buf = readFileSync(realText[i % realText.length].abs);
    parts.push(buf);
    size += buf.length;
  }
  let large = Buffer.concat(parts);
  const marks = [];
  for (let edge = CHUNK; edge < large.length - CHUNK; edge += CHUNK)
    marks.push(edge - 10, edge - WINDOW_OVERLAP - 10);
  marks.sort((a, b) => b - a); // back to front, so earlier offsets stay where they were chosen
  const largePlanted = [];
  for (const [i, mark] of marks.entries()) {
    const kind = prefixed[i % prefixed.length];
    const secret = kind.make();
    const at = charBoundary(large, mark);
    large = Buffer.concat([large.subarray(0, at), Buffer.from(` ${secret} `), large.subarray(at)]);
    largePlanted.push({ at: at + 1, rule: kind.rule, secret });
  }
  // Positions once every key is in place (each insertion moved the ones after it).
  let shift = 0;
  const finalOffsets = largePlanted.reverse().map((p) => {
    const at = p.at + shift;
    shift += Buffer.byteLength(p.secret) + 2;
    return at;
  });
  for (const [i, pos] of positions(large, finalOffsets).entries()) {
    const p = largePlanted[i];
    planted.push({ path: 'large.txt', ...pos, rule: p.rule, secret: p.secret, where: 'chunk edge' });
  }
  writeFileSync(path.join(dir, 'large.txt'), large);
  bytes += large.length;

  // A checkout, as in CI: git lists the files (all untracked here, none ignored).
  execFileSync('git', ['init', '-q', dir]);
  const files = sources.length; // per copy
  return { dir, bytes, planted, filesPerCopy: files };
}

/**
 * The corpus as a plain directory (no `.git`: keylint lists it with its own walk), its files hard
 * links to the corpus's: no second copy on disk or in the page cache. The planted keys are the same.
 */
export function plainCopy(corpus, dir) {
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(dir, { recursive: true });
  const entries = readdirSync(corpus.dir).filter((name) => name !== '.git');
  execFileSync('cp', ['-al', ...entries.map((name) => path.join(corpus.dir, name)), dir]);
  return { ...corpus, dir };
}

/**
 * A small checkout: `count` of the corpus's ordinary files, taken evenly across it (hard links), in a
 * git repository of its own. The size of a typical project, where starting threads may cost more
 * than they save.
 */
export function smallTree(corpus, dir, count) {
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(dir, { recursive: true });
  const files = sourceFiles(corpus.dir)
    .filter((abs) => !abs.includes(`${path.sep}.git${path.sep}`))
    .map((abs) => path.relative(corpus.dir, abs))
    .filter((rel) => rel.startsWith(`copy-1${path.sep}`))
    .sort();
  const step = files.length / count;
  let bytes = 0;
  for (let i = 0; i < count; i++) {
    const rel = files[Math.floor(i * step)];
    mkdirSync(path.join(dir, path.dirname(rel)), { recursive: true });
    linkSync(path.join(corpus.dir, rel), path.join(dir, rel));
    bytes += statSync(path.join(dir, rel)).size;
  }
  // A small project's files are tracked, as in any clone: what keylint reads the tree's size from.
  const git = (...args) =>
    execFileSync('git', ['-c', 'user.name=bench', '-c', 'user.email=bench@example.test', ...args], {
      cwd: dir,
      stdio: 'ignore',
    });
  git('init', '-q');
  git('add', '-A');
  git('commit', '-q', '--no-verify', '-m', 'small tree');
  return { dir, bytes, files: count };
}
