/**
 * The language server's custom messages and the settings the client sends: every read the editor needs
 * from the engine (runs and their epochs, a spec's summary, the model catalog, whether a file is a
 * pipeline spec) is a request here, answered by the server from the core. Every message names its
 * sender. The client imports this file and the types it re-exports; the engine's code stays in the
 * server (test/client/boundary.test.ts checks the client bundle). Long jobs are CLI child processes
 * instead: see cliProtocol.ts.
 */
import { NotificationType, RequestType } from 'vscode-languageserver-protocol';
import type { SpecSummary } from './core/pipeline/summary';
import type { PipelineOverview, PipelineStageOverview } from './core/stages/overview';
import type { AliasEvent, ModelSummary, VersionSummary } from './core/registry/types';
import type { EpochMetrics, RunRecord } from './core/tracking/types';
import type { SweepRecordFile } from './core/tracking/sweepRecords';

export type { AliasEvent, EpochMetrics, ModelSummary, PipelineOverview, PipelineStageOverview, RunRecord, SpecSummary, SweepRecordFile, VersionSummary };

/** Options the client passes in `initialize` (initializationOptions). */
export interface ServerInitOptions {
  /** Milliseconds to wait after the last edit before validating (default 100; 0 validates at once). */
  debounceMs?: number;
  /** Validate a small synthetic spec a few times after `initialized` so the first real open runs compiled code (default true). */
  warmUp?: boolean;
}

/** Server -> client: validation of a document finished (the client times its start-up with it; tests wait for it). */
export interface ValidatedParams {
  uri: string;
  version: number | null;
  errors: number;
  warnings: number;
  millis: number;
}
export const ValidatedNotification = new NotificationType<ValidatedParams>('mlops/validated');

/** A read that can fail for a reason the user should see (an unreadable file): the reason, one line. */
export type Answer<T> = T | { error: string };

/** Whether an answer is the failure form. */
export function isError<T extends object>(a: Answer<T>): a is { error: string } {
  return typeof (a as { error?: unknown }).error === 'string';
}

/** Folders whose `.mlops/runs` hold runs (absolute paths). */
export interface RunsParams {
  roots: string[];
}
/** One run: its record (status as readers see it: a dead `running` run is `interrupted`) and where it lives. */
export interface ListedRun {
  /** The folder whose `.mlops/runs` holds it (the spec's folder). */
  root: string;
  /** The run's own folder (run.json, metrics.jsonl, model files). */
  folder: string;
  record: RunRecord;
}
/** Client -> server: every run of the roots, newest first (an id found under two roots is listed once, from the first). */
export const RunsRequest = new RequestType<RunsParams, ListedRun[], void>('mlops/runs');

/** The sweeps of the roots (`.mlops/sweeps/<id>/sweep.json`), and one line per record that could not be read. */
export interface SweepRecordsResult {
  sweeps: Array<SweepRecordFile & { root: string }>;
  problems: string[];
}
/** Client -> server: every sweep record of the roots, for the Experiments view's sweep plots and pickers. */
export const SweepRecordsRequest = new RequestType<RunsParams, SweepRecordsResult, void>('mlops/sweeps');

export interface RunEpochsParams {
  runs: Array<{ root: string; runId: string }>;
}
/** Client -> server: the epochs recorded so far (metrics.jsonl) of each run, in the order asked. */
export const RunEpochsRequest = new RequestType<RunEpochsParams, Array<{ runId: string; epochs: EpochMetrics[] }>, void>('mlops/runEpochs');

export interface SpecSummaryParams {
  /** Absolute path of the spec (an open editor's unsaved text is used when there is one). */
  path: string;
}
/** Client -> server: the parts of a pipeline spec a command needs to start a job (data links, stages, ...). */
export const SpecSummaryRequest = new RequestType<SpecSummaryParams, Answer<{ summary: SpecSummary }>, void>('mlops/specSummary');

export interface IsPipelineSpecParams {
  uri: string;
}
/** Client -> server: whether a document is a pipeline spec (by name, or by its apiVersion and kind). */
export const IsPipelineSpecRequest = new RequestType<IsPipelineSpecParams, boolean, void>('mlops/isPipelineSpec');

export interface ModelsParams {
  /** The folder whose `models/` holds the registry. */
  workspace: string;
}
/** Client -> server: every registered model with its versions and aliases (read from models/, no git). */
export const ModelsRequest = new RequestType<ModelsParams, Answer<{ models: ModelSummary[] }>, void>('mlops/models');

export interface ModelHistoryParams {
  workspace: string;
  model: string;
}
/** Client -> server: the alias moves of a model, oldest first. */
export const ModelHistoryRequest = new RequestType<ModelHistoryParams, Answer<{ history: AliasEvent[] }>, void>('mlops/modelHistory');

export interface PipelineStatusParams {
  /** Absolute path of the spec (read from disk: the state is that of the files on disk). */
  path: string;
  /**
   * Write nothing into the workspace (no stat cache under `.mlops/pipeline/`): the editor asks this way
   * in Restricted Mode, where an untrusted folder is read, never written.
   */
  readOnly?: boolean;
}
/**
 * Client -> server: the stage DAG of a spec with each stage up to date or stale and why, as
 * `mlops status` says (for the Pipeline view and the stage CodeLenses).
 */
export const PipelineStatusRequest = new RequestType<PipelineStatusParams, Answer<{ pipeline: PipelineOverview }>, void>('mlops/pipelineStatus');
