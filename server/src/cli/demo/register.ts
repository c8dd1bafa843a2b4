import { rmSync } from 'node:fs';
import type { CliIO } from '../io';
import type { DemoStep } from './step';
import { completedRuns, makeDemoRepository } from '../../core/registry/demoRepo';
import { registerRun } from '../../core/registry/register';
import { promoteVersion } from '../../core/registry/promote';
import { listModels } from '../../core/registry/catalog';
import { formatModels, formatPromote, formatRegister } from '../../core/registry/format';
import { GitExecutor } from '../../core/registry/git';
import { recentLogArgs } from '../../core/registry/gitArgs';
import { RegistryError } from '../../core/registry/errors';
import type { RunSummary } from '../../core/tracking/types';
import { trainStep } from './train';

async function showRegistry(io: CliIO, repoWorkspace: string, runId: string, forced: boolean): Promise<void> {
  const registered = await registerRun({ workspace: repoWorkspace, runId, env: io.env, message: 'Registered by npm run demo',
    ...(forced ? { force: 'demo: no run passed its gates on this machine' } : {}) });
  io.out(formatRegister(registered));
  for (const w of registered.warnings) io.out(`warning: ${w}\n`);
  const promoted = await promoteVersion({ workspace: repoWorkspace, model: registered.model, version: String(registered.version),
    alias: 'staging', reason: 'demo: first version to try', env: io.env });
  io.out(formatPromote(promoted));
  io.out(`\n${formatModels(listModels(repoWorkspace), repoWorkspace)}`);
  io.out(`\ngit log of the temporary repository:\n${await new GitExecutor(repoWorkspace, io.env).ok(recentLogArgs(3))}\n`);
}

/** The train step of the demo, run here only when no completed run exists yet (e.g. this step alone). */
async function trainFirst(workspace: string, io: CliIO): Promise<RunSummary | undefined> {
  io.out('No completed run yet: training one first.\n');
  try {
    await trainStep.run(workspace, io);
  } catch (e) {
    io.out(`training failed: ${(e as Error).message}\n`);
  }
  return completedRuns(workspace)[0];
}

/**
 * Registers the newest completed run of the example in a temporary git copy of the workspace,
 * promotes it to staging and prints the model list; the user's own repository is never touched.
 */
export const registerStep: DemoStep = {
  title: 'Register the trained model in a temporary git repository (version, tag, alias)',
  async run(workspace, io) {
    const run = completedRuns(workspace)[0] ?? await trainFirst(workspace, io);
    if (!run) {
      io.out(`No completed run in ${workspace}/.mlops/runs and training did not produce one: nothing to register.\n`);
      return false;
    }
    const forced = run.gatesPassed === false;
    const temp = await makeDemoRepository(workspace, run.id, io.env);
    try {
      io.out(`Temporary repository: ${temp.workspace} (a copy of the example with run ${run.id})\n`);
      await showRegistry(io, temp.workspace, run.id, forced);
      return !forced;
    } catch (e) {
      if (!(e instanceof RegistryError)) throw e;
      io.out(`registry: ${e.message}\n`);
      return false;
    } finally {
      if (io.env.MLOPS_DEMO_KEEP) io.out(`Kept ${temp.root} (MLOPS_DEMO_KEEP is set).\n`);
      else rmSync(temp.root, { recursive: true, force: true });
    }
  },
};
