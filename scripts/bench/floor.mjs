// The least any Node scanner of a git work tree does: list the files with git as keylint does, then
// read every one once on every core, 4 MiB at a time, and scan nothing. Timed beside keylint, it
// shows what is keylint's own cost and what is Node's (start-up, threads, one system call at a time).
// With `--walk`, the listing is a walk of the directory in Node instead, as keylint lists a directory
// that is no git work tree.
import { spawnSync } from 'node:child_process';
import { closeSync, constants, openSync, readdirSync, readSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { Worker, isMainThread, parentPort } from 'node:worker_threads';

const CHUNK = 4 * 1024 * 1024;
const BATCH = 32;
const MAX_THREADS = 4;

/** Reads batches claimed from the shared counter until none is left; returns the bytes read. */
function readAll(files, counter) {
  const buf = Buffer.allocUnsafe(CHUNK);
  let bytes = 0;
  for (;;) {
    const first = Atomics.add(counter, 0, 1) * BATCH;
    if (first >= files.length) return bytes;
    for (let i = first; i < Math.min(first + BATCH, files.length); i++) {
      let fd;
      try {
        fd = openSync(files[i], constants.O_RDONLY | constants.O_NOFOLLOW);
      } catch {
        continue; // a link or a file gone since the listing
      }
      try {
        for (let n; (n = readSync(fd, buf, 0, CHUNK, null)) > 0;) bytes += n;
      } catch {
        /* a directory: a submodule, or a nested repository git lists whole */
      } finally {
        closeSync(fd);
      }
    }
  }
}

/** Every file below `root`, not entering `.git` or following links (keylint's walk, minus .gitignore). */
function walk(root) {
  const files = [];
  const pending = [root];
  while (pending.length > 0) {
    const dir = pending.pop();
    for (const e of readdirSync(dir, { withFileTypes: true })) {
      if (e.name === '.git') continue;
      if (e.isDirectory()) pending.push(`${dir}/${e.name}`);
      else if (e.isFile()) files.push(`${dir}/${e.name}`);
    }
  }
  return files;
}

function gitListing(root) {
  const listing = spawnSync('git', ['ls-files', '-z', '--cached', '--others', '--exclude-standard'], {
    cwd: root,
    maxBuffer: 1 << 30,
  });
  if (listing.status !== 0) {
    console.error(`git ls-files failed: ${listing.error?.message ?? listing.stderr}`);
    process.exit(2);
  }
  return listing.stdout
    .toString('utf8')
    .split('\0')
    .filter(Boolean)
    .map((f) => `${root}/${f}`);
}

if (isMainThread) {
  const root = process.argv[2];
  const walked = process.argv.includes('--walk');
  // Started first, as keylint's helpers are, so that their start-up overlaps the listing.
  const helpers = Array.from(
    { length: Math.min(availableParallelism(), MAX_THREADS) - 1 },
    () => new Worker(new URL(import.meta.url)),
  );
  const files = walked ? walk(root) : gitListing(root);
  const counter = new Int32Array(new SharedArrayBuffer(4));
  // One string, as keylint posts its paths: thousands of strings are cloned one by one.
  const joined = files.join('\0');
  const answers = helpers.map(
    (w) =>
      new Promise((resolve) => {
        w.once('message', resolve);
        w.postMessage({ joined, counter });
      }),
  );
  const own = readAll(files, counter);
  const bytes = (await Promise.all(answers)).reduce((sum, b) => sum + b, own);
  console.log(`${files.length} files, ${bytes} bytes`);
  process.exit(0);
} else {
  parentPort.once('message', ({ joined, counter }) =>
    parentPort.postMessage(readAll(joined.split('\0'), counter)),
  );
}
