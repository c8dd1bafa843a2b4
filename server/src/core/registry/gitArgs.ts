/**
 * Argument lists for every git call the registry makes. Pure: nothing here runs git, so each list is
 * unit-tested and the executor (git.ts) is the only place a process starts.
 *
 * Paths are repository-root relative with forward slashes; every command that takes a pathspec gets
 * `--literal-pathspecs` so a file name with `*` or `:` in a model folder is never read as a pattern.
 */

/** Object id of a missing ref for `update-ref`'s old value: "must not exist yet". */
export const MUST_NOT_EXIST = '';

/** Top-level folder, absolute git dir and the current folder's path below the top (one a line). */
export function repoRootArgs(): string[] {
  return ['rev-parse', '--show-toplevel', '--absolute-git-dir', '--show-prefix'];
}

/** Paths (relative to the repository root) of the files git uses to mark operations in progress. */
export const OPERATION_MARKERS = ['MERGE_HEAD', 'rebase-merge', 'rebase-apply', 'CHERRY_PICK_HEAD', 'REVERT_HEAD', 'BISECT_LOG'] as const;

/** Resolves the markers above through `--git-path`, which is right for linked worktrees too. */
export function operationMarkerArgs(): string[] {
  return ['rev-parse', ...OPERATION_MARKERS.flatMap((m) => ['--git-path', m])];
}

/** The branch HEAD points at; exits 1 (no output) when HEAD is detached. */
export function headBranchArgs(): string[] {
  return ['symbolic-ref', '-q', 'HEAD'];
}

/** Object id of `rev` as a commit; exits 1 when it does not exist (e.g. HEAD of a repo with no commits). */
export function verifyCommitArgs(rev: string): string[] {
  return ['rev-parse', '-q', '--verify', `${rev}^{commit}`];
}

/** Object id a ref points at (for a tag: the tag object); exits 1 when the ref is absent. */
export function verifyRefArgs(ref: string): string[] {
  return ['rev-parse', '-q', '--verify', ref];
}

/** "Name <email> 1700000000 +0000": who commits, exactly as git would write it. Fails without an identity. */
export function committerIdentArgs(): string[] {
  return ['var', 'GIT_COMMITTER_IDENT'];
}

/** Creates a repository in the current folder (only on the user's explicit `--init`). */
export function initArgs(): string[] {
  return ['init', '-q'];
}

/** Names of the entries of `dir` in `commit` (e.g. `models/churn/v1`). */
export function listTreeArgs(commit: string, dir: string): string[] {
  return ['ls-tree', '--name-only', '--full-tree', commit, '--', `${dir}/`];
}

/** Index entries (mode, object id, stage, path) under the given paths; `-z` separates records by NUL. */
export function listIndexArgs(paths: string[]): string[] {
  return ['--literal-pathspecs', 'ls-files', '--stage', '-z', '--full-name', '--', ...paths];
}

/**
 * Status of the given paths only, without taking git's optional index lock (a read must never
 * write the user's index, not even a stat refresh).
 */
export function statusArgs(paths: string[]): string[] {
  return ['--no-optional-locks', '--literal-pathspecs', 'status', '--porcelain=v1', '-z', '--untracked-files=all', '--', ...paths];
}

/** Loads a commit's tree into the (temporary) index named by GIT_INDEX_FILE. */
export function readTreeArgs(commit: string): string[] {
  return ['read-tree', commit];
}

/**
 * Stages our own paths into the temporary index. `--force` because the files are what the user asked
 * to register: an ignore rule (e.g. `*.bin`) must not silently leave weights out of a version.
 */
export function addArgs(paths: string[]): string[] {
  return ['--literal-pathspecs', 'add', '--force', '--', ...paths];
}

/** Writes a file as a blob (clean filters such as LFS apply according to `path`'s attributes). */
export function hashBlobArgs(file: string, path: string): string[] {
  return ['hash-object', '-w', '-t', 'blob', `--path=${path}`, '--', file];
}

/** Writes a prepared annotated-tag object (see tagObjectText); git checks its format. */
export function hashTagArgs(file: string): string[] {
  return ['hash-object', '-w', '-t', 'tag', '--', file];
}

export interface IndexEntry {
  mode: string;
  oid: string;
  path: string;
}

/** Puts exact entries into an index without touching any other entry. */
export function updateIndexArgs(entries: IndexEntry[]): string[] {
  return ['update-index', '--add', ...entries.flatMap((e) => ['--cacheinfo', `${e.mode},${e.oid},${e.path}`])];
}

/** Tree object of the (temporary) index. */
export function writeTreeArgs(): string[] {
  return ['write-tree'];
}

/** A commit object for `tree`; no hooks run and nothing else in the repository changes. */
export function commitTreeArgs(tree: string, parent: string | null, messageFile: string): string[] {
  return ['commit-tree', tree, ...(parent ? ['-p', parent] : []), '-F', messageFile];
}

/**
 * Moves `ref` to `next` only if it still points at `expected` (MUST_NOT_EXIST: only if absent). This
 * compare-and-swap is what makes two racing registrations safe: the second one fails, changing nothing.
 */
export function updateRefArgs(ref: string, next: string, expected: string, reason: string): string[] {
  return ['update-ref', '-m', reason, ref, next, expected];
}

/** Deletes `ref` only if it still points at `expected` (undoing our own tag after a later step failed). */
export function deleteRefArgs(ref: string, expected: string): string[] {
  return ['update-ref', '-d', ref, expected];
}

/** Object ids of every tag whose name starts with `prefix` (e.g. `churn@v`), as "refname oid". */
export function listTagsArgs(prefix: string): string[] {
  return ['for-each-ref', '--format=%(refname:strip=2) %(objectname)', `refs/tags/${prefix}*`];
}

/**
 * Version tags and alias tags of one model with the commit each peels to and the tagger date, as
 * "refname commit date" lines (aliasTags.ts parses them).
 */
export function modelTagsArgs(model: string): string[] {
  return ['for-each-ref', '--format=%(refname:strip=2) %(*objectname) %(objectname) %(taggerdate:iso-strict)', `refs/tags/${model}@v*`, `refs/tags/${model}#*`];
}

/** The repository's common git folder (where tags and packed-refs live, also for linked worktrees). */
export function commonGitDirArgs(): string[] {
  return ['rev-parse', '--path-format=absolute', '--git-common-dir'];
}

/** A config value; exits 1 when unset. */
export function configGetArgs(key: string): string[] {
  return ['config', '--get', key];
}

/** Succeeds when the git-lfs binary is installed. */
export function lfsVersionArgs(): string[] {
  return ['lfs', 'version'];
}

/** Text of an annotated tag object, in the format `git mktag` and `git hash-object -t tag` accept. */
export function tagObjectText(o: { object: string; tag: string; tagger: string; message: string }): string {
  const body = o.message.endsWith('\n') ? o.message : `${o.message}\n`;
  return `object ${o.object}\ntype commit\ntag ${o.tag}\ntagger ${o.tagger}\n\n${body}`;
}

/** Parses `ls-files --stage -z` output into entries (stage-0 entries only). */
export function parseIndexEntries(out: string): IndexEntry[] {
  const entries: IndexEntry[] = [];
  for (const record of out.split('\0')) {
    const m = /^([0-7]{6}) ([0-9a-f]{40,64}) ([0-3])\t(.+)$/s.exec(record);
    if (m && m[3] === '0') entries.push({ mode: m[1]!, oid: m[2]!, path: m[4]! });
  }
  return entries;
}

/** Parses `status --porcelain=v1 -z` output into [code, path] pairs (rename sources are skipped). */
export function parseStatus(out: string): Array<{ code: string; path: string }> {
  const records = out.split('\0');
  const result: Array<{ code: string; path: string }> = [];
  for (let i = 0; i < records.length; i++) {
    const r = records[i]!;
    if (r.length < 4) continue;
    const code = r.slice(0, 2);
    result.push({ code, path: r.slice(3) });
    if (code.includes('R') || code.includes('C')) i++;
  }
  return result;
}

// The three builders below are only ever used on a repository the registry created itself (the
// demo's temporary copy of the example workspace), never on a user's repository.

/** Sets a config value in the repository's own .git/config. */
export function configSetArgs(key: string, value: string): string[] {
  return ['config', key, value];
}

/** Stages every file of the (demo's own) work tree. */
export function addAllArgs(): string[] {
  return ['add', '-A'];
}

/** Commits the index without hooks or signing, so a user's global hooks cannot interfere with the demo. */
export function commitIndexArgs(message: string): string[] {
  return ['-c', 'commit.gpgsign=false', 'commit', '-q', '--no-verify', '-m', message];
}

/** The last commits with their tags, for showing what the registry did. */
export function recentLogArgs(count: number): string[] {
  return ['log', '--oneline', '--decorate=short', '-n', String(count)];
}
