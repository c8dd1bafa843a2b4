import { createHash } from 'node:crypto';
import { createReadStream } from 'node:fs';

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

/** The one thing gitState needs of a git executor (the registry's GitExecutor is one). */
export interface GitReader {
  /** Runs git; trimmed stdout, or null when it exits non-zero. May throw when git cannot start. */
  maybe(args: string[]): Promise<string | null>;
}

/**
 * Commit and dirty flag of the git repository `git` runs in; undefined outside a repository or when
 * git cannot run. The caller passes the registry's executor, so git runs in one place, one way.
 */
export async function gitState(git: GitReader): Promise<{ commit: string | null; dirty: boolean } | undefined> {
  try {
    const status = await git.maybe([...gitArgs.status]);
    if (status === null) return undefined;
    const commit = await git.maybe([...gitArgs.commit]);
    return { commit: commit || null, dirty: status.length > 0 };
  } catch {
    return undefined;
  }
}
