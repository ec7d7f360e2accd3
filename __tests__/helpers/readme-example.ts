import { containsStopword } from '../../src/detect/placeholders.js';
import { TempRepo } from './git-repo.js';
import { ALNUM_DASH, OPENAI_MARKER } from './keys.js';
import { runAction, type ActionRun } from './run-action.js';

/**
 * The run the README shows: the same key every time (from a seeded generator, never a literal),
 * a fixed day for the model table, so the excerpt in the README can be compared with a real run.
 */
export function exampleKey(): string {
  let seed = 20261206;
  for (;;) {
    const next = (): string => {
      seed = (seed * 1103515245 + 12345) % 2147483648;
      return ALNUM_DASH[seed % 62]!;
    };
    const part = (n: number): string => Array.from({ length: n }, next).join('');
    const key = ['sk', 'proj', part(74) + OPENAI_MARKER + part(74)].join('-');
    if (!containsStopword(key.slice(8))) return key;
  }
}

export const EXAMPLE_SHA = '3f2a9c1e5b7d4f6a8c0e2b4d6f8a0c2e4b6d8f0a';

export function runReadmeExample(): ActionRun {
  const repo = new TempRepo({ prefix: 'keylint-readme-' });
  try {
    repo.write(
      'src/summarize.py',
      [
        'from openai import OpenAI',
        '',
        `client = OpenAI(api_key="${exampleKey()}")`,
        '',
        '',
        'def summarize(text: str) -> str:',
        '    reply = client.chat.completions.create(',
        '        model="gpt-4o-mini",',
        '        messages=[{"role": "user", "content": text}],',
        '    )',
        '    return reply.choices[0].message.content',
        '',
      ].join('\n'),
    );
    repo.write('requirements.txt', 'openai==1.40.0\n');
    repo.commit('summarize');
    return runAction({
      workspace: repo.dir,
      inputs: { comment: 'false' },
      env: { GITHUB_SHA: EXAMPLE_SHA, GITHUB_REPOSITORY: 'acme/app', KEYLINT_TODAY: '2026-12-01' },
    });
  } finally {
    repo.cleanup();
  }
}
