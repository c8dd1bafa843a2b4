/**
 * MLOps: Run Pipeline (and Run stage): `mlops run --events` in a child process, with a cancellable
 * progress notification; each stage's state goes live to the Pipeline view, its output to the MLOps
 * channel. Cancel sends SIGINT: the engine stops every running stage's process group (exit 130).
 */
import * as path from 'node:path';
import * as vscode from 'vscode';
import { COMMANDS, EXIT_CANCELLED, type PipelineRunResult } from '../../../server/src/cliProtocol';
import type { MlopsContext } from '../context';
import { firstErrorLine, parseJsonOutput } from '../jobs/cliProcess';
import { pickSpec } from '../pick';
import { isRunEvent, runSummary, stateOfEvent } from './pipelineState';

export function registerPipelineCommands(ctx: MlopsContext, lensesChanged: () => void): vscode.Disposable[] {
  const run = async (specArg?: unknown, stage?: unknown) => {
    if (!ctx.requireTrust('Running the pipeline')) return;
    const spec = await pickSpec(ctx, specArg);
    if (spec) await runPipeline(ctx, spec, typeof stage === 'string' ? stage : undefined, lensesChanged);
  };
  return [
    vscode.commands.registerCommand(COMMANDS.runPipeline, run),
    // The stage CodeLens "Run stage": that stage and the stale stages it needs, through the same runner.
    vscode.commands.registerCommand(COMMANDS.runStage, run),
    vscode.commands.registerCommand(COMMANDS.showPipeline, async (specArg?: unknown) => {
      await ctx.views.pipeline.reveal();
      const spec = specArg === undefined ? undefined : await pickSpec(ctx, specArg);
      await ctx.views.pipeline.refresh(spec);
    }),
  ];
}

async function runPipeline(ctx: MlopsContext, spec: vscode.Uri, stage: string | undefined, lensesChanged: () => void): Promise<void> {
  const view = ctx.views.pipeline;
  await view.reveal();
  await view.refresh(spec);
  const title = `MLOps: ${stage ? `Run ${stage}` : `Run pipeline ${vscode.workspace.asRelativePath(spec)}`}`;
  const args = ['run', ...(stage ? [stage] : []), '--spec', spec.fsPath, '--events'];
  const r = await vscode.window.withProgress({ location: vscode.ProgressLocation.Notification, title, cancellable: true }, async (progress, token) => {
    const proc = ctx.cli(args, path.dirname(spec.fsPath), (event) => {
      if (!isRunEvent(event)) return;
      if (event.type === 'log') return void ctx.output.appendLine(`[${event.stage}] ${event.line}`);
      const change = stateOfEvent(event);
      if (!change) return;
      view.stageState(spec, change.name, change.state, change.reasons);
      if (change.state === 'running') progress.report({ message: change.name });
    });
    const active = ctx.activeRuns.add(title.replace('MLOps: ', ''), proc);
    token.onCancellationRequested(() => proc.cancel());
    try {
      return await proc.result;
    } finally {
      ctx.activeRuns.remove(active);
    }
  });
  const result = parseJsonOutput<PipelineRunResult & { type: string }>(r.stdout);
  await view.refresh(spec);
  lensesChanged();
  if (r.code === EXIT_CANCELLED || r.cancelled) return void vscode.window.showWarningMessage(`${title}: cancelled; running stages were stopped.`);
  if (!result || !Array.isArray(result.stages)) return ctx.showError(`${title} failed: ${firstErrorLine(r.stderr)}`);
  const failed = result.stages.filter((s) => s.status === 'failed');
  if (failed.length) return ctx.showError(`${title}: ${failed.map((s) => `${s.name} failed (${s.reason})`).join('; ')}`);
  void vscode.window.showInformationMessage(`${title}: ${runSummary(result.stages)}.`);
}
