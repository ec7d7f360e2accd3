import { DETECTORS, type Detector } from '../detect/detectors.js';
import type { CustomDetector } from './types.js';
import { escapeRegExp } from '../text/regexp.js';

/**
 * A `.keylint.yml` detector as a scanner row. A pattern that starts with a literal is a prefixed
 * kind (its keywords, if any, must then occur near the key); one without is found only as the value
 * of a name that contains a keyword. The user's pattern is trusted as exact: no entropy floor.
 */
export function toDetector(c: CustomDetector): Detector {
  const words = c.keywords.length > 0 ? new RegExp(c.keywords.map(escapeRegExp).join('|'), 'i') : undefined;
  const prefixed = c.prefix
    ? {
        prefix: c.prefix,
        keywords: [c.prefix.toLowerCase()],
        ...(words && !c.keywords.some((k) => c.prefix!.toLowerCase().includes(k))
          ? { context: { near: words } }
          : {}),
      }
    : { keywords: c.keywords, context: { names: words, near: words ?? /(?!)/ } };
  return {
    id: c.id,
    provider: 'custom',
    kind: c.description ?? `Custom key (${c.id})`,
    pattern: new RegExp(`^(?:${c.pattern.source})$`),
    severity: c.severity,
    minEntropy: 0,
    revokeUrl: c.revokeUrl ?? 'the service that issued it',
    ...prefixed,
  };
}

/** The built-in detectors, then the configured ones. */
export function allDetectors(custom: readonly CustomDetector[]): readonly Detector[] {
  return custom.length === 0 ? DETECTORS : [...DETECTORS, ...custom.map(toDetector)];
}
