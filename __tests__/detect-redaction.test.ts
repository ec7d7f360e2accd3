import { describe, expect, test } from '@jest/globals';
import { DETECTORS } from '../src/detect/detectors.js';
import { leakFinding } from '../src/detect/leak-finding.js';
import { Scanner } from '../src/detect/scanner.js';
import { secretFingerprint } from '../src/finding.js';
import { scrub } from '../src/secrets.js';
import { keys, type KeyKind } from './helpers/keys.js';

const scanner = new Scanner();

/** Texts that hold one key of each kind, found by the scanner as a real scan would. */
const samples: [KeyKind, string][] = [
  ['openaiProject', 'OPENAI_API_KEY='],
  ['openaiAdmin', 'OPENAI_ADMIN_KEY='],
  ['anthropic', 'ANTHROPIC_API_KEY='],
  ['google', 'GEMINI_API_KEY='],
  ['groq', 'GROQ_API_KEY='],
  ['huggingface', 'HF_TOKEN='],
  ['replicate', 'REPLICATE_API_TOKEN='],
  ['mistral', 'MISTRAL_API_KEY='],
  ['azure', 'AZURE_OPENAI_API_KEY='],
];

describe('a found key becomes a finding that never holds the secret', () => {
  test.each(samples)('%s', (kind, lead) => {
    const secret = keys[kind]();
    const [m] = scanner.scan(`${lead}${secret}\n`);
    expect(m?.secret).toBe(secret);
    const f = leakFinding(m!.detector, m!.secret, { path: '.env', line: 1, column: lead.length + 1 });
    const text = JSON.stringify(f);
    expect(text).not.toContain(secret);
    expect(text).not.toContain(secret.slice(-20, -4));
    // Prefix (at most 14 characters, never a quarter of the key) and the last four.
    expect(f.evidence!.endsWith('…' + secret.slice(-4))).toBe(true);
    const shown = f.evidence!.slice(0, f.evidence!.indexOf('…'));
    expect(secret.startsWith(shown)).toBe(true);
    expect(shown.length).toBeLessThanOrEqual(Math.min(14, secret.length / 4));
    expect(f.fingerprint).toBe(secretFingerprint(secret));
    expect(f.ruleId).toBe(`leak/${m!.detector.id}`);
    expect(f.helpUri).toBe(m!.detector.revokeUrl);
    // Registered: any report text that still held it is scrubbed.
    expect(scrub(`oops ${secret} oops`)).toBe('oops **** oops');
  });

  test('admin keys say they are over-privileged', () => {
    const admin = DETECTORS.filter((d) => d.admin).map((d) => d.id);
    expect(admin.sort()).toEqual(['anthropic-admin-key', 'openai-admin-key']);
    const secret = keys.anthropicAdmin();
    const [m] = scanner.scan(`K=${secret}`);
    expect(leakFinding(m!.detector, secret, { path: 'a', line: 1, column: 3 }).message).toMatch(
      /over-privileged/,
    );
  });
});
