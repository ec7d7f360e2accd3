// Mutation testing (`npm run mutate`; docs/testing.md, "Mutation testing"): the modules where a silent
// bug costs most, against the tests that run `src/` in-process. End-to-end tests run the built
// `dist/` in child processes and never see a mutant, so they are left out.

// The sandbox's `src/` holds the mutants, so it never matches `dist/`: jest's global setup must not
// rebuild the bundle for every run. One seed for every run's test keys, so two runs agree.
process.env.KEYLINT_SKIP_BUILD = '1';
process.env.KEYLINT_TEST_SEED ||= '20261206';

/** What a silent bug costs most in, module by module (one group per line of the table in the docs). */
export const MUTATED = [
  // Redaction and masking
  'src/secrets.ts',
  'src/output.ts',
  'src/detect/redact-text.ts',
  'src/finding.ts',
  // Detectors and placeholders
  'src/detect/detectors.ts',
  'src/detect/placeholders.ts',
  // Policy and fail-on
  'src/policy.ts',
  // Suppression: inline, ignore file, baseline
  'src/config/inline.ts',
  'src/config/inline-suppressor.ts',
  'src/config/ignore-file.ts',
  'src/config/baseline.ts',
  'src/config/suppressors.ts',
  // Annotations and the summary's counts
  'src/report/annotations.ts',
  'src/report/verdict.ts',
  // Commit range and history readers
  'src/sources/range.ts',
  'src/sources/history-scan.ts',
  'src/sources/history-finding.ts',
  // The live classifier
  'src/live/classify.ts',
];

/** Test files that run `src/` in-process (an end-to-end test in one of them costs dry-run time only). */
const UNIT_TESTS = [
  'mutation-*.test.ts',
  'output-boundary.test.ts',
  'detect-redaction.test.ts',
  'detect-every-kind.test.ts',
  'detectors.test.ts',
  'needles.test.ts',
  'live-classify.test.ts',
  'live-units.test.ts',
  'report-json.test.ts',
  'report-markdown.test.ts',
];

/** @type {import('@stryker-mutator/api/core').PartialStrykerOptions} */
export default {
  testRunner: 'jest',
  // The suite is ESM run by ts-jest: jest needs Node's VM modules.
  testRunnerNodeArgs: ['--experimental-vm-modules', '--disable-warning=ExperimentalWarning'],
  jest: {
    projectType: 'custom',
    configFile: 'jest.config.js',
    config: {
      testMatch: UNIT_TESTS.map((t) => `<rootDir>/__tests__/${t}`),
      // Stryker wraps the environment itself, and resolves it from the sandbox without `<rootDir>`.
      testEnvironment: './__tests__/helpers/seeded-environment.js',
    },
    // Only the test files that import the mutated module, directly or not, run for its mutants.
    enableFindRelatedTests: true,
  },
  coverageAnalysis: 'perTest',
  checkers: ['typescript'],
  tsconfigFile: 'tsconfig.json',
  typescriptChecker: { prioritizePerformanceOverAccuracy: true },
  mutate: MUTATED,
  // Two cores, shared: one test runner and one checker.
  concurrency: 1,
  timeoutMS: 20000,
  tempDirName: '.stryker-tmp',
  incremental: false,
  reporters: ['clear-text', 'progress', 'html', 'json'],
  htmlReporter: { fileName: 'reports/mutation/index.html' },
  jsonReporter: { fileName: 'reports/mutation/mutation.json' },
  thresholds: { high: 90, low: 85, break: null },
};
