/** Show Experiments, Compare Runs and Open Run Folder, and the run picker other features use. */
import * as vscode from 'vscode';
import { COMMANDS } from '../../../server/src/cliProtocol';
import type { MlopsContext } from '../context';

export function registerExperimentsCommands(ctx: MlopsContext): vscode.Disposable[] {
  return [
    vscode.commands.registerCommand(COMMANDS.showExperiments, () => ctx.views.experiments.reveal()),
    vscode.commands.registerCommand(COMMANDS.compareRuns, async (ids?: unknown) => {
      let runIds = Array.isArray(ids) ? ids.filter((x): x is string => typeof x === 'string') : [];
      if (runIds.length < 2) {
        const runs = await ctx.runs.list();
        const picked = await vscode.window.showQuickPick(runs.map((r) => ({ label: r.id, description: `${r.status} · ${r.startedAt}` })),
          { canPickMany: true, placeHolder: 'Choose two or more runs to compare' });
        runIds = picked?.map((p) => p.label) ?? [];
      }
      if (runIds.length < 2) return void vscode.window.showInformationMessage('MLOps: choose at least two runs to compare.');
      await ctx.views.experiments.compare(runIds);
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

/** Lets the user pick one of the workspace's runs (newest first). */
export async function pickRunId(ctx: MlopsContext, placeHolder: string, filter?: (status: string) => boolean): Promise<string | undefined> {
  const runs = (await ctx.runs.list()).filter((r) => !filter || filter(r.status));
  if (runs.length === 0) return void vscode.window.showInformationMessage('MLOps: no runs yet. Run "MLOps: Train" first.');
  const picked = await vscode.window.showQuickPick(runs.map((r) => ({
    label: r.id, description: `${r.status} · ${r.startedAt}${r.sweepId ? ` · trial ${r.trial ?? '?'} of ${r.sweepId}` : ''}`,
    detail: Object.entries(r.metrics ?? {}).filter(([k]) => k.startsWith('val_')).slice(0, 4)
      .map(([k, v]) => `${k} ${Number(v.toPrecision(4))}`).join('  '),
  })), { placeHolder });
  return picked?.label;
}
