/**
 * Train, Run Sweep, Reproduce Run and Cancel Run: each starts the CLI with `--events`, shows a
 * cancellable progress notification with the live epoch and loss, feeds the Experiments view, and
 * reports the result. Cancel sends SIGINT; the engine marks the run cancelled.
 */
import * as path from 'node:path';
import * as vscode from 'vscode';
import type { ActiveRun } from '../activeRuns';
import type { MlopsContext } from '../context';
import { reproduceArgs, sweepArgs, trainArgs } from '../engine/cliArgs';
import { listRunRecords } from '../engine/runStore';
import { EXIT_CANCELLED, firstErrorLine, parseJsonOutput } from '../engine/cliProcess';
import { toEpochPoint } from '../panels/experiments/rows';
import { pickSpec } from './pick';

/** The `result` event / `--format json` of train: `{runId, status, backend, metrics, gates, artifacts}`. */
interface TrainResult {
  runId?: string;
  status?: string;
  metrics?: Record<string, number>;
  gates?: Array<{ metric: string; passed: boolean }>;
  best?: { runId?: string };
  bestRunId?: string;
}

export function registerTrainCommands(ctx: MlopsContext): vscode.Disposable[] {
  return [
    vscode.commands.registerCommand('mlops.train', async (arg?: unknown) => {
      if (!ctx.requireTrust('Training')) return;
      const spec = await pickSpec(arg);
      if (spec) await runJob(ctx, 'Training', spec, trainArgs(spec.fsPath, ctx.config(spec)));
    }),
    vscode.commands.registerCommand('mlops.runSweep', async (arg?: unknown) => {
      if (!ctx.requireTrust('Running a sweep')) return;
      const spec = await pickSpec(arg);
      if (spec) await runJob(ctx, 'Sweep', spec, sweepArgs(spec.fsPath, ctx.config(spec)));
    }),
    vscode.commands.registerCommand('mlops.reproduceRun', async (arg?: unknown) => {
      if (!ctx.requireTrust('Reproducing a run')) return;
      const runId = typeof arg === 'string' ? arg : await pickRunId(ctx, 'Run to reproduce');
      const folder = ctx.folderFor();
      if (runId && folder) await runJob(ctx, `Reproduce ${runId}`, folder.uri, reproduceArgs(runId));
    }),
    vscode.commands.registerCommand('mlops.cancelRun', async () => {
      const runs = ctx.activeRuns.list();
      if (runs.length === 0) return void vscode.window.showInformationMessage('MLOps: no run is active.');
      const target = runs.length === 1 ? runs[0] : (await vscode.window.showQuickPick(
        runs.map((r) => ({ label: r.label, description: r.detail, run: r })), { placeHolder: 'Cancel which run?' }))?.run;
      target?.process.cancel();
    }),
  ];
}

/** Lets the user pick one of the workspace's runs (newest first). */
export async function pickRunId(ctx: MlopsContext, placeHolder: string, filter?: (status: string) => boolean): Promise<string | undefined> {
  const folder = ctx.folderFor();
  if (!folder) return undefined;
  const runs = listRunRecords(folder.uri.fsPath).filter((r) => !filter || filter(r.status))
    .sort((a, b) => b.startedAt.localeCompare(a.startedAt));
  if (runs.length === 0) return void vscode.window.showInformationMessage('MLOps: no runs yet. Run "MLOps: Train" first.');
  const picked = await vscode.window.showQuickPick(runs.map((r) => ({
    label: r.id, description: `${r.status} · ${r.startedAt}`,
    detail: Object.entries(r.metrics ?? {}).slice(0, 4).map(([k, v]) => `${k} ${Number(v.toPrecision(4))}`).join('  '),
  })), { placeHolder });
  return picked?.label;
}

/** Runs one CLI job with a progress notification; resolves when it ends. */
async function runJob(ctx: MlopsContext, title: string, target: vscode.Uri, args: string[]): Promise<void> {
  const folder = ctx.folderFor(target);
  const cwd = folder?.uri.fsPath ?? path.dirname(target.fsPath);
  const label = `${title} ${path.basename(path.dirname(target.fsPath)) || ''}`.trim();
  await vscode.window.withProgress({ location: vscode.ProgressLocation.Notification, title: `MLOps: ${label}`, cancellable: true },
    async (progress, token) => {
      let active: ActiveRun | undefined;
      let done = 0;
      const proc = ctx.cli(args, cwd, (event) => {
        if (!active) return;
        const step = describeEvent(event, active);
        if (step.point && step.runId) ctx.views.experiments.epoch(step.runId, step.point);
        if (step.runsChanged) ctx.views.experiments.scheduleRefresh();
        if (step.message) {
          const increment = step.fraction !== undefined ? Math.max(0, step.fraction * 100 - done) : undefined;
          if (increment) done += increment;
          progress.report({ message: step.message, ...(increment ? { increment } : {}) });
          ctx.activeRuns.update(active, step.message, step.runId);
        }
      });
      active = ctx.activeRuns.add(label, proc);
      token.onCancellationRequested(() => proc.cancel());
      try {
        const r = await proc.result;
        ctx.views.experiments.scheduleRefresh();
        reportResult(ctx, title, r.code, parseJsonOutput<TrainResult>(lastResultLine(r.stdout)), r.stderr);
      } finally {
        ctx.activeRuns.remove(active);
      }
    });
}

/** The `result` event's payload (the last stdout line), or the whole stdout for plain JSON output. */
function lastResultLine(stdout: string): string {
  const lines = stdout.trim().split('\n');
  for (let i = lines.length - 1; i >= 0; i--) {
    try {
      const e = JSON.parse(lines[i]!) as { type?: string };
      if (e.type === 'result') return JSON.stringify(e);
      if (e.type === undefined) return lines[i]!;
    } catch {
      // not JSON
    }
  }
  return '';
}

interface EventStep {
  message?: string;
  fraction?: number;
  runId?: string;
  point?: ReturnType<typeof toEpochPoint>;
  runsChanged?: boolean;
}

/** What one `--events` line means for the progress, status bar and Experiments view. */
function describeEvent(e: Record<string, unknown>, active: ActiveRun): EventStep {
  const runId = typeof e.runId === 'string' ? e.runId : active.runId;
  switch (e.type) {
    case 'started':
      return { runId, runsChanged: true, message: `${runId ?? ''} started (${String(e.backend ?? 'backend ?')})` };
    case 'epoch': {
      const metrics = (typeof e.metrics === 'object' && e.metrics) ? e.metrics as Record<string, unknown> : {};
      const point = toEpochPoint({ epoch: e.epoch, ...metrics });
      const loss = ['loss', 'val_loss'].filter((k) => typeof metrics[k] === 'number')
        .map((k) => `${k} ${(metrics[k] as number).toFixed(4)}`).join(' · ');
      const epochs = typeof e.epochs === 'number' ? e.epochs : undefined;
      const trial = typeof e.trial === 'number' ? `trial ${e.trial} · ` : '';
      return { runId, point, message: `${trial}epoch ${String(e.epoch)}${epochs ? `/${epochs}` : ''}${loss ? ` · ${loss}` : ''}`,
        ...(epochs && typeof e.epoch === 'number' && !trial ? { fraction: e.epoch / epochs } : {}) };
    }
    case 'trial':
    case 'trialEnded':
    case 'completed':
      return { runId, runsChanged: true };
    case 'log':
      return {};
    default:
      return {};
  }
}

function reportResult(ctx: MlopsContext, title: string, code: number, result: TrainResult | null, stderr: string): void {
  const runId = result?.bestRunId ?? result?.best?.runId ?? result?.runId;
  if (code === EXIT_CANCELLED) {
    void vscode.window.showWarningMessage(`MLOps: ${title} cancelled${runId ? ` (run ${runId} marked cancelled)` : ''}.`);
    return;
  }
  if (code !== 0 && !(code === 1 && result)) return ctx.showError(`MLOps: ${title} failed: ${firstErrorLine(stderr)}`);
  const metrics = Object.entries(result?.metrics ?? {}).slice(0, 4).map(([k, v]) => `${k} ${Number(v.toPrecision(4))}`).join(', ');
  const gatesFailed = (result?.gates ?? []).filter((g) => !g.passed).map((g) => g.metric);
  const text = `MLOps: ${title} ${gatesFailed.length ? 'finished, gates failed' : 'completed'}${runId ? `: run ${runId}` : ''}` +
    `${metrics ? ` (${metrics})` : ''}${gatesFailed.length ? `; failed gates: ${gatesFailed.join(', ')}` : ''}`;
  const show = gatesFailed.length ? vscode.window.showWarningMessage : vscode.window.showInformationMessage;
  void show(text, 'Show Experiments', 'Register Model Version').then((choice) => {
    if (choice === 'Show Experiments') void vscode.commands.executeCommand('mlops.showExperiments');
    if (choice === 'Register Model Version') void vscode.commands.executeCommand('mlops.registerModel', runId);
  });
}
