/**
 * Third-party and generated code committed beside a project's own: installed packages, virtual
 * environments, minified bundles, type declarations. What it reads, loads or calls is its authors'
 * choice, not the project's, and a declaration file runs nothing.
 */
const VENDORED =
  /(?:^|\/)(?:node_modules|bower_components|site-packages|\.venv)\/|\.min\.[cm]?js$|\.d\.[cm]?ts$/;

export function isVendored(relPath: string): boolean {
  return VENDORED.test(relPath);
}
