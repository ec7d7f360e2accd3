/**
 * The factor keylint's waits between attempts are multiplied by: 1, unless the test suite sets
 * `KEYLINT_TEST_BACKOFF_SCALE` to a number from 0 to 1. It only ever shortens a wait, and only the
 * sleep: whether to wait at all, and whether a wait fits the time budget, is decided on the unscaled
 * wait, so a test sees the decisions a real run takes without spending a real run's seconds.
 */
export function waitScale(env: Record<string, string | undefined> = process.env): number {
  const raw = env.KEYLINT_TEST_BACKOFF_SCALE?.trim();
  const s = raw ? Number(raw) : NaN;
  return Number.isFinite(s) && s >= 0 && s <= 1 ? s : 1;
}
