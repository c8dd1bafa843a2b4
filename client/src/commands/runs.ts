/** Show Experiments, Compare Runs and Open Run Folder. */
import * as vscode from 'vscode';
import type { MlopsContext } from '../context';
import { pickRunId } from './train';

export function registerRunCommands(ctx: MlopsContext): vscode.Disposable[] {
  return [
    vscode.commands.registerCommand('mlops.showExperiments', () => ctx.views.experiments.reveal()),
    vscode.commands.registerCommand('mlops.compareRuns', async (ids?: unknown) => {
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
    vscode.commands.registerCommand('mlops.openRunFolder', async (arg?: unknown) => {
      const runId = typeof arg === 'string' ? arg : await pickRunId(ctx, 'Run folder to open');
      if (!runId) return;
      if (!ctx.runs.rootOf(runId)) await ctx.runs.list();
      const folder = ctx.runs.runFolder(runId);
      if (!folder) return void vscode.window.showWarningMessage(`MLOps: no run ${runId} in this workspace.`);
      const runJson = vscode.Uri.joinPath(folder, 'run.json');
      await vscode.window.showTextDocument(runJson, { preview: true });
      await vscode.commands.executeCommand('revealInExplorer', runJson);
    }),
  ];
}
