import { readFileSync } from 'node:fs';
import path from 'node:path';
import { expect, test } from '@jest/globals';
// @ts-expect-error: a plain JavaScript build script, no type declarations
import { sourceHash } from '../scripts/source-hash.mjs';
import { ROOT } from './helpers/run-action.js';

test('dist/ is built from the current source (run `npm run package` and commit dist/)', () => {
  const stamp = readFileSync(path.join(ROOT, 'dist', 'source-hash.txt'), 'utf8').trim();
  expect(stamp).toBe((sourceHash as (root: string) => string)(ROOT));
});

test('the version the CLI prints is the package version', () => {
  const pkg = JSON.parse(readFileSync(path.join(ROOT, 'package.json'), 'utf8')) as { version: string };
  const src = readFileSync(path.join(ROOT, 'src', 'version.ts'), 'utf8');
  expect(src).toContain(`VERSION = '${pkg.version}'`);
});
