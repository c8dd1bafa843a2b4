/**
 * `mlops promote <name> <version> <alias>`: appends the move to `models/<name>/aliases.jsonl`, commits
 * that file alone and moves the tag `<name>#<alias>` to the version's commit.
 */
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { appendAliasEvent, currentAliases, parseAliasEvents } from './aliases';
import { commitOwnPaths, syncWorktreeAndIndex, type CommitHooks } from './commit';
import { RegistryError } from './errors';
import { GitExecutor } from './git';
import { MUST_NOT_EXIST, listTreeArgs, parseStatus, statusArgs, verifyCommitArgs, verifyRefArgs } from './gitArgs';
import { aliasProblem, aliasTag, modelNameProblem, modelPaths, parseVersion, versionTag, versionsFromEntries } from './names';
import { assertCanCommit, committerIdent, identName, inspectRepo, type RepoState } from './repoState';
import type { AliasEvent } from './types';

export interface PromoteOptions {
  workspace: string;
  model: string;
  /** "v3" or "3". */
  version: string;
  alias: string;
  reason?: string;
  env?: NodeJS.ProcessEnv;
  now?: () => Date;
  hooks?: CommitHooks;
}

export interface PromoteResult {
  model: string;
  alias: string;
  version: number;
  /** Version that held the alias before; null when the alias is new. */
  from: number | null;
  tag: string;
  /** The promotion commit; null when the version already held the alias (nothing to do). */
  commit: string | null;
  changed: boolean;
  by: string;
  at: string;
  reason: string | null;
  warnings: string[];
}

/** Moves an alias to a registered version. RegistryError kinds say what a failure left (see errors.ts). */
export async function promoteVersion(o: PromoteOptions): Promise<PromoteResult> {
  const version = checkInputs(o);
  const git = new GitExecutor(o.workspace, o.env);
  const repo = await inspectRepo(git);
  if (!repo) throw new RegistryError(`${o.workspace} is not in a git repository: register a model there first (mlops register <runId> --init).`);
  assertCanCommit(repo);
  const atRoot = git.at(repo.root);
  const ident = await committerIdent(atRoot);
  await assertRegistered(atRoot, repo, o.model, version);
  const file = repo.prefix + modelPaths(o.model).aliases;
  const text = await readCleanAliases(atRoot, repo, file);
  const from = currentAliases(parseAliasEvents(text, file))[o.alias] ?? null;
  const event: AliasEvent = { alias: o.alias, version, from, by: identName(ident), at: (o.now?.() ?? new Date()).toISOString(), reason: o.reason?.trim() || null };
  const base = { model: o.model, alias: o.alias, version, from, tag: aliasTag(o.model, o.alias), by: event.by, at: event.at, reason: event.reason };
  if (from === version) return { ...base, commit: null, changed: false, warnings: [] };

  const target = await atRoot.maybe(verifyCommitArgs(`refs/tags/${versionTag(o.model, version)}`));
  const warnings = target ? [] : [`tag ${versionTag(o.model, version)} is missing, so ${base.tag} points at the promotion commit instead.`];
  const previousTag = await atRoot.maybe(verifyRefArgs(`refs/tags/${base.tag}`));
  const newText = appendAliasEvent(text, event);
  const summary = `${o.alias} -> v${version}${from !== null ? ` (from v${from})` : ''}`;
  const commit = await commitOwnPaths(atRoot, repo, {
    worktreePaths: [], contents: [{ path: file, text: newText }], reflog: `mlops promote: ${o.model} ${summary}`,
    message: `model(${o.model}): ${summary}\n\n${event.reason ? `reason: ${event.reason}\n` : ''}by: ${event.by}\n`,
    tags: [{ name: base.tag, expected: previousTag ?? MUST_NOT_EXIST, message: `${o.model} ${summary}`, ...(target ? { target } : {}) }],
  }, ident, o.hooks);
  await syncWorktreeAndIndex(atRoot, commit, () => writeFileSync(join(repo.root, file), newText), [file]);
  return { ...base, commit: commit.commit, changed: true, warnings };
}

function checkInputs(o: PromoteOptions): number {
  const problem = modelNameProblem(o.model) ?? aliasProblem(o.alias);
  if (problem) throw new RegistryError(problem);
  const version = parseVersion(o.version);
  if (version === null) throw new RegistryError(`"${o.version}" is not a version: write it as v3 or 3`);
  return version;
}

/** Refuses unless models/<name>/v<N> is committed in HEAD (only committed versions can be promoted). */
async function assertRegistered(git: GitExecutor, repo: RepoState, model: string, version: number): Promise<void> {
  const dir = repo.prefix + modelPaths(model).dir;
  const versions = repo.head ? versionsFromEntries((await git.ok(listTreeArgs(repo.head, dir))).split('\n')) : [];
  if (versions.includes(version)) return;
  const known = versions.length ? `registered versions: ${versions.map((v) => `v${v}`).join(', ')}` : `no version of "${model}" is committed on this branch`;
  throw new RegistryError(`${model} v${version} is not registered (${known}). Nothing was changed.`);
}

/** Current aliases.jsonl text; refuses when the file has uncommitted changes (they would be swept in). */
async function readCleanAliases(git: GitExecutor, repo: RepoState, file: string): Promise<string> {
  const changes = parseStatus(await git.ok(statusArgs([file])));
  if (changes.length) {
    throw new RegistryError(`${file} has uncommitted changes (${changes[0]!.code.trim()}): commit or discard them first ` +
      `(git diff -- ${file}), so that the promotion commit holds only the new line. Nothing was changed.`);
  }
  const abs = join(repo.root, file);
  return existsSync(abs) ? readFileSync(abs, 'utf8') : '';
}
