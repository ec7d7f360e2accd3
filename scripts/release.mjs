// The release's decisions, run by .github/workflows/release.yml and tested on a local repository:
//   node scripts/release.mjs check TAG        the tag, package.json, src/version.ts and CHANGELOG.md agree
//   node scripts/release.mjs notes TAG        print the changelog's section for TAG (the release's text)
//   node scripts/release.mjs npm-tag TAG      print the npm dist-tag: latest, or next for a pre-release
//   node scripts/release.mjs move-major TAG [--push REMOTE]
//                                             point vMAJOR at TAG's commit, unless a later vMAJOR.x.y exists
// Every command runs in the current directory's repository; a failed check exits 1 with one line.
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import path from 'node:path';

const TAG = /^v(0|[1-9]\d*)\.(0|[1-9]\d*)\.(0|[1-9]\d*)(?:-([0-9A-Za-z.-]+))?$/;

class ReleaseError extends Error {}

/** `v1.2.3` → its parts; anything else is not a release tag. */
export function parseTag(tag) {
  const m = TAG.exec(tag ?? '');
  if (!m)
    throw new ReleaseError(`"${tag}" is not a release tag (vMAJOR.MINOR.PATCH, optionally -PRERELEASE)`);
  return {
    tag,
    version: tag.slice(1),
    major: Number(m[1]),
    parts: [Number(m[1]), Number(m[2]), Number(m[3])],
    prerelease: m[4] ?? null,
  };
}

/** The lines of CHANGELOG.md under `## [VERSION]`, up to the next `## ` heading, trimmed. */
export function changelogSection(changelog, version) {
  const lines = changelog.split('\n');
  const heading = new RegExp(`^## \\[${version.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}\\](?:\\s|$)`);
  const start = lines.findIndex((l) => heading.test(l));
  if (start === -1) return null;
  const rest = lines.slice(start + 1);
  const end = rest.findIndex((l) => l.startsWith('## '));
  return (end === -1 ? rest : rest.slice(0, end))
    .filter((l) => !/^\[[^\]]+\]: /.test(l))
    .join('\n')
    .trim();
}

/** Every reason the tag cannot be released from this tree, empty when it can. */
export function releaseProblems(root, tagName) {
  const tag = parseTag(tagName);
  const problems = [];
  const pkg = JSON.parse(readFileSync(path.join(root, 'package.json'), 'utf8'));
  if (pkg.version !== tag.version)
    problems.push(`package.json says version ${pkg.version}, the tag says ${tag.version}`);
  if (pkg.private) problems.push('package.json is private: npm would refuse to publish it');
  const versionTs = readFileSync(path.join(root, 'src', 'version.ts'), 'utf8');
  const inSource = /VERSION = '([^']+)'/.exec(versionTs)?.[1];
  if (inSource !== tag.version)
    problems.push(`src/version.ts says ${inSource ?? 'nothing'}, the tag says ${tag.version}`);
  const notes = changelogSection(readFileSync(path.join(root, 'CHANGELOG.md'), 'utf8'), tag.version);
  if (notes === null) problems.push(`CHANGELOG.md has no "## [${tag.version}]" section`);
  else if (!notes) problems.push(`CHANGELOG.md's section for ${tag.version} is empty`);
  return problems;
}

function git(args, cwd) {
  return execFileSync('git', args, { cwd, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] }).trim();
}

function compare(a, b) {
  for (let i = 0; i < 3; i++) if (a[i] !== b[i]) return a[i] - b[i];
  return 0;
}

/**
 * Points the major tag (`v1`) at the release's commit, as actions users pinning `@v1` expect.
 * A pre-release never moves it, nor does a patch of an older line (v1.2.4 after v1.3.0 is out).
 * Returns what it did, in words.
 */
export function moveMajor(cwd, tagName, remote) {
  const tag = parseTag(tagName);
  if (tag.prerelease) return `${tagName} is a pre-release: v${tag.major} stays where it is`;
  const commit = git(['rev-parse', '--verify', `refs/tags/${tagName}^{commit}`], cwd);
  const later = git(['tag', '--list', `v${tag.major}.*`], cwd)
    .split('\n')
    .filter((t) => TAG.test(t))
    .map(parseTag)
    .filter((t) => !t.prerelease && compare(t.parts, tag.parts) > 0);
  if (later.length)
    return `${later.map((t) => t.tag).join(', ')} is later than ${tagName}: v${tag.major} stays where it is`;
  const major = `v${tag.major}`;
  git(['tag', '--force', major, commit], cwd);
  if (remote) git(['push', '--force', remote, `refs/tags/${major}`], cwd);
  return `${major} now points at ${commit}${remote ? ` (pushed to ${remote})` : ''}`;
}

function main(argv) {
  const [command, tagName, ...rest] = argv;
  const root = process.cwd();
  switch (command) {
    case 'check': {
      const problems = releaseProblems(root, tagName);
      if (problems.length) throw new ReleaseError(`cannot release ${tagName}: ${problems.join('; ')}`);
      process.stdout.write(`${tagName}: package.json, src/version.ts and CHANGELOG.md agree\n`);
      return;
    }
    case 'notes': {
      const tag = parseTag(tagName);
      const notes = changelogSection(readFileSync(path.join(root, 'CHANGELOG.md'), 'utf8'), tag.version);
      if (!notes) throw new ReleaseError(`CHANGELOG.md has no section for ${tag.version}`);
      process.stdout.write(`${notes}\n`);
      return;
    }
    case 'npm-tag':
      process.stdout.write(`${parseTag(tagName).prerelease ? 'next' : 'latest'}\n`);
      return;
    case 'move-major': {
      const i = rest.indexOf('--push');
      process.stdout.write(`${moveMajor(root, tagName, i === -1 ? undefined : rest[i + 1])}\n`);
      return;
    }
    default:
      throw new ReleaseError('usage: release.mjs check|notes|npm-tag|move-major TAG [--push REMOTE]');
  }
}

if (process.argv[1] && path.resolve(process.argv[1]) === path.resolve(import.meta.filename)) {
  try {
    main(process.argv.slice(2));
  } catch (err) {
    if (!(err instanceof ReleaseError) && !err?.stderr) throw err;
    // A failed git command: its own first line says why (a tag that does not exist, a rejected push).
    const why = err instanceof ReleaseError ? err.message : String(err.stderr).trim().split('\n')[0];
    process.stderr.write(`release: ${why}\n`);
    process.exit(1);
  }
}
