/** Show Experiments, Compare Runs and Open Run Folder. */
import * as vscode from 'vscode';
import type { MlopsContext } from '../context';
import { listRunRecords } from '../engine/runStore';
import { pickRunId } from './train';

export function registerRunCommands(ctx: MlopsContext): vscode.Disposable[] {
  return [
    vscode.commands.registerCommand('mlops.showExperiments', () => ctx.views.experiments.reveal()),
    vscode.commands.registerCommand('mlops.compareRuns', async (ids?: unknown) => {
      const folder = ctx.folderFor();
      if (!folder) return;
      let runIds = Array.isArray(ids) ? ids.filter((x): x is string => typeof x === 'string') : [];
      if (runIds.length < 2) {
        const runs = listRunRecords(folder.uri.fsPath).sort((a, b) => b.startedAt.localeCompare(a.startedAt));
        const picked = await vscode.window.showQuickPick(runs.map((r) => ({ label: r.id, description: `${r.status} · ${r.startedAt}` })),
          { canPickMany: true, placeHolder: 'Choose two or more runs to compare' });
        runIds = picked?.map((p) => p.label) ?? [];
      }
      if (runIds.length < 2) return void vscode.window.showInformationMessage('MLOps: choose at least two runs to compare.');
      await ctx.views.experiments.compare(runIds);
    }),
    vscode.commands.registerCommand('mlops.openRunFolder', async (arg?: unknown) => {
      const runId = typeof arg === 'string' ? arg : await pickRunId(ctx, 'Run folder to open');
      const root = ctx.views.experiments.runsFolder();
      if (!runId || !root) return;
      const runJson = vscode.Uri.joinPath(root, runId, 'run.json');
      try {
        await vscode.workspace.fs.stat(runJson);
      } catch {
        return void vscode.window.showWarningMessage(`MLOps: run ${runId} has no folder in ${vscode.workspace.asRelativePath(root)}.`);
      }
      await vscode.window.showTextDocument(runJson, { preview: true });
      await vscode.commands.executeCommand('revealInExplorer', runJson);
    }),
  ];
}
