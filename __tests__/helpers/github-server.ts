import { Worker } from 'node:worker_threads';
import path from 'node:path';

/** Every request the fake GitHub saw, as it arrived. */
export interface RecordedRequest {
  method: string;
  url: string;
  headers: Record<string, string | string[] | undefined>;
  body: string;
  /** When the request arrived (`performance.now()` in the server's thread), to check waits between retries. */
  at: number;
}

export interface FakeComment {
  id: number;
  issue: number;
  body: string;
  user: { login: string };
}

export interface FakeCheckRun {
  id: number;
  name: string;
  head_sha: string;
  status: string;
  conclusion: string | null;
  output: { title?: string; summary?: string; text?: string };
  annotations: Record<string, unknown>[];
}

export interface GitHubState {
  requests: RecordedRequest[];
  comments: FakeComment[];
  checkRuns: FakeCheckRun[];
}

/** An answer the server gives instead of the real one, `times` times (default: always). */
export interface Fault {
  method?: 'GET' | 'POST' | 'PATCH';
  /** A regular expression the API path (without the base path) must match. */
  path?: string;
  status: number;
  message?: string;
  headers?: Record<string, string>;
  times?: number;
}

const WORKER = path.join(import.meta.dirname, 'github-server-worker.mjs');

/**
 * A real HTTP server on 127.0.0.1 that speaks the parts of GitHub's REST API keylint uses (issue
 * comments, check runs), checks the token, records every request and can answer with faults (403,
 * 404, 429 with `retry-after`). It lives in a worker thread, so it answers while the test's own
 * thread waits in `runAction` (spawnSync).
 */
export class GitHubServer {
  private seq = 0;
  private readonly pending = new Map<number, (data: unknown) => void>();

  private constructor(
    private readonly worker: Worker,
    readonly port: number,
    readonly basePath: string,
  ) {
    worker.on('message', (msg: { id?: number; data?: unknown }) => {
      if (msg.id === undefined) return;
      this.pending.get(msg.id)?.(msg.data);
      this.pending.delete(msg.id);
    });
  }

  /** `basePath` `/api/v3` makes it look like GitHub Enterprise Server. */
  /** `login`: the token is a personal one, of this user (`GET /user` answers; comments are theirs). */
  static async start(opts: { token: string; basePath?: string; login?: string }): Promise<GitHubServer> {
    const basePath = opts.basePath ?? '';
    const worker = new Worker(WORKER, { workerData: { token: opts.token, basePath, login: opts.login } });
    const port = await new Promise<number>((resolve, reject) => {
      worker.once('error', reject);
      worker.once('message', (m: { type: string; port: number }) => resolve(m.port));
    });
    return new GitHubServer(worker, port, basePath);
  }

  /** What to put in `GITHUB_API_URL`. */
  get url(): string {
    return `http://127.0.0.1:${this.port}${this.basePath}`;
  }

  private call<T>(type: string, extra: Record<string, unknown> = {}): Promise<T> {
    const id = ++this.seq;
    return new Promise<T>((resolve) => {
      this.pending.set(id, (d) => resolve(d as T));
      this.worker.postMessage({ id, type, ...extra });
    });
  }

  state(): Promise<GitHubState> {
    return this.call<GitHubState>('state');
  }

  fail(fault: Fault): Promise<void> {
    return this.call('fault', { fault });
  }

  /** Comments already on the pull request, as other people or bots left them. */
  seedComments(issue: number, comments: { body: string; user: string }[]): Promise<void> {
    return this.call('seed', { issue, comments });
  }

  reset(): Promise<void> {
    return this.call('reset');
  }

  async stop(): Promise<void> {
    await this.call('stop');
    await this.worker.terminate();
  }
}
