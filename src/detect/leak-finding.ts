import { redact, secretFingerprint, type Finding, type Location } from '../finding.js';
import { registerSecret } from '../secrets.js';
import type { Detector } from './detectors.js';

/** The one way a found key becomes a Finding: the secret is registered, redacted and hashed here. */
/** What a key found where its provider publishes it adds to a finding's message (`publishedWhen`). */
export function publishedNote(detector: Detector, published: boolean | undefined): string {
  return published && detector.publishedWhen ? ` ${detector.publishedWhen.note}` : '';
}

/** A key its provider publishes where it was found is worth a look, not an alarm. */
export function leakSeverity(detector: Detector, published: boolean | undefined): Finding['severity'] {
  return published && detector.publishedWhen ? 'low' : detector.severity;
}

export function leakFinding(
  detector: Detector,
  secret: string,
  location: Location,
  published?: boolean,
): Finding {
  registerSecret(secret);
  const evidence = redact(secret);
  return {
    ruleId: `leak/${detector.id}`,
    category: 'leak',
    severity: leakSeverity(detector, published),
    title: `${detector.kind} committed`,
    message:
      `${detector.kind} ${evidence} is committed in ${location.path}.` +
      (detector.admin
        ? ' Admin keys can manage the whole organisation: it is over-privileged anywhere in CI.'
        : '') +
      (detector.confidentPrefix && !secret.startsWith(detector.confidentPrefix.prefix)
        ? ` ${detector.confidentPrefix.note}`
        : '') +
      publishedNote(detector, published),
    fix:
      `Revoke the key at ${detector.revokeUrl} and create a new one; store it as a repository secret and read it ` +
      `from the environment; remove it from the file (and from git history if the repository is shared).`,
    location,
    evidence,
    fingerprint: secretFingerprint(secret),
    // A configured detector's page is the repository's word: shown as text, never a link.
    ...(detector.provider === 'custom' ? {} : { helpUri: detector.revokeUrl }),
    provider: detector.provider,
    keyKind: detector.kind,
  };
}
