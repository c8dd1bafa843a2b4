/**
 * A throw-away git repository holding a copy of a workspace and one of its runs, so `npm run demo`
 * can show the registry without ever writing into the user's own repository.
 */
import { cpSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import { GitExecutor } from './git';
import { addAllArgs, commitIndexArgs, committerIdentArgs, configSetArgs, initArgs } from './gitArgs';
import { listRuns, runsDir } from '../tracking/store';
import type { RunSummary } from '../tracking/types';

// Never copied: other repositories, earlier registrations, runs (only the chosen one is) and installs.
const SKIPPED = new Set(['.git', '.mlops', 'models', 'node_modules']);

/** Completed runs of a workspace, those whose gates passed first, then newest first. */
export function completedRuns(workspace: string): RunSummary[] {
  const passed = (r: RunSummary): number => (r.gatesPassed === false ? 0 : 1);
  // listRuns is newest first already; the stable sort keeps that order within each group.
  return listRuns(workspace).filter((r) => r.status === 'completed').sort((a, b) => passed(b) - passed(a));
}

/**
 * Copies `workspace` (without .git, models/ and runs) plus run `runId` into a new temporary folder,
 * makes it a git repository with one commit, and returns the copy's workspace folder.
 */
export async function makeDemoRepository(workspace: string, runId: string, env: NodeJS.ProcessEnv): Promise<{ root: string; workspace: string }> {
  const root = mkdtempSync(join(tmpdir(), 'mlops-demo-'));
  const copy = join(root, basename(workspace));
  cpSync(workspace, copy, { recursive: true, filter: (src) => src === workspace || !SKIPPED.has(basename(src)) || !isDirectChild(workspace, src) });
  cpSync(join(runsDir(workspace), runId), join(runsDir(copy), runId), { recursive: true });
  writeFileSync(join(copy, '.gitignore'), '.mlops/\n');
  const git = new GitExecutor(copy, env);
  await git.ok(initArgs());
  if ((await git.run(committerIdentArgs())).code !== 0) {
    await git.ok(configSetArgs('user.name', 'MLOps demo'));
    await git.ok(configSetArgs('user.email', 'demo@mlops.invalid'));
  }
  await git.ok(addAllArgs());
  await git.ok(commitIndexArgs('Example workspace (copied by npm run demo)'));
  return { root, workspace: copy };
}

function isDirectChild(parent: string, path: string): boolean {
  return join(parent, basename(path)) === path;
}
