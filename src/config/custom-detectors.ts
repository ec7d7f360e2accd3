import { DETECTORS, type Detector } from '../detect/detectors.js';
import type { CustomDetector } from './types.js';

/** Characters of a typical token: a custom key that runs on into them is not a match. */
const TOKEN_CHARS = /[A-Za-z0-9_-]/;

/**
 * A `.keylint.yml` detector as a scanner row. The user's pattern is trusted as exact, so no entropy
 * floor applies; the placeholder filter still does.
 */
export function toDetector(c: CustomDetector): Detector {
  return {
    id: c.id,
    provider: 'custom',
    kind: c.description ?? `Custom key (${c.id})`,
    pattern: c.pattern,
    keywords: c.keywords,
    alphabet: TOKEN_CHARS,
    severity: c.severity,
    minEntropy: 0,
    revokeUrl: c.revokeUrl ?? 'the service that issued it',
  };
}

/** The built-in detectors, then the configured ones. */
export function allDetectors(custom: readonly CustomDetector[]): readonly Detector[] {
  return custom.length === 0 ? DETECTORS : [...DETECTORS, ...custom.map(toDetector)];
}
