// Mutation testing (`npm run mutate`; docs/testing.md, "Mutation testing"): the modules where a silent
// bug costs most, against the tests that run `src/` in-process. End-to-end tests run the built
// `dist/` in child processes and never see a mutant, so they are left out.

// The sandbox's `src/` holds the mutants, so it never matches `dist/`: jest's global setup must not
// rebuild the bundle for every run. One seed for every run's test keys, so two runs agree.
process.env.KEYLINT_SKIP_BUILD = '1';
process.env.KEYLINT_TEST_SEED ||= '20261206';

/**
 * The modules where a silent bug costs most, each with the test files that run it in-process (one
 * group per row of the table in docs/testing.md). End-to-end tests run `dist/`: they see no mutant.
 */
export const MODULES = {
  // Redaction and masking
  'src/secrets.ts': ['mutation-redaction', 'output-boundary', 'detect-redaction'],
  'src/output.ts': ['mutation-redaction'],
  'src/detect/redact-text.ts': ['mutation-redaction'],
  'src/finding.ts': ['mutation-redaction', 'detect-redaction', 'mutation-suppression'],
  // Detectors and placeholders
  'src/detect/detectors.ts': ['detectors', 'mutation-detectors', 'detect-redaction', 'detect-every-kind'],
  'src/detect/placeholders.ts': ['detectors', 'mutation-detectors', 'mutation-placeholders'],
  // Policy and fail-on
  'src/policy.ts': ['mutation-suppression'],
  // Suppression: inline, ignore file, baseline
  'src/config/inline.ts': ['mutation-suppression', 'suppress-inline'],
  'src/config/inline-suppressor.ts': ['mutation-suppression'],
  'src/config/ignore-file.ts': ['mutation-suppression'],
  'src/config/baseline.ts': ['mutation-suppression'],
  'src/config/suppressors.ts': ['mutation-suppression'],
  // Annotations and the summary's counts
  'src/report/annotations.ts': ['mutation-annotations'],
  'src/report/verdict.ts': ['mutation-summary', 'report-markdown'],
  // Commit range and history readers
  'src/sources/range.ts': ['mutation-range'],
  'src/sources/history-scan.ts': ['mutation-history', 'commits-history'],
  'src/sources/history-finding.ts': ['mutation-history', 'commits-history'],
  // The live classifier
  'src/live/classify.ts': ['mutation-classify', 'live-classify', 'live-units'],
};

/** `--mutate a.ts,b.ts` (or `-m`) on the command line: only those modules' tests run. */
function mutatedOnCommandLine() {
  const at = process.argv.findIndex((a) => a === '--mutate' || a === '-m');
  const value =
    at >= 0 ? process.argv[at + 1] : process.argv.find((a) => a.startsWith('--mutate='))?.slice(9);
  return value
    ? value.split(',').map((f) => f.replace(/^\.\//, '').replace(/:.*$/, ''))
    : Object.keys(MODULES);
}

const allTests = [...new Set(Object.values(MODULES).flat())];
const tests = [...new Set(mutatedOnCommandLine().flatMap((f) => MODULES[f] ?? allTests))];

/** @type {import('@stryker-mutator/api/core').PartialStrykerOptions} */
export default {
  testRunner: 'jest',
  // The suite is ESM run by ts-jest: jest needs Node's VM modules.
  testRunnerNodeArgs: ['--experimental-vm-modules', '--disable-warning=ExperimentalWarning'],
  jest: {
    projectType: 'custom',
    configFile: 'jest.config.js',
    config: {
      testMatch: tests.map((t) => `<rootDir>/__tests__/${t}.test.ts`),
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
  mutate: Object.keys(MODULES),
  // Two cores, shared: one test runner and one checker.
  concurrency: 1,
  timeoutMS: 10000,
  tempDirName: '.stryker-tmp',
  incremental: false,
  reporters: ['clear-text', 'progress', 'html', 'json'],
  htmlReporter: { fileName: 'reports/mutation/index.html' },
  jsonReporter: { fileName: 'reports/mutation/mutation.json' },
  thresholds: { high: 90, low: 85, break: null },
};
