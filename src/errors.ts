import { redactKeysIn } from './detect/redact-text.js';

/**
 * A mistake the user can fix (a bad flag, a missing path, a malformed config): reported as one
 * sentence, exit code 2, and no stack trace.
 */
export class UserError extends Error {
  constructor(
    message: string,
    /** Where the mistake is, when it is in a file (config, workflow). */
    readonly where?: { path: string; line?: number },
  ) {
    super(message);
    this.name = 'UserError';
  }
}

/** One line for a person; any key the message quotes (from a config file, a flag) is redacted. */
export function describeError(err: unknown): string {
  if (err instanceof UserError) {
    const at = err.where ? `${err.where.path}${err.where.line ? `:${err.where.line}` : ''}: ` : '';
    return redactKeysIn(`${at}${err.message}`);
  }
  return redactKeysIn(`internal error: ${err instanceof Error ? err.message : String(err)}`);
}
