/**
 * One commit containing exactly the registry's own paths, made without touching anything else.
 *
 * How: a temporary index is loaded from HEAD, only our paths are added to it, and plumbing turns it
 * into a commit (no hooks run, so no hook can stash or stage the user's files). Tags are created and
 * HEAD is moved with compare-and-swap ref updates: if anyone else moved them meanwhile, every ref we
 * changed is put back and the caller removes its files. Only after HEAD moved are our entries written
 * into the user's index, one by one, leaving every other staged or unstaged change as it was.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { GitCommandError, type GitExecutor } from './git';
import {
  MUST_NOT_EXIST, addArgs, commitTreeArgs, deleteRefArgs, hashBlobArgs, hashTagArgs, listIndexArgs, parseIndexEntries,
  readTreeArgs, tagObjectText, updateIndexArgs, updateRefArgs, writeTreeArgs, type IndexEntry,
} from './gitArgs';
import { RegistryError } from './errors';
import { branchName, type RepoState } from './repoState';

export interface TagRequest {
  name: string;
  message: string;
  /** Commit the tag points at; the new commit when absent. */
  target?: string;
  /** Object id the tag must point at now (MUST_NOT_EXIST: the tag must not exist). */
  expected: string;
}

export interface OwnCommitRequest {
  /** Files or folders (repository-root relative) already written to disk, committed as they are. */
  worktreePaths: string[];
  /** Files committed with this content (root relative); the caller writes them to disk after success. */
  contents: Array<{ path: string; text: string }>;
  message: string;
  tags: TagRequest[];
  /** Reflog message, e.g. "mlops register: churn@v3". */
  reflog: string;
}

export interface OwnCommitResult {
  commit: string;
  /** Index entries of our paths in the new commit. */
  entries: IndexEntry[];
}

/** Test seam: runs between building the objects and moving any ref, to simulate a concurrent writer. */
export interface CommitHooks {
  beforeRefs?: () => Promise<void>;
}

interface Prepared { commit: string; entries: IndexEntry[]; tags: Array<{ name: string; object: string; expected: string }> }

/** Builds the commit and tag objects without changing any ref, index or file of the user. */
async function prepare(git: GitExecutor, repo: RepoState, req: OwnCommitRequest, ident: string): Promise<Prepared> {
  const tmp = mkdtempSync(join(tmpdir(), 'mlops-registry-'));
  try {
    const opts = { indexFile: join(tmp, 'index') };
    if (repo.head) await git.ok(readTreeArgs(repo.head), opts);
    if (req.worktreePaths.length) await git.ok(addArgs(req.worktreePaths), opts);
    for (const [i, c] of req.contents.entries()) {
      const file = join(tmp, `content-${i}`);
      writeFileSync(file, c.text);
      const oid = await git.ok(hashBlobArgs(file, c.path));
      await git.ok(updateIndexArgs([{ mode: '100644', oid, path: c.path }]), opts);
    }
    const tree = await git.ok(writeTreeArgs(), opts);
    const ours = [...req.worktreePaths, ...req.contents.map((c) => c.path)];
    const entries = parseIndexEntries(await git.ok(listIndexArgs(ours), opts));
    writeFileSync(join(tmp, 'message'), req.message);
    const commit = await git.ok(commitTreeArgs(tree, repo.head, join(tmp, 'message')));
    const tags = [];
    for (const [i, t] of req.tags.entries()) {
      const file = join(tmp, `tag-${i}`);
      writeFileSync(file, tagObjectText({ object: t.target ?? commit, tag: t.name, tagger: ident, message: t.message }));
      tags.push({ name: t.name, object: await git.ok(hashTagArgs(file)), expected: t.expected });
    }
    return { commit, entries, tags };
  } finally {
    rmSync(tmp, { recursive: true, force: true });
  }
}

/** Puts tags back where they were; returns the commands to run by hand for any that could not be. */
async function undoTags(git: GitExecutor, moved: Prepared['tags']): Promise<string[]> {
  const manual: string[] = [];
  for (const t of [...moved].reverse()) {
    const ref = `refs/tags/${t.name}`;
    const args = t.expected === MUST_NOT_EXIST ? deleteRefArgs(ref, t.object) : updateRefArgs(ref, t.expected, t.object, 'mlops: undo');
    if ((await git.run(args)).code !== 0) manual.push(`git ${args.map(quoteArg).join(' ')}`);
  }
  return manual;
}

/** Moves the tags, then HEAD, each only from the value we expect; undoes the tags if a later step fails. */
async function moveRefs(git: GitExecutor, repo: RepoState, req: OwnCommitRequest, p: Prepared): Promise<void> {
  const moved: Prepared['tags'] = [];
  const fail = async (message: string): Promise<never> => {
    const manual = await undoTags(git, moved);
    if (manual.length === 0) throw new RegistryError(`${message} Nothing was changed; run the command again.`, 'conflict');
    throw new RegistryError(`${message} Undoing the tags failed; to restore them run:\n  ${manual.join('\n  ')}`, 'incomplete');
  };
  for (const t of p.tags) {
    const r = await git.run(updateRefArgs(`refs/tags/${t.name}`, t.object, t.expected, req.reflog));
    if (r.code !== 0) {
      await fail(`Tag ${t.name} ${t.expected === MUST_NOT_EXIST ? 'already exists' : 'was moved by someone else'} (git: ${firstLine(r.stderr)}).`);
    }
    moved.push(t);
  }
  const head = await git.run(updateRefArgs('HEAD', p.commit, repo.head ?? MUST_NOT_EXIST, req.reflog));
  if (head.code !== 0) {
    await fail(`Another commit landed on ${branchName(repo.branch)} while this one was being made (git: ${firstLine(head.stderr)}).`);
  }
}

/**
 * Commits exactly the request's paths on the current branch and creates or moves its tags. Throws
 * RegistryError: `conflict` when it changed nothing (the caller then removes its own files),
 * `incomplete` (with the commands to finish) when the commit landed but the index update failed.
 */
export async function commitOwnPaths(git: GitExecutor, repo: RepoState, req: OwnCommitRequest, ident: string,
  hooks: CommitHooks = {}): Promise<OwnCommitResult> {
  const prepared = await prepare(git, repo, req, ident);
  await hooks.beforeRefs?.();
  await moveRefs(git, repo, req, prepared);
  return { commit: prepared.commit, entries: prepared.entries };
}

/**
 * After the commit landed: writes the in-memory contents to disk and our entries into the user's
 * index (nothing else). A failure here cannot be undone safely, so the message says how to finish.
 */
export async function syncWorktreeAndIndex(git: GitExecutor, result: OwnCommitResult, write: () => void, paths: string[]): Promise<void> {
  const finish = (what: string, detail: string): RegistryError => new RegistryError(
    `Commit ${result.commit.slice(0, 7)} was made, but ${what} (${detail}). To finish, run in ${git.cwd}:\n` +
    `  git restore --source=HEAD --staged --worktree -- ${paths.map(quoteArg).join(' ')}`, 'incomplete');
  try {
    write();
  } catch (e) {
    throw finish('writing the files failed', (e as Error).message);
  }
  if (result.entries.length === 0) return;
  try {
    await git.ok(updateIndexArgs(result.entries));
  } catch (e) {
    throw finish('updating git\'s index failed', e instanceof GitCommandError ? e.reason : (e as Error).message);
  }
}

function firstLine(text: string): string {
  return text.trim().split('\n')[0] ?? '';
}

/** Quotes a shell argument only when needed, for commands shown to the user. */
export function quoteArg(arg: string): string {
  return /^[A-Za-z0-9@#%+=:,./_-]+$/.test(arg) ? arg : `'${arg.replace(/'/g, `'\\''`)}'`;
}
