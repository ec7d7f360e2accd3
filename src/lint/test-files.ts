/**
 * Test files, fixtures, mocks and recorded cassettes: code that never reaches the provider, so not
 * where a key stops working. The code lint leaves them out (or reports them at `low` with
 * `tests: lint`).
 */
const TEST_DIR =
  /(?:^|\/)(?:(?:[\w.-]*[-_])?tests?|tests?[-_]?(?:utils?|helpers?|support)|__tests__|__mocks__|mocks?|fixtures?|__fixtures__|cassettes|testdata|test_data|test-data|testing|specs?|__snapshots__|e2e)\//i;
const TEST_FILE =
  /(?:^|\/)(?:test_[^/]*\.py|[^/]*_test\.py|conftest\.py|tests?\.py|[^/]*\.(?:test|spec|test-d|vitest)\.[cm]?[jt]sx?|[^/]*_test\.[cm]?[jt]sx?)$/i;

export function isTestPath(relPath: string): boolean {
  return TEST_DIR.test(relPath) || TEST_FILE.test(relPath);
}

/**
 * Marks of code that answers its own requests: HTTP mocking libraries, recorded cassettes, a client
 * pointed at a server on this machine; or of test code (`TEST_FRAMEWORK`). Searched in code with
 * comments blanked.
 */
const MOCK_MARK =
  /\b(?:import\s+respx|from\s+respx\b|pytest_httpx|httpx_mock|import\s+responses\b|@responses\.activate|unittest\.mock|from\s+unittest\s+import\s+mock|from\s+mock\s+import|MagicMock|AsyncMock|vcr\.use_cassette|pytest\.mark\.vcr|setupServer|msw\/node|nock\s*\(|jest\.mock\s*\(|vi\.mock\s*\()/;
const LOCAL_BASE_URL =
  /\b(?:base_url|baseURL|baseUrl|api_base)\s*[=:]\s*["'`]https?:\/\/(?:localhost|127\.0\.0\.1|0\.0\.0\.0|\[::1\])[:/"'`]/;

/**
 * A test framework's own module, imported: test code whatever the file's name (Continue's
 * `test-utils/openai-test-utils.ts` builds the requests its tests expect).
 */
const TEST_FRAMEWORK =
  /\bfrom\s*["'](?:vitest|@jest\/globals|node:test|mocha|chai)["']|\brequire\s*\(\s*["'](?:vitest|@jest\/globals|node:test|mocha|chai)["']\s*\)|^\s*(?:import|from)\s+pytest\b/m;

export function looksMocked(code: string): boolean {
  return MOCK_MARK.test(code) || LOCAL_BASE_URL.test(code) || TEST_FRAMEWORK.test(code);
}
