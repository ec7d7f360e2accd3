/** @type {import('jest').Config} */
export default {
  // Node's environment with seeded test keys: a failure names the seed that reproduces it.
  testEnvironment: '<rootDir>/__tests__/helpers/seeded-environment.js',
  extensionsToTreatAsEsm: ['.ts'],
  moduleNameMapper: { '^(\\.{1,2}/.*)\\.js$': '$1' },
  transform: {
    '^.+\\.ts$': ['ts-jest', { useESM: true, diagnostics: false }],
  },
  testMatch: ['<rootDir>/__tests__/**/*.test.ts'],
  // Mutation testing's sandboxes hold a copy of the project: never a second set of modules or tests.
  modulePathIgnorePatterns: ['<rootDir>/.stryker-tmp/'],
  globalSetup: '<rootDir>/__tests__/helpers/global-setup.js',
  globalTeardown: '<rootDir>/__tests__/helpers/global-teardown.js',
  testTimeout: 60000,
  maxWorkers: 2,
};
