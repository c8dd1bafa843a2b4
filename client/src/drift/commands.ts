/** Check Drift (reference vs current data of a spec, via `mlops drift --format json`) and Show Drift Report. */
import * as vscode from 'vscode';
import { COMMANDS, type DriftReport } from '../../../server/src/cliProtocol';
import { isError } from '../../../server/src/protocol';
import type { MlopsContext } from '../context';
import { firstErrorLine, parseJsonOutput } from '../jobs/cliProcess';
import { pickSpec } from '../pick';
import { driftArgs } from './driftArgs';

export function registerDriftCommands(ctx: MlopsContext): vscode.Disposable[] {
  return [
    vscode.commands.registerCommand(COMMANDS.checkDrift, async (arg?: unknown) => {
      if (!ctx.requireTrust('Checking drift')) return;
      const spec = await pickSpec(ctx, arg);
      if (spec) await checkDrift(ctx, spec);
    }),
    vscode.commands.registerCommand(COMMANDS.showDriftReport, () => ctx.views.drift.reveal()),
  ];
}

async function checkDrift(ctx: MlopsContext, spec: vscode.Uri): Promise<void> {
  const read = await ctx.engine.specSummary(spec.fsPath);
  if (isError(read)) return ctx.showError(`MLOps: ${read.error}`);
  const info = read.summary;
  const reference = info.data.train;
  const current = info.data.current;
  if (!reference || !current) {
    return void vscode.window.showWarningMessage(
      `MLOps: ${vscode.workspace.asRelativePath(spec)} needs data.train and data.current to check drift.`);
  }
  await ctx.views.drift.reveal();
  ctx.views.drift.busy(`Checking drift of ${vscode.workspace.asRelativePath(current.path)}…`);
  // The engine reads data paths, contract and monitoring.drift from the spec itself (and names the files
  // as the spec writes them); the client only adds the settings.
  const args = driftArgs({ spec: spec.fsPath }, ctx.config(spec), info.driftKeys);
  const r = await vscode.window.withProgress({ location: vscode.ProgressLocation.Notification, title: 'MLOps: checking drift', cancellable: true },
    (_p, token) => {
      const proc = ctx.cli(args, info.folder);
      token.onCancellationRequested(() => proc.cancel());
      return proc.result;
    });
  const report = parseJsonOutput<DriftReport>(r.stdout);
  if (r.cancelled || !report || !Array.isArray(report.features)) {
    const message = r.cancelled ? 'Drift check cancelled.' : `mlops drift failed: ${firstErrorLine(r.stderr)}`;
    ctx.views.drift.error(message);
    if (!r.cancelled) ctx.showError(`MLOps: ${message}`);
    return;
  }
  ctx.views.drift.show(report, vscode.workspace.asRelativePath(spec));
  const drifted = report.features.filter((f) => f.drifted).map((f) => f.name);
  const text = report.datasetDrift
    ? `MLOps: dataset drift: ${drifted.length} of ${report.features.length} features drifted (${drifted.join(', ')}).`
    : `MLOps: no dataset drift (${drifted.length} of ${report.features.length} features drifted).`;
  void (report.datasetDrift ? vscode.window.showWarningMessage(text) : vscode.window.showInformationMessage(text));
}
