import { rmSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import type { LoadedContract } from '../contract/load';
import { DataFileError } from '../data/source';
import type { PipelineSpec } from '../pipeline/spec';
import { appendEpoch, createRun, newRunId, processInfo, StoreError, writeRun } from '../tracking/store';
import { GitExecutor } from '../registry/git';
import { gitState, hashFile } from '../tracking/provenance';
import type { DataFileRecord, GateResult, RunRecord, RunStatus } from '../tracking/types';
import { BackendUnavailable, describeBackend, loadBackend } from './backend';
import { contractContext, type ContractContext } from './contract';
import { prepareData, readTrainingTable, type PreparedData } from './dataset';
import type { RawTable } from './table';
import { CancelledError, DataError, PrunedError, SpecError, throwIfCancelled } from './errors';
import { DivergedError, fit } from './fit';
import { evaluateGates, parseGates, type Gate } from './gates';
import { buildNetwork, type Network } from './network';
import { argmaxRows, summarizePredictions, type PredictionDistribution } from './predictionSummary';
import { metricKeys, resolveTraining, type ResolvedTraining } from './params';
import { saveModel } from './savedModel';
import { computeFairness, FairnessDataError, type FairnessReport } from '../evaluation/fairness';
import { checkFairnessSpec, fairnessGates, fairnessTask } from '../evaluation/fairnessSpec';
import { predict } from './step';

/** The data-contract check (contract/check.ts `checkData`), passed in so the core stays testable. */
export type ContractChecker = (o: { contractPath: string; contract?: LoadedContract; dataPath: string; schema?: string; signal?: AbortSignal }) => Promise<ContractReport>;
export interface ContractReport { passed: boolean; rows?: number; checks: Array<{ id?: string; column: string | null; passed: boolean; severity: string; message: string; failures: number }> }

/** Progress as `mlops train --events` prints it, one JSON object a line (README, Training). */
export type TrainEvent =
  | { type: 'started'; runId: string; backend: string; epochs: number; sweepId?: string; trial?: number; trials?: number }
  | { type: 'epoch'; runId: string; epoch: number; epochs: number; metrics: Record<string, number>; trial?: number; trials?: number }
  | { type: 'log'; message: string; runId?: string }
  /** What a sweep is doing before its first trial starts (reading data, checking it, starting workers). */
  | { type: 'phase'; message: string };

export interface TrainRequest {
  /** Folder holding `.mlops/` (the spec's folder for the CLI). */
  workspace: string;
  specPath: string;
  specHash: string;
  /** The spec after --set overrides and sweep values. */
  spec: PipelineSpec;
  allowContractViolations?: boolean;
  checkContract?: ContractChecker;
  signal?: AbortSignal;
  onEvent?: (e: TrainEvent) => void;
  /** The sweep a trial belongs to: its id, the trial's number and how many trials it has. */
  sweep?: { id: string; trial: number; trials?: number };
  reproducedFrom?: string;
  /** Data already read (sweeps read and check it once, then hand it to every trial). */
  preloaded?: TrainingData;
  /** The workspace's git state when already known (a sweep asks git once, not per trial). */
  git?: RunRecord['git'];
  /** Asked after each epoch in a pruned sweep: true stops the run here, recorded as pruned. */
  shouldPrune?: (epoch: number, metrics: Record<string, number>) => boolean | Promise<boolean>;
}

export type FailureKind = 'spec' | 'data' | 'contract' | 'diverged' | 'cancelled' | 'storage' | 'backend' | 'internal';

/** What `mlops train --format json` prints (extra fields allowed). */
export interface TrainResult {
  runId: string;
  status: RunStatus;
  backend: string;
  metrics: Record<string, number>;
  gates: GateResult[];
  artifacts: { runDir: string; record: string; metrics: string; model: string | null };
  error?: string;
  failure?: FailureKind;
  /** The contract check's report, its failed checks only; absent when every check passed. */
  contractReport?: ContractReport;
  bestEpoch?: number;
  epochsRun?: number;
}

/** Checks what can be checked without data, so a bad spec fails before a run is recorded. */
export function checkSpec(spec: PipelineSpec): { training: ResolvedTraining; gates: Gate[]; fairness: Gate[] } {
  if (!spec.model) throw new SpecError('model', 'the spec has no model section; add model.type and model.task');
  if (!spec.features?.target) throw new SpecError('features.target', 'the spec names no target column');
  if (!spec.data?.train?.path) throw new SpecError('data.train.path', 'the spec names no training data');
  const training = resolveTraining(spec.training, spec.model.task);
  buildNetwork(spec.model, 1, spec.model.task === 'multiclass' ? 2 : 1);
  const gates = parseGates(spec.evaluation?.gates, metricKeys(spec.model.task, false));
  const fairness = checkFairnessSpec(spec.evaluation?.fairness, spec.model.task);
  if (spec.evaluation?.fairness && !(training.validationSplit > 0)) {
    throw new SpecError('evaluation.fairness', 'fairness is measured on the validation rows; set training.validationSplit above 0');
  }
  return { training, gates, fairness };
}

function recordParams(spec: PipelineSpec, t: ResolvedTraining): Record<string, unknown> {
  return { data: spec.data, features: spec.features, model: spec.model, training: { ...spec.training, ...t }, evaluation: spec.evaluation ?? {} };
}

function classify(e: unknown): { kind: FailureKind; message: string } {
  if (e instanceof CancelledError) return { kind: 'cancelled', message: 'cancelled by the user' };
  if (e instanceof SpecError) return { kind: 'spec', message: e.message };
  if (e instanceof DataError) return { kind: 'data', message: e.message };
  if (e instanceof ContractFailure) return { kind: 'contract', message: e.message };
  if (e instanceof DivergedError) return { kind: 'diverged', message: e.message };
  if (e instanceof StoreError) return { kind: 'storage', message: e.message };
  if (e instanceof BackendUnavailable) return { kind: 'backend', message: e.message };
  return { kind: 'internal', message: (e as Error)?.message ?? String(e) };
}

class ContractFailure extends Error {
  constructor(readonly report: ContractReport) {
    const errors = report.checks.filter((c) => !c.passed && c.severity === 'error');
    super(`the data breaks its contract: ${errors.length} error-level check(s) failed (${errors.slice(0, 3).map((c) => c.message).join('; ')}); fix the data, or pass --allow-contract-violations to train anyway`);
  }
}

async function checkContract(req: TrainRequest, contract: ContractContext | undefined, dataPath: string): Promise<ContractReport | undefined> {
  if (!contract || !req.checkContract) return undefined;
  let report: ContractReport;
  try {
    report = await req.checkContract({ contractPath: contract.path, contract: contract.loaded, dataPath, schema: contract.schema, signal: req.signal });
  } catch (e) {
    throwIfCancelled(req.signal);
    // An unreadable contract or data file is bad input, like bad data.
    throw new DataError(`checking the data against ${relative(req.workspace, contract.path)} failed: ${(e as Error).message}`);
  }
  if (!report.passed && !req.allowContractViolations) throw new ContractFailure(report);
  const failed = report.checks.filter((c) => !c.passed);
  if (failed.length > 0) {
    const what = report.passed ? 'warning(s)' : 'failed check(s), ignored (--allow-contract-violations)';
    req.onEvent?.({ type: 'log', message: `contract: ${failed.length} ${what}: ${failed.slice(0, 3).map((c) => c.message).join('; ')}` });
  }
  return report;
}

interface Live { record: RunRecord; dir: string; report?: ContractReport; last?: { epoch: number; metrics: Record<string, number> } }

/** The training file as read once: its columns, its hash and row count, and its contract. */
export interface TrainingData { table: RawTable; file: DataFileRecord; contract?: ContractContext }

/** Reads and hashes the training file the spec names (a sweep does this once for all trials). */
export async function readTrainingData(workspace: string, specPath: string, spec: PipelineSpec): Promise<TrainingData> {
  const specDir = dirname(specPath);
  const dataPath = resolve(specDir, spec.data.train.path);
  const contract = contractContext(specDir, spec.data.train);
  const table = await inFile(spec.data.train.path, () => readTrainingTable(dataPath, spec));
  const file: DataFileRecord = { path: relative(workspace, dataPath).split('\\').join('/'), sha256: await hashFile(dataPath), rows: table.rows };
  return { table, file, contract };
}

async function loadData(req: TrainRequest, live: Live, t: ResolvedTraining): Promise<PreparedData> {
  const { table, file, contract } = req.preloaded ?? await readTrainingData(req.workspace, req.specPath, req.spec);
  live.record.data = { train: file };
  if (contract) live.record.contract = { path: relative(req.workspace, contract.path).split('\\').join('/'), id: contract.id, version: contract.version };
  live.report = await checkContract(req, contract, table.path);
  throwIfCancelled(req.signal);
  return inFile(req.spec.data.train.path, () => prepareData(table, req.spec, contract, t.validationSplit, t.seed));
}

/** Prefixes data problems with the file they are in, so every message names it. */
async function inFile<T>(file: string, f: () => T | Promise<T>): Promise<T> {
  try {
    return await f();
  } catch (e) {
    if (e instanceof DataError) throw new DataError(`${file}: ${e.message}`);
    // Its message already names the file (and line): a data problem, not an internal one.
    if (e instanceof DataFileError) throw new DataError(e.message);
    if (e instanceof Error && !(e instanceof SpecError) && /cannot read as|no such data file/.test(e.message)) throw new DataError(e.message);
    throw e;
  }
}

async function trainAndSave(req: TrainRequest, live: Live, t: ResolvedTraining, gates: { metrics: Gate[]; fairness: Gate[] }, data: PreparedData): Promise<void> {
  const backend = await loadBackend(t.backend);
  const id = live.record.id;
  Object.assign(live.record, { backend: backend.name, backendDetail: [describeBackend(backend), ...backend.notes].join('; '), rows: { train: data.train.rows, validation: data.val?.rows ?? 0 } });
  req.onEvent?.({ type: 'started', runId: id, backend: backend.name, epochs: t.epochs, sweepId: req.sweep?.id, trial: req.sweep?.trial, trials: req.sweep?.trials });
  const net = buildNetwork(req.spec.model!, data.prep.featureNames.length, data.outputs);
  const started = performance.now();
  const fitted = await fit(backend.tf, net, data.train, data.val, {
    ...t, signal: req.signal,
    onEpoch: (e) => {
      appendEpoch(req.workspace, id, { epoch: e.epoch, time: new Date().toISOString(), ...e.metrics });
      req.onEvent?.({ type: 'epoch', runId: id, epoch: e.epoch, epochs: e.epochs, metrics: e.metrics, trial: req.sweep?.trial, trials: req.sweep?.trials });
      live.last = { epoch: e.epoch, metrics: e.metrics };
      // A cancelled run is cancelled, whatever the pruner says about its last epoch.
      if (req.shouldPrune) return Promise.resolve(req.shouldPrune(e.epoch, e.metrics)).then((prune) => { if (prune && !req.signal?.aborted) throw new PrunedError(e.epoch); });
    },
  });
  const trainSeconds = (performance.now() - started) / 1000;
  await saveModel(backend.tf, net, fitted.params, data.prep, join(live.dir, 'model'));
  const metrics = fitted.history[fitted.bestEpoch - 1]!.metrics;
  const valRaw = data.val ? predict(backend.tf, net, fitted.params, data.val.x, data.val.rows) : null;
  const fairness = valRaw ? validationFairness(req.spec, data, valRaw) : null;
  Object.assign(live.record, {
    status: 'completed', endedAt: new Date().toISOString(), metrics, modelDir: 'model',
    gates: [...evaluateGates(gates.metrics, metrics), ...(req.spec.evaluation?.fairness ? fairnessGates(gates.fairness, fairness) : [])],
    bestEpoch: fitted.bestEpoch, epochsRun: fitted.history.length, trainSeconds,
    ...(valRaw ? { validationPredictions: validationDistribution(net, valRaw, data.val!.rows) } : {}),
    ...(fairness ? { fairness } : {}),
  });
  writeRun(req.workspace, live.record);
}

/** How the kept weights predict the validation rows (monitoring compares served predictions with it). */
function validationDistribution(net: Network, raw: Float32Array, rows: number): PredictionDistribution {
  const values = net.task === 'multiclass' ? argmaxRows(raw, rows, net.outputs) : raw;
  return summarizePredictions(net.task, values, net.outputs);
}

/** Fairness of the kept weights on the validation rows, when the spec asks for it. */
function validationFairness(spec: PipelineSpec, data: PreparedData, raw: Float32Array): FairnessReport | null {
  const f = spec.evaluation?.fairness;
  if (!f || !data.valSensitive) return null;
  try {
    return computeFairness(f, { task: fairnessTask(spec.model!.task), y: data.val!.y, score: raw, sensitive: data.valSensitive });
  } catch (e) {
    if (e instanceof FairnessDataError) throw new DataError(`${spec.data.train.path}: ${e.message}`);
    throw e;
  }
}

/**
 * Trains one run end to end and records it under `.mlops/runs/<id>/`. Spec problems found before
 * the run starts throw SpecError; everything after is recorded: the result says completed, failed
 * (with the reason) or cancelled, and a run that did not complete never has a model folder.
 * run.json is written twice: at the start (status running, with the process that runs it) and at
 * the end; the epochs in between go to metrics.jsonl.
 */
export async function runTraining(req: TrainRequest): Promise<TrainResult> {
  const { training, gates, fairness } = checkSpec(req.spec);
  const id = newRunId();
  const record: RunRecord = {
    id, specPath: relative(req.workspace, req.specPath).split('\\').join('/'), specHash: req.specHash,
    params: recordParams(req.spec, training), backend: 'pending', seed: training.seed, startedAt: new Date().toISOString(),
    status: 'running', data: {}, git: req.git ?? await gitState(new GitExecutor(req.workspace)), gates: [], metrics: {},
    sweepId: req.sweep?.id, trial: req.sweep?.trial, reproducedFrom: req.reproducedFrom, ...processInfo(),
  };
  const live: Live = { record, dir: createRun(req.workspace, record) };
  try {
    throwIfCancelled(req.signal);
    const data = await loadData(req, live, training);
    await trainAndSave(req, live, training, { metrics: gates, fairness }, data);
    return result(live);
  } catch (e) {
    rmSync(join(live.dir, 'model'), { recursive: true, force: true });
    if (e instanceof PrunedError) return pruned(req, live, e);
    const { kind, message } = classify(e);
    Object.assign(live.record, { status: kind === 'cancelled' ? 'cancelled' : 'failed', endedAt: new Date().toISOString(), error: message, modelDir: undefined });
    try { writeRun(req.workspace, live.record); } catch { /* the failure below says enough; the record shows interrupted */ }
    return { ...result(live), error: message, failure: kind, ...failedChecks(e instanceof ContractFailure ? e.report : live.report) };
  }
}

/** A pruned trial: its last epoch's metrics, how far it got, no model (its curve is in metrics.jsonl). */
function pruned(req: TrainRequest, live: Live, e: PrunedError): TrainResult {
  Object.assign(live.record, { status: 'pruned', endedAt: new Date().toISOString(), metrics: live.last?.metrics ?? {}, epochsRun: e.epoch, prunedAt: e.epoch, modelDir: undefined });
  writeRun(req.workspace, live.record);
  return result(live);
}

function result(live: Live): TrainResult {
  const r = live.record;
  const completed = r.status === 'completed';
  return {
    runId: r.id, status: r.status, backend: r.backend, metrics: r.metrics, gates: r.gates,
    artifacts: { runDir: live.dir, record: join(live.dir, 'run.json'), metrics: join(live.dir, 'metrics.jsonl'), model: completed ? join(live.dir, 'model') : null },
    bestEpoch: r.bestEpoch, epochsRun: r.epochsRun, ...(completed ? failedChecks(live.report) : {}),
  };
}

/** The report with only its failed checks (warnings included), or nothing when all passed. */
export function failedChecks(report: ContractReport | undefined): { contractReport?: ContractReport } {
  const failed = report?.checks.filter((c) => !c.passed) ?? [];
  return report && failed.length > 0 ? { contractReport: { ...report, checks: failed } } : {};
}
