/**
 * Train, Run Sweep, Reproduce Run and Cancel Run: each starts the CLI with `--events`, shows a
 * cancellable progress notification with the live epoch and loss, feeds the Experiments view, and
 * reports the result. Cancel sends SIGINT; the engine marks the runs cancelled (exit 130).
 */
import { availableParallelism } from 'node:os';
import * as path from 'node:path';
import * as vscode from 'vscode';
import { COMMANDS, EXIT_CANCELLED, HEADLINE_METRICS, type SweepResult, type TrainEvent, type TrainResult } from '../../../server/src/cliProtocol';
import { isError } from '../../../server/src/protocol';
import type { MlopsContext } from '../context';
import { pickRunId } from '../experiments/commands';
import { firstErrorLine } from '../jobs/cliProcess';
import { pickSpec } from '../pick';
import { reproduceArgs, sweepArgs, trainArgs } from './trainArgs';
import { describeEvent, resultEvent } from './trainEvents';

export function registerTrainCommands(ctx: MlopsContext): vscode.Disposable[] {
  return [
    vscode.commands.registerCommand(COMMANDS.train, async (arg?: unknown) => {
      if (!ctx.requireTrust('Training')) return;
      const spec = await pickSpec(ctx, arg);
      if (!spec) return;
      const read = await ctx.engine.specSummary(spec.fsPath);
      const name = isError(read) ? undefined : read.summary.name;
      await runJob(ctx, 'Training', path.dirname(spec.fsPath), trainArgs(spec.fsPath, ctx.config(spec)), name);
    }),
    vscode.commands.registerCommand(COMMANDS.runSweep, async (arg?: unknown) => {
      if (!ctx.requireTrust('Running a sweep')) return;
      const spec = await pickSpec(ctx, arg);
      if (!spec) return;
      // An unreadable spec sets nothing here: the engine reports it itself.
      const read = await ctx.engine.specSummary(spec.fsPath);
      const specParallel = isError(read) ? undefined : read.summary.sweepParallel;
      const name = isError(read) ? undefined : read.summary.name;
      await runJob(ctx, 'Sweep', path.dirname(spec.fsPath), sweepArgs(spec.fsPath, ctx.config(spec), specParallel, availableParallelism()), name);
    }),
    vscode.commands.registerCommand(COMMANDS.reproduceRun, async (arg?: unknown) => {
      if (!ctx.requireTrust('Reproducing a run')) return;
      const runId = typeof arg === 'string' ? arg : await pickRunId(ctx, 'Run to reproduce');
      if (!runId) return;
      if (!ctx.runs.rootOf(runId)) await ctx.runs.list();
      const root = ctx.runs.rootOf(runId);
      if (!root) return void vscode.window.showWarningMessage(`MLOps: no run ${runId} in this workspace.`);
      await runJob(ctx, `Reproduce ${runId}`, root, reproduceArgs(runId, root));
    }),
    vscode.commands.registerCommand(COMMANDS.cancelRun, async () => {
      const runs = ctx.activeRuns.list();
      if (runs.length === 0) return void vscode.window.showInformationMessage('MLOps: no run is active.');
      const target = runs.length === 1 ? runs[0] : (await vscode.window.showQuickPick(
        runs.map((r) => ({ label: r.label, description: r.detail, run: r })), { placeHolder: 'Cancel which run?' }))?.run;
      target?.process.cancel();
    }),
  ];
}

/**
 * Runs one CLI job in `root` (where its runs are recorded) with a progress notification titled by the
 * pipeline's name (metadata.name), or by the folder when the spec names none.
 */
async function runJob(ctx: MlopsContext, title: string, root: string, args: string[], name?: string): Promise<void> {
  const label = `${title} ${name ?? path.basename(root)}`;
  await vscode.window.withProgress({ location: vscode.ProgressLocation.Notification, title: `MLOps: ${label}`, cancellable: true },
    async (progress, token) => {
      let reported = 0;
      const proc = ctx.cli(args, root, (event) => {
        const step = describeEvent(event as TrainEvent);
        if (step.runId) ctx.runs.remember(step.runId, root);
        if (step.log) ctx.output.appendLine(step.log);
        if (step.runId && step.point) ctx.views.experiments.epoch(step.runId, step.point);
        if (step.runsChanged) ctx.views.experiments.scheduleRefresh();
        if (!step.message) return;
        const increment = step.fraction !== undefined ? Math.max(0, step.fraction * 100 - reported) : 0;
        reported += increment;
        progress.report({ message: step.message, ...(increment ? { increment } : {}) });
        ctx.activeRuns.update(active, step.message, step.runId);
      });
      const active = ctx.activeRuns.add(label, proc);
      token.onCancellationRequested(() => proc.cancel());
      try {
        const r = await proc.result;
        ctx.views.experiments.scheduleRefresh();
        reportResult(ctx, title, r.code, resultEvent<TrainResult | SweepResult>(r.stdout), r.stderr);
      } finally {
        ctx.activeRuns.remove(active);
      }
    });
}

/** The headline metrics of a run, e.g. "val_auc 0.8, val_accuracy 0.743". */
function headline(metrics: Record<string, number>): string {
  return HEADLINE_METRICS.filter((k) => Number.isFinite(metrics[k])).slice(0, 3).map((k) => `${k} ${Number(metrics[k]!.toPrecision(4))}`).join(', ');
}

function reportResult(ctx: MlopsContext, title: string, code: number, result: TrainResult | SweepResult | null, stderr: string): void {
  const sweep = result && 'sweepId' in result ? result : null;
  const run = result && 'runId' in result ? result : null;
  const runId = sweep?.best?.runId ?? run?.runId;
  if (code === EXIT_CANCELLED || result?.status === 'cancelled') {
    return void vscode.window.showWarningMessage(`MLOps: ${title} cancelled${runId ? ` (run ${runId} marked cancelled)` : ''}.`);
  }
  if (!result || result.status === 'failed') {
    const why = result?.error ?? firstErrorLine(stderr);
    return ctx.showError(`MLOps: ${title} failed: ${why}`);
  }
  const failedGates = (run?.gates ?? []).filter((g) => !g.passed).map((g) => `${g.metric} ${g.condition}`);
  const metrics = run ? headline(run.metrics) : '';
  const text = sweep
    ? `MLOps: ${title} ${sweep.status === 'timed-out' ? 'ran out of budget.minutes (resume with mlops sweep --resume)' : 'completed'}: ${sweep.trials.length} trials, best trial ${sweep.best?.trial ?? '?'} (run ${runId}) ${sweep.metric} ${sweep.best ? Number(sweep.best.value.toPrecision(4)) : '—'}.`
    : `MLOps: ${title} ${failedGates.length ? 'finished, gates failed' : 'completed'}: run ${runId}${metrics ? ` (${metrics})` : ''}` +
      `${failedGates.length ? `; failed gates: ${failedGates.join(', ')}` : ''}.`;
  const show = failedGates.length ? vscode.window.showWarningMessage : vscode.window.showInformationMessage;
  void show(text, 'Show Experiments', 'Register Model Version').then((choice) => {
    if (choice === 'Show Experiments') void vscode.commands.executeCommand(COMMANDS.showExperiments);
    if (choice === 'Register Model Version') void vscode.commands.executeCommand(COMMANDS.registerModel, runId);
  });
}
