/**
 * The contract of the `mlops` CLI as the editor uses it for long jobs (train, sweep, reproduce, check,
 * drift, register, promote, ...): the exit codes, the `--events` and `--format json` shapes the client
 * reads, and the VS Code command ids the engine names in CodeLenses. The CLI, the language server and the
 * client all import it; it holds constants and types only, so the client bundle stays free of engine code.
 */

export type { TrainEvent, TrainResult } from './core/training/run';
export type { SweepResult } from './core/training/sweepRunner';
export type { CheckReport, CheckResult } from './core/contract/check';
export type { DriftReport } from './core/drift/model';
export type { RegisterResult } from './core/registry/register';
export type { MonitorReport } from './core/serving/monitor/monitor';
export type { PipelineRunEvent, PipelineRunResult, PipelineStatus, StageRunResult } from './core/stages/types';

/** The command finished and found nothing wrong. */
export const EXIT_OK = 0;
/** A check failed (diagnostic errors, failed data checks, drift with --fail-on-drift, failed gates, ...). */
export const EXIT_FAILED = 1;
/** Bad usage or bad input: unknown flag, unreadable file, invalid spec or contract. */
export const EXIT_USAGE = 2;
/** A bug in the engine (an unexpected error); never used for problems in the user's input. */
export const EXIT_INTERNAL = 70;
/** The user cancelled (Ctrl-C, SIGINT from the editor's Cancel Run): runs are marked cancelled. */
export const EXIT_CANCELLED = 130;

/**
 * The metrics a run is summed up by wherever runs are listed side by side (`mlops runs`, the model
 * catalog, the editor's notifications and Models tree): validation scores first, then training scores,
 * then losses.
 */
export const HEADLINE_METRICS: readonly string[] = ['val_auc', 'val_accuracy', 'val_f1', 'val_rmse', 'val_r2', 'val_loss', 'auc', 'accuracy', 'rmse', 'loss'];

/**
 * Every command the extension contributes (package.json `contributes.commands`). The engine puts some of
 * them into CodeLenses (Train, Run Sweep, Check Drift, Run stage above a spec; Check data above a contract).
 */
export const COMMANDS = {
  train: 'mlops.train',
  runSweep: 'mlops.runSweep',
  cancelRun: 'mlops.cancelRun',
  checkData: 'mlops.checkData',
  inferContract: 'mlops.inferContract',
  checkDrift: 'mlops.checkDrift',
  registerModel: 'mlops.registerModel',
  promoteModel: 'mlops.promoteModel',
  showExperiments: 'mlops.showExperiments',
  openExperimentsInEditor: 'mlops.openExperimentsInEditor',
  showDriftReport: 'mlops.showDriftReport',
  compareRuns: 'mlops.compareRuns',
  reproduceRun: 'mlops.reproduceRun',
  openRunFolder: 'mlops.openRunFolder',
  runStage: 'mlops.runStage',
  runPipeline: 'mlops.runPipeline',
  showPipeline: 'mlops.showPipeline',
  refreshModels: 'mlops.refreshModels',
  openModelCard: 'mlops.openModelCard',
  compareModelVersions: 'mlops.compareModelVersions',
  serveModel: 'mlops.serveModel',
  stopServing: 'mlops.stopServing',
  sendTestRequest: 'mlops.sendTestRequest',
  monitor: 'mlops.monitor',
} as const;

export type CommandId = (typeof COMMANDS)[keyof typeof COMMANDS];

/**
 * The last drift report of a spec, kept by `mlops drift --spec S` at
 * `<folder of S>/.mlops/drift/<file name of S>/last.json` so the editor can show it after a reload.
 */
export const LAST_DRIFT_REPORT = { folder: '.mlops/drift', file: 'last.json' } as const;

/** The content of a kept last drift report (fields may be added, never renamed). */
export interface LastDriftReport {
  /** Absolute path of the spec the report was made for. */
  specPath: string;
  /** ISO time the report was made. */
  generatedAt: string;
  report: import('./core/drift/model').DriftReport;
}
