/**
 * What the registry needs to know about the repository before it may commit: where it is, which
 * branch HEAD is on, whether git is in the middle of another operation, and who commits.
 */
import { isAbsolute, join } from 'node:path';
import { existsSync } from 'node:fs';
import { GitCommandError, type GitExecutor } from './git';
import { OPERATION_MARKERS, committerIdentArgs, headBranchArgs, operationMarkerArgs, repoRootArgs, verifyCommitArgs } from './gitArgs';
import { RegistryError } from './errors';

export type RepoOperation = 'merge' | 'rebase' | 'cherry-pick' | 'revert' | 'bisect';

export interface RepoState {
  /** Absolute path of the work tree's top folder. */
  root: string;
  gitDir: string;
  /** Folder of the workspace relative to root, "" or ending with "/" (git's --show-prefix). */
  prefix: string;
  /** Full ref HEAD points at (refs/heads/main), or null when HEAD is detached. */
  branch: string | null;
  /** Commit HEAD resolves to; null in a repository without commits yet. */
  head: string | null;
  operation: RepoOperation | null;
}

const MARKER_OPERATION: Record<(typeof OPERATION_MARKERS)[number], RepoOperation> = {
  MERGE_HEAD: 'merge', 'rebase-merge': 'rebase', 'rebase-apply': 'rebase', CHERRY_PICK_HEAD: 'cherry-pick',
  REVERT_HEAD: 'revert', BISECT_LOG: 'bisect',
};

/** Reads the repository around `git.cwd`; null when that folder is not inside a git work tree. */
export async function inspectRepo(git: GitExecutor): Promise<RepoState | null> {
  const top = await git.run(repoRootArgs());
  if (top.code !== 0) return null;
  const [root = '', gitDir = '', prefix = ''] = top.stdout.split('\n');
  const atRoot = git.at(root);
  const markers = (await atRoot.ok(operationMarkerArgs())).split('\n');
  let operation: RepoOperation | null = null;
  markers.forEach((p, i) => {
    const abs = isAbsolute(p) ? p : join(root, p);
    if (operation === null && existsSync(abs)) operation = MARKER_OPERATION[OPERATION_MARKERS[i]!];
  });
  return {
    root, gitDir, prefix, operation,
    branch: await atRoot.maybe(headBranchArgs()) || null,
    head: await atRoot.maybe(verifyCommitArgs('HEAD')) || null,
  };
}

const FINISH: Record<RepoOperation, string> = {
  merge: 'finish it (git commit) or abort it (git merge --abort)',
  rebase: 'finish it (git rebase --continue) or abort it (git rebase --abort)',
  'cherry-pick': 'finish it (git cherry-pick --continue) or abort it (git cherry-pick --abort)',
  revert: 'finish it (git revert --continue) or abort it (git revert --abort)',
  bisect: 'end it (git bisect reset)',
};

/** Why the registry must not commit in this state, or null when it may. Pure. */
export function commitBlocker(state: RepoState): string | null {
  if (state.operation) {
    return `a ${state.operation} is in progress in ${state.root}: ${FINISH[state.operation]} first. ` +
      'The registry commits nothing while git is in the middle of another operation.';
  }
  if (state.branch === null) {
    const at = state.head ? ` (at ${state.head.slice(0, 7)})` : '';
    return `HEAD is detached${at} in ${state.root}: switch to a branch first (git switch <branch>), ` +
      'so the new commit lands on a branch instead of being left unreachable.';
  }
  return null;
}

/** Refuses unless the state allows a commit. */
export function assertCanCommit(state: RepoState): void {
  const blocker = commitBlocker(state);
  if (blocker) throw new RegistryError(blocker);
}

/** "Name <email> 1700000000 +0000" of the committer; refuses with git's own advice when unset. */
export async function committerIdent(git: GitExecutor): Promise<string> {
  try {
    return await git.ok(committerIdentArgs());
  } catch (e) {
    if (!(e instanceof GitCommandError)) throw e;
    throw new RegistryError('git does not know who you are, so it cannot commit: run\n' +
      '  git config user.name "Your Name"\n  git config user.email you@example.com\nthen try again.');
  }
}

/** "Name <email>" part of an ident line. */
export function identName(ident: string): string {
  return ident.replace(/\s+\d+\s+[+-]\d{4}$/, '');
}

/** Short name of a branch ref: refs/heads/main -> main. */
export function branchName(ref: string | null): string | null {
  return ref === null ? null : ref.replace(/^refs\/heads\//, '');
}
