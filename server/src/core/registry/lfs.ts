/**
 * Large weights: which files go to git LFS and what to tell the user when LFS is not available. The
 * decision is pure; the LFS attributes are written to a `.gitattributes` inside the version folder (a
 * file the registry owns), so the user's own `.gitattributes` is never edited.
 */
import type { GitExecutor } from './git';
import { configGetArgs, lfsVersionArgs } from './gitArgs';
import { formatBytes } from './card';

export const DEFAULT_LFS_THRESHOLD_MB = 50;

/** ready: git-lfs installed and its filter configured; otherwise what is missing. */
export type LfsState = 'ready' | 'not-installed' | 'not-configured';

export interface LfsPlan {
  /** Paths (relative to the version folder) to store with LFS. */
  lfs: string[];
  warnings: string[];
}

/** Finds out whether LFS can take files in this repository. */
export async function lfsState(git: GitExecutor): Promise<LfsState> {
  const filter = await git.maybe(configGetArgs('filter.lfs.clean'));
  const installed = (await git.run(lfsVersionArgs())).code === 0;
  if (!installed) return 'not-installed';
  return filter ? 'ready' : 'not-configured';
}

/** Decides which files go to LFS; files over the threshold without LFS get a warning with the way out. */
export function planLargeFiles(files: Array<{ path: string; bytes: number }>, thresholdBytes: number, state: LfsState): LfsPlan {
  const large = files.filter((f) => f.bytes > thresholdBytes);
  if (state === 'ready') return { lfs: large.map((f) => f.path), warnings: [] };
  const how = state === 'not-installed'
    ? 'install git-lfs (https://git-lfs.com, e.g. apt-get install git-lfs) and run "git lfs install" in the repository'
    : 'run "git lfs install" in the repository';
  const warnings = large.map((f) => `${f.path} is ${formatBytes(f.bytes)} (over the ${formatBytes(thresholdBytes)} LFS threshold) ` +
    `and is committed into git itself because git LFS is not available: ${how}, then register again to keep large weights out of git history.`);
  return { lfs: [], warnings };
}

/** Escapes a path for use as a literal .gitattributes pattern. */
export function attributePattern(path: string): string {
  const escaped = path.replace(/[\\*?[\]!#]/g, (c) => `\\${c}`).replace(/ /g, '[[:space:]]');
  return `/${escaped}`;
}

/** `.gitattributes` content routing exactly the given files (relative to its folder) through LFS. */
export function lfsAttributes(paths: string[]): string {
  const header = '# Written by mlops register: these files are stored with git LFS.\n';
  return header + paths.map((p) => `${attributePattern(p)} filter=lfs diff=lfs merge=lfs -text\n`).join('');
}
