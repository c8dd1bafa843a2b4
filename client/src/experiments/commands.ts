/** Show Experiments, Compare Runs and Open Run Folder, and the run picker other features use. */
import * as vscode from 'vscode';
import { COMMANDS } from '../../../server/src/cliProtocol';
import type { MlopsContext } from '../context';
import { runPickItems, sweepFacts } from './runPickItems';

export function registerExperimentsCommands(ctx: MlopsContext): vscode.Disposable[] {
  return [
    vscode.commands.registerCommand(COMMANDS.showExperiments, () => ctx.views.experiments.reveal()),
    vscode.commands.registerCommand(COMMANDS.openExperimentsInEditor, () => ctx.views.experiments.openInEditor()),
    vscode.commands.registerCommand(COMMANDS.compareRuns, async (ids?: unknown, names?: unknown) => {
      let runIds = Array.isArray(ids) ? ids.filter((x): x is string => typeof x === 'string') : [];
      if (runIds.length < 2) {
        const picked = await vscode.window.showQuickPick(await pickItems(ctx),
          { canPickMany: true, placeHolder: 'Choose two or more runs to compare', matchOnDescription: true });
        runIds = picked?.map((p) => p.runId) ?? [];
      }
      if (runIds.length < 2) return void vscode.window.showInformationMessage('MLOps: choose at least two runs to compare.');
      // Labels (e.g. v1, v2 from Compare Model Versions) name the columns when there is one per run.
      const labels = Array.isArray(names) && names.length === runIds.length && names.every((n) => typeof n === 'string') ? names as string[] : undefined;
      await ctx.views.experiments.compare(runIds, labels);
    }),
    vscode.commands.registerCommand(COMMANDS.openRunFolder, async (arg?: unknown) => {
      const runId = typeof arg === 'string' ? arg : await pickRunId(ctx, 'Run folder to open');
      if (!runId) return;
      const folder = await ctx.runs.runFolder(runId);
      if (!folder) return void vscode.window.showWarningMessage(`MLOps: no run ${runId} in this workspace.`);
      const runJson = vscode.Uri.joinPath(folder, 'run.json');
      await vscode.window.showTextDocument(runJson, { preview: true });
      await vscode.commands.executeCommand('revealInExplorer', runJson);
    }),
  ];
}

/** The workspace's runs as pick items (newest first), with their key metric and sweep-best mark. */
async function pickItems(ctx: MlopsContext, filter?: (status: string) => boolean): Promise<ReturnType<typeof runPickItems>> {
  const [runs, { sweeps }] = await Promise.all([ctx.runs.list(), ctx.runs.sweeps()]);
  // The best trial is found among all of a sweep's runs, then the list is filtered.
  return runPickItems(runs, sweepFacts(sweeps)).filter((_, i) => !filter || filter(runs[i]!.status));
}

/** Lets the user pick one of the workspace's runs (newest first). */
export async function pickRunId(ctx: MlopsContext, placeHolder: string, filter?: (status: string) => boolean): Promise<string | undefined> {
  const items = await pickItems(ctx, filter);
  if (items.length === 0) return void vscode.window.showInformationMessage('MLOps: no runs yet. Run "MLOps: Train" first.');
  const picked = await vscode.window.showQuickPick(items, { placeHolder, matchOnDescription: true });
  return picked?.runId;
}
