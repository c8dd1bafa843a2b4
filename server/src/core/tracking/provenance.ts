import { createHash } from 'node:crypto';
import { execFile } from 'node:child_process';
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

function git(cwd: string, args: readonly string[]): Promise<string | null> {
  return new Promise((resolve) => {
    execFile('git', [...args], { cwd, timeout: 10_000 }, (err, stdout) => resolve(err ? null : stdout));
  });
}

/** Commit and dirty flag of the git repository holding `cwd`; undefined outside a repository. */
export async function gitState(cwd: string): Promise<{ commit: string | null; dirty: boolean } | undefined> {
  const status = await git(cwd, gitArgs.status);
  if (status === null) return undefined;
  const commit = await git(cwd, gitArgs.commit);
  return { commit: commit?.trim() || null, dirty: status.trim().length > 0 };
}
