/**
 * Run stage (CodeLens above each stage): runs the stage's `cmd` as a VS Code task in the spec's folder,
 * so it appears in a terminal the user can watch and stop. Tasks only run in trusted workspaces.
 */
import * as path from 'node:path';
import * as vscode from 'vscode';
import { COMMANDS } from '../../../server/src/cliProtocol';
import { isError } from '../../../server/src/protocol';
import type { MlopsContext } from '../context';
import { pickSpec } from '../pick';

export function registerStageCommands(ctx: MlopsContext): vscode.Disposable[] {
  return [
    vscode.commands.registerCommand(COMMANDS.runStage, async (specArg?: unknown, stageArg?: unknown) => {
      if (!ctx.requireTrust('Running a stage command')) return;
      const spec = await pickSpec(ctx, specArg);
      if (!spec) return;
      const read = await ctx.engine.specSummary(spec.fsPath);
      if (isError(read)) return ctx.showError(`MLOps: ${read.error}`);
      const info = read.summary;
      const names = Object.keys(info.stages);
      const stage = typeof stageArg === 'string' ? stageArg : names.length === 1 ? names[0]
        : await vscode.window.showQuickPick(names, { placeHolder: 'Stage to run' });
      if (!stage) return;
      const def = info.stages[stage];
      if (!def) return void vscode.window.showWarningMessage(`MLOps: ${path.basename(spec.fsPath)} has no stage "${stage}".`);
      const folder = ctx.folderFor(spec) ?? vscode.TaskScope.Workspace;
      const task = new vscode.Task({ type: 'mlops-stage', stage }, folder, stage, 'mlops',
        new vscode.ShellExecution(def.cmd, { cwd: info.folder }));
      await vscode.tasks.executeTask(task);
    }),
  ];
}
