import { createHash } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { GitExecutor, GitUnavailableError } from '../registry/git';

/** sha256 of a file, streamed (data files can be large). */
export function hashFile(path: string): Promise<string> {
  return new Promise((resolve, reject) => {
    const hash = createHash('sha256');
    createReadStream(path).on('data', (d) => hash.update(d)).on('error', reject).on('end', () => resolve(hash.digest('hex')));
  });
}

/** sha256 of a string (the spec's text). */
export function hashText(text: string): string {
  return createHash('sha256').update(text).digest('hex');
}

/** The git commands whose output describes the workspace's state (pure, for tests). */
export const gitArgs = {
  commit: ['rev-parse', 'HEAD'],
  status: ['status', '--porcelain', '--untracked-files=no'],
} as const;

/**
 * Commit and dirty flag of the git repository holding `cwd`; undefined outside a repository or when
 * git cannot run. Git runs through the registry's one executor (same environment rules, no prompts).
 */
export async function gitState(cwd: string, git: GitExecutor = new GitExecutor(cwd)): Promise<{ commit: string | null; dirty: boolean } | undefined> {
  try {
    const status = await git.maybe([...gitArgs.status]);
    if (status === null) return undefined;
    const commit = await git.maybe([...gitArgs.commit]);
    return { commit: commit || null, dirty: status.length > 0 };
  } catch (e) {
    if (e instanceof GitUnavailableError) return undefined;
    throw e;
  }
}
