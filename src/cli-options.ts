// The CLI's flags, shared by the launcher (which reads only the path to start the scan early) and
// the CLI itself.

/** Every flag: what `parseArgs` accepts and what a mistyped flag is compared with. */
export const OPTIONS = {
  format: { type: 'string' },
  output: { type: 'string', short: 'o' },
  'fail-on': { type: 'string' },
  config: { type: 'string' },
  scan: { type: 'string' },
  since: { type: 'string' },
  history: { type: 'boolean' },
  staged: { type: 'boolean' },
  baseline: { type: 'string' },
  'key-env': { type: 'string' },
  live: { type: 'string' },
  'live-timeout': { type: 'string' },
  'verify-leaked': { type: 'boolean' },
  'verify-gateway': { type: 'string', multiple: true },
  debug: { type: 'boolean' },
  version: { type: 'boolean', short: 'v' },
  help: { type: 'boolean', short: 'h' },
} as const;
