/** Kept in step with package.json by a test. */
export const VERSION = '0.1.0';
export const INFORMATION_URI = 'https://github.com/keylint/keylint';
