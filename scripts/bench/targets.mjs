// Every row's number beside its target, with a verdict, and a tally of the verdicts for the end.
const verdicts = [];
let current = '';

/** The section whose targets follow: the tally names each missed one with it. */
export function inSection(name) {
  current = name;
}

const fmt = (value, unit) => (unit === 'x' ? `${value.toFixed(2)}x` : `${value.toFixed(0)} ${unit}`);

/**
 * Prints `label: VALUE (target OP LIMIT) met|MISSED`. `op` is one of '<=', '<', '>='; `slack` widens
 * the limit for a comparison of two runs of similar length, where noise alone decides the last few %.
 */
export function target(print, label, value, op, limit, { unit = 'x', slack = 0, note = '' } = {}) {
  const met =
    op === '<=' ? value <= limit * (1 + slack) : op === '<' ? value < limit : value >= limit * (1 - slack);
  verdicts.push({ label: current ? `${current}: ${label}` : label, met });
  const noise = slack > 0 ? `, ${(100 * slack).toFixed(0)}% noise allowed` : '';
  print(
    `${label}: ${fmt(value, unit)} (target ${op} ${fmt(limit, unit)}${noise}) ${met ? 'met' : 'MISSED'}${note ? ` ${note}` : ''}`,
  );
  return met;
}

/** Peak memory of keylint's process: the same form in every row. */
export const peakTarget = (print, label, run, limit = 300) =>
  target(print, `${label} peak memory`, run.peakMiB, '<', limit, { unit: 'MiB' });

export function tally() {
  const missed = verdicts.filter((v) => !v.met).map((v) => v.label);
  return { met: verdicts.length - missed.length, missed };
}
