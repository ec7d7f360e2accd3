import { startHelpers, type Helpers } from './pass/helpers.js';
import { startListing, type StartedListing } from './sources/tree.js';

/**
 * What a scan starts before keylint has even loaded whole: git's listing of the tree and the
 * scanning threads, both slow to start (~100 ms each) and neither needing the configuration. The
 * CLI starts them first thing, so loading the rest of keylint overlaps them.
 */
export interface ScanStart {
  listing: StartedListing;
  helpers: Helpers;
  /** Ends both, for a scan that fails before it reads the files. */
  stop(): void;
}

export function startScan(
  root: string,
  env: Record<string, string | undefined>,
  listing: StartedListing = startListing(root),
): ScanStart {
  const helpers = startHelpers(env, root);
  // Not a work tree: a helper walks the directory while this thread loads the rest of keylint.
  listing.walked = listing.run.then((r) => (r.ok ? null : (helpers.threads[0]?.walk(root) ?? null)));
  return {
    listing,
    helpers,
    stop: () => {
      listing.stop();
      helpers.stop();
    },
  };
}

/** A scan a launcher started before the rest of keylint loaded, for the tree at `root`. */
export interface EarlyStart {
  root: string;
  start: ScanStart;
}

/**
 * The start a scan of `root` runs with: the launcher's when it is for the same tree (its own is
 * stopped otherwise), or undefined for the scan to start its own.
 */
export function startFor(root: string, early: EarlyStart | undefined): ScanStart | undefined {
  if (early && early.root === root) return early.start;
  early?.start.stop();
  return undefined;
}
