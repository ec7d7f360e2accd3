/**
 * The one boundary every text keylint writes goes through: the standard streams (the CLI's report,
 * the action's workflow commands with their titles and `file=` properties, errors), the files it
 * writes (SARIF, JSON report, job summary, step outputs) and the bodies it sends to GitHub. Each is
 * scrubbed of every registered secret and every piece of one here, so no reporter has to remember.
 */
import { appendFileSync } from 'node:fs';
import { writeReportFile, type WriteOutcome } from './report/write-file.js';
import { scrub } from './secrets.js';

let guarded = false;
const ADD_MASK = '::add-mask::';

type Write = typeof process.stdout.write;

function guard(stream: NodeJS.WriteStream): void {
  const write = stream.write.bind(stream) as (...args: unknown[]) => boolean;
  stream.write = ((chunk: unknown, ...rest: unknown[]): boolean => {
    // The runner's own masking command carries the secret to the runner, which never prints it.
    if (typeof chunk === 'string' && chunk.startsWith(ADD_MASK)) return write(chunk, ...rest);
    if (typeof chunk === 'string') return write(scrub(chunk), ...rest);
    if (chunk instanceof Uint8Array) {
      const text = Buffer.from(chunk.buffer, chunk.byteOffset, chunk.byteLength).toString('utf8');
      const clean = scrub(text);
      return write(clean === text ? chunk : clean, ...rest);
    }
    return write(chunk, ...rest);
  }) as Write;
}

/**
 * Scrubs everything this process writes to stdout and stderr from now on: `@actions/core` writes
 * its workflow commands there, one whole line per write, so a secret is never cut between writes.
 */
export function guardStandardStreams(): void {
  if (guarded) return;
  guarded = true;
  guard(process.stdout);
  guard(process.stderr);
}

/**
 * Writes a report file (SARIF, JSON, the CLI's `--output`), scrubbed, never through a link and only
 * inside `roots` when any are given (`writeReportFile` says why).
 */
export function writeOutputFile(file: string, text: string, roots: readonly string[] = []): WriteOutcome {
  return writeReportFile(file, scrub(text), roots);
}

/** Appends to a runner file (the job summary), scrubbed. */
export function appendOutputFile(file: string, text: string): void {
  appendFileSync(file, scrub(text));
}

/** A body for GitHub's API, scrubbed after serialisation so no field escapes. */
export function outgoingJson(body: unknown): string {
  return scrub(JSON.stringify(body));
}

/** A step output's value, scrubbed (a path or a value a check reports could hold a secret's piece). */
export function outputValue(value: string): string {
  return scrub(value);
}
