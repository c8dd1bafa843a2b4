/**
 * `mlops register`: a completed run becomes `models/<name>/v<N>/` (model files + card.md + card.json),
 * committed alone on the current branch with an annotated tag `<name>@v<N>`.
 */
import { existsSync, mkdirSync, rmdirSync, rmSync, writeFileSync } from 'node:fs';
import { join, posix } from 'node:path';
import type { RunRecord } from '../tracking/types';
import { buildCard, failedGates, formatNumber, renderCardMarkdown } from './card';
import { commitOwnPaths, syncWorktreeAndIndex, type CommitHooks } from './commit';
import { RegistryError } from './errors';
import { copyFiles, listModelFiles, sha256File } from './files';
import { GitExecutor } from './git';
import { MUST_NOT_EXIST, initArgs, listIndexArgs, listTreeArgs, parseIndexEntries, verifyRefArgs } from './gitArgs';
import { DEFAULT_LFS_THRESHOLD_MB, lfsAttributes, lfsState, planLargeFiles } from './lfs';
import { modelNameProblem, modelPaths, versionDir, versionTag, versionsFromEntries } from './names';
import { assertCanCommit, branchName, committerIdent, identName, inspectRepo, type RepoState } from './repoState';
import { readRunSource, runProblem, specRegistrySettings, type RunSource } from './runSource';
import type { CardFile } from './types';

export interface RegisterOptions {
  workspace: string;
  runId: string;
  model?: string;
  message?: string;
  /** Register although gates failed; the reason is written into the card. */
  force?: string;
  /** Run `git init` first when the workspace is not in a repository (the user's explicit choice). */
  init?: boolean;
  lfsThresholdMB?: number;
  env?: NodeJS.ProcessEnv;
  now?: () => Date;
  /** Test seams: `afterPlan` runs once the version number is chosen, before anything is written. */
  hooks?: CommitHooks & { afterPlan?: (version: number) => Promise<void> };
}

export interface RegisterResult {
  model: string;
  version: number;
  tag: string;
  commit: string;
  branch: string | null;
  /** Version folder relative to the workspace. */
  path: string;
  runId: string;
  files: CardFile[];
  forced: { reason: string; failedGates: string[] } | null;
  warnings: string[];
  /** True when this call ran `git init` (--init). */
  initialized: boolean;
}

/** Registers a completed run as the next version of a model. See RegistryError for what a failure leaves. */
export async function registerRun(o: RegisterOptions): Promise<RegisterResult> {
  const source = readRunSource(o.workspace, o.runId);
  const settings = specRegistrySettings(o.workspace, source.record.specPath);
  const model = checkInputs(o, source, settings.model);
  const git = new GitExecutor(o.workspace, o.env);
  const { repo, initialized } = await openRepo(git, o);
  assertCanCommit(repo);
  const atRoot = git.at(repo.root);
  const ident = await committerIdent(atRoot);
  const version = await nextVersion(atRoot, repo, model);
  await o.hooks?.afterPlan?.(version);
  const rel = versionDir(model, version);
  const claim = claimVersionFolder(o.workspace, model, rel);
  try {
    const threshold = (o.lfsThresholdMB ?? settings.lfsThresholdMB ?? DEFAULT_LFS_THRESHOLD_MB) * 1e6;
    const written = await writeVersion(atRoot, source, { model, version, dir: join(o.workspace, rel), threshold, ident, o });
    const repoPath = repo.prefix + rel;
    const commit = await commitOwnPaths(atRoot, repo, {
      worktreePaths: [repoPath], contents: [], reflog: `mlops register: ${versionTag(model, version)}`,
      message: commitMessage(model, version, source.record, o), tags: [{ name: versionTag(model, version), expected: MUST_NOT_EXIST,
        message: `${model} v${version} from run ${source.record.id}` }],
    }, ident, o.hooks);
    claim.keep(); // the commit owns the files now: they are never removed after this point
    await syncWorktreeAndIndex(atRoot, commit, () => undefined, [repoPath]);
    return { model, version, tag: versionTag(model, version), commit: commit.commit, branch: branchName(repo.branch), path: rel,
      runId: source.record.id, files: written.files, forced: written.forced, warnings: written.warnings, initialized };
  } finally {
    claim.release();
  }
}

function checkInputs(o: RegisterOptions, source: RunSource, specModel: string | undefined): string {
  const model = o.model ?? specModel;
  if (!model) throw new RegistryError(`no model name: pass --model NAME (or set registry.model in ${source.record.specPath ?? 'the spec'})`);
  const nameProblem = modelNameProblem(model);
  if (nameProblem) throw new RegistryError(nameProblem);
  const problem = runProblem(source);
  if (problem) throw new RegistryError(problem);
  const failed = failedGates(source.record);
  if (o.force !== undefined && o.force.trim() === '') throw new RegistryError('--force needs a reason, e.g. --force "baseline for the A/B test"; it is written into the model card.');
  if (failed.length && o.force === undefined) {
    throw new RegistryError(`run "${source.record.id}" failed its gates (${failed.join(', ')}): not registered. ` +
      'To register it anyway, give a reason with --force "why"; the reason is written into the model card.', 'gates');
  }
  if (o.lfsThresholdMB !== undefined && !(o.lfsThresholdMB > 0)) throw new RegistryError('--lfs-threshold-mb must be a number above 0');
  return model;
}

async function openRepo(git: GitExecutor, o: RegisterOptions): Promise<{ repo: RepoState; initialized: boolean }> {
  const found = await inspectRepo(git);
  if (found) return { repo: found, initialized: false };
  if (!o.init) {
    throw new RegistryError(`${o.workspace} is not in a git repository, and the registry keeps model versions in git. ` +
      'Run "git init" there yourself, or pass --init to let mlops register run it for you.');
  }
  await git.ok(initArgs());
  const repo = await inspectRepo(git);
  if (!repo) throw new RegistryError(`git init in ${o.workspace} did not create a usable repository`);
  return { repo, initialized: true };
}

/** 1 + the highest version committed in HEAD; refuses when that version's folder or tag already exists. */
async function nextVersion(git: GitExecutor, repo: RepoState, model: string): Promise<number> {
  const dir = repo.prefix + modelPaths(model).dir;
  const committed = repo.head ? versionsFromEntries((await git.ok(listTreeArgs(repo.head, dir))).split('\n')) : [];
  const version = (committed.at(-1) ?? 0) + 1;
  const rel = versionDir(model, version);
  const inIndex = parseIndexEntries(await git.ok(listIndexArgs([repo.prefix + rel])));
  if (inIndex.length) {
    throw new RegistryError(`${rel} is staged in git's index but not committed: unstage it (git restore --staged -- ${repo.prefix + rel}) ` +
      'or commit it yourself, then register again. Nothing was changed.');
  }
  if (existsSync(join(repo.root, repo.prefix + rel))) {
    // Either a registration running right now (it commits within a second) or one that was interrupted.
    throw new RegistryError(`${rel} already exists on disk but is not committed: another registration may be running right now ` +
      '(then run the command again in a moment); otherwise it was left by an interrupted one: move it away or delete it, ' +
      'then register again. Nothing was changed.', 'conflict');
  }
  const tag = versionTag(model, version);
  const existing = await git.maybe(verifyRefArgs(`refs/tags/${tag}`));
  if (existing) {
    throw new RegistryError(`tag ${tag} already exists (${existing.slice(0, 7)}) but ${rel} is not committed on this branch. ` +
      `Versions are never reused silently: if that version was abandoned, delete the tag (git tag -d ${tag}) and register again. Nothing was changed.`);
  }
  return version;
}

interface Claim { keep(): void; release(): void }

/**
 * Creates the version folder atomically: mkdir fails if a racing registration made it first. The
 * claim removes, on release, the version folder (ours alone) and the parents it created if still empty.
 */
function claimVersionFolder(workspace: string, model: string, rel: string): Claim {
  const parents = [join(workspace, posix.dirname(modelPaths(model).dir)), join(workspace, modelPaths(model).dir)].filter((d) => !existsSync(d));
  mkdirSync(join(workspace, modelPaths(model).dir), { recursive: true });
  const removeParents = (): void => {
    for (const dir of [...parents].reverse()) {
      try { rmdirSync(dir); } catch { /* not empty: someone else's registration uses it */ }
    }
  };
  const versionFolder = join(workspace, rel);
  try {
    mkdirSync(versionFolder);
  } catch (e) {
    removeParents();
    if ((e as NodeJS.ErrnoException).code === 'EEXIST') {
      throw new RegistryError(`${rel} was just created by another registration running at the same time; nothing was changed. Run the command again.`, 'conflict');
    }
    throw e;
  }
  let kept = false;
  return {
    keep: () => { kept = true; },
    release: () => {
      if (kept) return;
      rmSync(versionFolder, { recursive: true, force: true });
      removeParents();
    },
  };
}

interface WriteContext { model: string; version: number; dir: string; threshold: number; ident: string; o: RegisterOptions }

async function writeVersion(git: GitExecutor, source: RunSource, c: WriteContext) {
  const found = listModelFiles(source.modelDir);
  if (found.length === 0) throw new RegistryError(`run "${source.record.id}" has an empty model folder (${source.modelDir})`);
  copyFiles(source.modelDir, join(c.dir, 'model'), found);
  const listed = found.map((f) => ({ ...f, path: posix.join('model', f.path) }));
  // Asking git about LFS costs two processes; only worth it when some file is over the threshold.
  const large = listed.some((f) => f.bytes > c.threshold);
  const plan = planLargeFiles(listed, c.threshold, large ? await lfsState(git) : 'ready');
  if (plan.lfs.length) writeFileSync(join(c.dir, '.gitattributes'), lfsAttributes(plan.lfs));
  const files: CardFile[] = [];
  for (const f of listed) files.push({ path: f.path, bytes: f.bytes, sha256: await sha256File(join(c.dir, f.path)), lfs: plan.lfs.includes(f.path) });
  const card = buildCard(source.record, {
    name: c.model, version: c.version, createdAt: (c.o.now?.() ?? new Date()).toISOString(), createdBy: identName(c.ident),
    message: c.o.message ?? null, forceReason: c.o.force ?? null, files,
  });
  writeFileSync(join(c.dir, 'card.json'), `${JSON.stringify(card, null, 2)}\n`);
  writeFileSync(join(c.dir, 'card.md'), renderCardMarkdown(card));
  return { files, forced: card.forced, warnings: plan.warnings };
}

/** `model(<name>): v<N> from run <id>`, then the message, metrics, gates and lineage. */
export function commitMessage(model: string, version: number, run: RunRecord, o: Pick<RegisterOptions, 'message' | 'force'>): string {
  const metrics = Object.entries(run.metrics ?? {}).sort(([a], [b]) => a.localeCompare(b))
    .map(([k, v]) => `${k}=${formatNumber(typeof v === 'number' && Number.isFinite(v) ? v : null)}`).join(' ');
  const lines = [`model(${model}): v${version} from run ${run.id}`, ''];
  if (o.message) lines.push(o.message, '');
  if (metrics) lines.push(`metrics: ${metrics}`);
  for (const g of run.gates ?? []) lines.push(`gate: ${g.metric} ${g.condition} -> ${formatNumber(g.value)} ${g.passed ? 'passed' : 'FAILED'}`);
  if (o.force !== undefined) lines.push(`forced: ${o.force}`);
  lines.push(`run: ${run.id}${run.sweepId ? ` (sweep ${run.sweepId}${run.trial !== undefined ? `, trial ${run.trial}` : ''})` : ''}`);
  if (run.git?.commit) lines.push(`source: ${run.git.commit}${run.git.dirty ? ' (dirty)' : ''}`);
  return `${lines.join('\n')}\n`;
}
