// What every test process and every child the helpers start sees instead of the machine's own
// environment: an empty HOME, no system git config, git never looking above the temporary directory,
// a fixed "today", and nothing inherited that would steer git, keylint, GitHub's toolkit or a proxy.
// Plain JavaScript: Jest's global setup loads it untransformed, and the TypeScript helpers import it.
import { mkdirSync, mkdtempSync, realpathSync, rmSync } from 'node:fs';
import net from 'node:net';
import { once } from 'node:events';
import { tmpdir } from 'node:os';
import path from 'node:path';

/** The day date-based rules judge by when a test does not set its own `KEYLINT_TODAY`. */
export const TEST_TODAY = '2026-11-27';

/**
 * keylint's waits between attempts are this share of a real run's (KEYLINT_TEST_BACKOFF_SCALE): the
 * decisions stay the product's, the seconds do not pass. Tests that check a wait use it for the bound.
 */
export const TEST_BACKOFF_SCALE = 0.05;

/** Inherited variables that would change what keylint, git or the toolkit do, whoever set them. */
const DROP = [
  /^GIT_/, // GIT_DIR, GIT_INDEX_FILE (set inside git hooks), GIT_CONFIG_*, GIT_CEILING_DIRECTORIES…
  /^KEYLINT_/,
  /^(GITHUB|RUNNER|ACTIONS|INPUT)_/, // a suite run inside GitHub Actions must not write to its step
  /^(https?|all|no)_proxy$/i,
  /^NODE_EXTRA_CA_CERTS$/,
  /^XDG_/,
  /_(API_KEY|BASE_URL|ENDPOINT)$/, // a developer's own provider keys and endpoints
];
/** Kept: how to reach git's own programs, and the switches of the test run itself. */
const KEEP = new Set(['GIT_EXEC_PATH', 'KEYLINT_TEST_SEED', 'KEYLINT_SKIP_BUILD']);

/** Both spellings of the temporary directory (it is often a symbolic link, as on macOS). */
export function ceilingDirectories(dir = tmpdir()) {
  const all = new Set([path.resolve(dir)]);
  try {
    all.add(realpathSync(dir));
  } catch {
    // a temporary directory that does not exist yet fails later, with a clearer error
  }
  return [...all].join(path.delimiter);
}

/**
 * The hermetic environment built from `base`: returns the variables to use (the whole environment,
 * not a patch) and a cleanup that removes the temporary HOME.
 */
export function hermeticEnvironment(base) {
  const dir = mkdtempSync(path.join(tmpdir(), 'keylint-home-'));
  const home = path.join(dir, 'home');
  const config = path.join(home, '.config');
  mkdirSync(config, { recursive: true, mode: 0o700 });
  const env = {};
  for (const [k, v] of Object.entries(base)) {
    if (v === undefined) continue;
    if (!KEEP.has(k) && DROP.some((re) => re.test(k))) continue;
    env[k] = v;
  }
  Object.assign(env, {
    HOME: home,
    USERPROFILE: home,
    XDG_CONFIG_HOME: config,
    GIT_CONFIG_NOSYSTEM: '1',
    GIT_CEILING_DIRECTORIES: ceilingDirectories(),
    KEYLINT_TODAY: TEST_TODAY,
    KEYLINT_TEST_BACKOFF_SCALE: String(TEST_BACKOFF_SCALE),
    KEYLINT_TEST_HOME: home,
  });
  return { env, cleanup: () => rmSync(dir, { recursive: true, force: true }) };
}

/**
 * A port on 127.0.0.1 that refuses connections and that no one else gets while it is held: the local
 * end of a connection this process keeps open. Nothing listens on it, so a connection attempt is
 * refused, and the operating system does not hand it out again until `close`.
 */
export async function holdRefusingPort() {
  const server = net.createServer();
  const accepted = [];
  server.on('connection', (s) => accepted.push(s.unref()));
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  const client = net.connect(server.address().port, '127.0.0.1');
  await once(client, 'connect');
  client.on('error', () => undefined);
  client.unref();
  server.unref();
  return {
    port: client.localPort,
    close: async () => {
      client.destroy();
      for (const s of accepted) s.destroy();
      await new Promise((resolve) => server.close(() => resolve(undefined)));
    },
  };
}
