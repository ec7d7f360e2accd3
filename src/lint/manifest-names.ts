/**
 * The names of the manifests the code lint (`manifests.ts`) and the wiring check (`sdk-version.ts`)
 * read for the openai SDK's version, without their parsers: the file pass, which runs in every
 * thread, only needs to know a manifest when it sees one. A name missing here costs only a read:
 * the checks then read that file themselves.
 */
const MANIFEST_NAME =
  /(?:^|\/)(?:requirements[^/]*\.(?:txt|in)|requirements\/[^/]+\.txt|pyproject\.toml|Pipfile(?:\.lock)?|poetry\.lock|uv\.lock|setup\.cfg|setup\.py|environment[\w.-]*\.ya?ml|package\.json|package-lock\.json|npm-shrinkwrap\.json|pnpm-lock\.yaml|yarn\.lock)$/;

export function isManifestName(relPath: string): boolean {
  return !relPath.includes('node_modules/') && MANIFEST_NAME.test(relPath);
}
