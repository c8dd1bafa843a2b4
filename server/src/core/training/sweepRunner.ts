import { availableParallelism } from 'node:os';
import { relative } from 'node:path';
import type { PipelineSpec } from '../pipeline/spec';
import { GitExecutor } from '../registry/git';
import { bestOf, writeSweepRecord, type SweepRecord, type TrialStatus } from '../sweep/record';
import { schedule, type RunOneTrial } from '../sweep/scheduler';
import { resolveSweepSettings, type SweepSettings } from '../sweep/settings';
import { gitState } from '../tracking/provenance';
import { newRunId } from '../tracking/store';
import { CancelledError, DataError, SpecError } from './errors';
import { applyOverride, type SchemaNode } from './overrides';
import type { RunRecord } from '../tracking/types';
import { checkSpec, failedChecks, readTrainingData, type ContractChecker, type ContractReport, type TrainEvent, type TrainingData, type TrainResult } from './run';
import { checkParameters, checkSweepMetric, makeTrial, planTrials, type Trial } from './sweep';
import type { TrialRequest } from './workerProtocol';

export interface SweepRequest {
  workspace: string;
  specPath: string;
  specHash: string;
  spec: PipelineSpec;
  schema: SchemaNode;
  /** Overrides sweep.parallel (e.g. the bench runs the same sweep with 1 and 2). */
  parallel?: number;
  signal?: AbortSignal;
  onEvent?: (e: TrainEvent) => void;
  checkContract?: ContractChecker;
  allowContractViolations?: boolean;
  /** A cancelled or timed-out sweep to continue (its finished trials are kept, not redone). */
  resume?: SweepRecord;
  /** Trains one trial, normally in a worker thread (TrialPool.run); `decide` answers each epoch (true: prune). */
  runTrial: (request: TrialRequest, onEvent: (e: TrainEvent) => void, signal?: AbortSignal, decide?: (epoch: number, metrics: Record<string, number>) => boolean) => Promise<TrainResult>;
}

export interface TrialOutcome { trial: number; runId: string | null; status: string; values: Record<string, unknown>; metrics: Record<string, number>; error?: string }

/** What `mlops sweep --format json` prints. */
export interface SweepResult {
  sweepId: string;
  status: 'completed' | 'failed' | 'cancelled' | 'timed-out';
  metric: string;
  goal: 'minimize' | 'maximize';
  parallel: number;
  best: { trial: number; runId: string; value: number; values: Record<string, unknown> } | null;
  trials: TrialOutcome[];
  seconds: number;
  error?: string;
  /** Why the sweep stopped before its trials: bad data, a broken contract, or the user. */
  failure?: 'data' | 'contract' | 'cancelled';
  contractReport?: ContractReport;
  strategy: 'grid' | 'random' | 'tpe';
  /** `.mlops/sweeps/<id>/sweep.json`, relative to the workspace (absent when no trial started). */
  record?: string;
}

/**
 * Checks the sweep section and plans its trials; SpecError before anything runs. tpe trials are
 * drawn while the sweep runs, so `trials` then holds one placeholder per budgeted trial (the CI
 * export counts them).
 */
export function prepareSweep(spec: PipelineSpec, schema: SchemaNode): { trials: Trial[]; parallel: number; settings: SweepSettings } {
  if (!spec.sweep) throw new SpecError('sweep', 'the spec has no sweep section; add sweep.strategy, metric, goal and parameters');
  const { training } = checkSpec(spec);
  checkSweepMetric(spec.sweep, spec.model!.task, training.validationSplit > 0);
  const planned = planTrials(spec.sweep, schema, training.seed);
  const settings = resolveSweepSettings(spec.sweep, spec.model!.task, training.validationSplit > 0, training.epochs, planned.length);
  planned.forEach((t) => checkSpec(trialSpec(spec, t, settings)));
  const trials = spec.sweep.strategy === 'tpe' ? Array.from({ length: settings.trials }, (_, i) => ({ index: i + 1, overrides: [], values: {} })) : planned;
  const parallel = spec.sweep.parallel ?? availableParallelism();
  if (!Number.isInteger(parallel) || parallel < 1) throw new SpecError('sweep.parallel', `must be a positive integer (got ${JSON.stringify(parallel)})`);
  return { trials, parallel, settings };
}

/** The spec a trial trains: its values applied, and budget.maxEpochs as training.epochs. */
function trialSpec(spec: PipelineSpec, t: Trial, s: SweepSettings): PipelineSpec {
  const changed = t.overrides.reduce((acc, o) => applyOverride(acc, o), spec);
  return spec.sweep?.budget?.maxEpochs === undefined ? changed : { ...changed, training: { ...changed.training, epochs: s.maxEpochs } };
}

async function checkOnce(req: SweepRequest, data: Awaited<ReturnType<typeof readTrainingData>>): Promise<ContractReport | undefined> {
  if (!data.contract || !req.checkContract) return undefined;
  return req.checkContract({ contractPath: data.contract.path, contract: data.contract.loaded, dataPath: data.table.path, schema: data.contract.schema, signal: req.signal });
}

function newRecord(req: SweepRequest, s: SweepSettings, parallel: number): SweepRecord {
  const sweep = req.spec.sweep!;
  return {
    id: `sweep-${newRunId()}`, spec: relative(req.workspace, req.specPath).split('\\').join('/'), specHash: req.specHash, strategy: sweep.strategy,
    seed: sweep.seed ?? checkSpec(req.spec).training.seed, metric: sweep.metric, goal: sweep.goal, pruner: s.pruner, budget: s.budget, status: 'running',
    parameters: sweep.parameters, trials: [], best: null, startedAt: new Date().toISOString(), endedAt: null, parallel, resumedAt: [],
  };
}

/** A resumed sweep must search the same space for the same goal, or its finished trials mean something else. */
function resumeRecord(req: SweepRequest, prior: SweepRecord, parallel: number): SweepRecord {
  const sweep = req.spec.sweep!;
  const same = (a: unknown, b: unknown) => JSON.stringify(a) === JSON.stringify(b);
  for (const [key, now] of [['strategy', sweep.strategy], ['metric', sweep.metric], ['goal', sweep.goal], ['parameters', sweep.parameters]] as const) {
    if (!same(prior[key], now)) throw new SpecError(`sweep.${key}`, `differs from sweep ${prior.id}, which this run resumes; restore it, or start a new sweep without --resume`);
  }
  if (prior.status !== 'cancelled' && prior.status !== 'timed-out') throw new SpecError('sweep', `sweep ${prior.id} is ${prior.status}; only a cancelled or timed-out sweep can be resumed`);
  return { ...prior, status: 'running', endedAt: null, parallel, resumedAt: [...(prior.resumedAt ?? []), new Date().toISOString()] };
}

function trialStatus(s: string): TrialStatus {
  return s === 'completed' || s === 'pruned' || s === 'cancelled' ? s : 'failed';
}

/**
 * Runs the sweep's trials, `parallel` at a time, each as a run linked to the sweep id, and keeps
 * `.mlops/sweeps/<id>/sweep.json` up to date as they progress. The data is read, hashed and checked
 * against its contract once. Cancelling (or running out of budget.minutes) stops the running trials
 * (their runs are marked cancelled) and starts no more; the best completed trial is reported.
 */
export async function runSweep(req: SweepRequest): Promise<SweepResult> {
  const started = performance.now();
  const { trials, parallel: specParallel, settings } = prepareSweep(req.spec, req.schema);
  const keys = checkParameters(req.spec.sweep!, req.schema);
  const parallel = req.parallel ?? specParallel;
  const record = req.resume ? resumeRecord(req, req.resume, parallel) : newRecord(req, settings, parallel);
  const base = { sweepId: record.id, metric: record.metric, goal: record.goal, parallel, best: null, strategy: record.strategy };
  const planned = record.strategy === 'tpe' ? [] : trials;
  const seconds = () => (performance.now() - started) / 1000;
  const loaded = await readAndCheck(req);
  if (!('data' in loaded)) return { ...base, status: loaded.failure === 'cancelled' ? 'cancelled' : 'failed', trials: notStarted(planned, record), seconds: seconds(), ...loaded };
  const { data, report } = loaded;
  const timeout = new AbortController();
  const timer = settings.minutes === null ? undefined : setTimeout(() => timeout.abort(), settings.minutes * 60_000);
  const signal = req.signal ? AbortSignal.any([req.signal, timeout.signal]) : timeout.signal;
  const git = await gitState(new GitExecutor(req.workspace));
  const metrics = new Map<number, Record<string, number>>();
  const runTrial = trialRunner(req, { record, settings, keys, data, git, metrics });
  req.onEvent?.({ type: 'log', message: startLine(record, settings, req.resume !== undefined) });
  const workers = Math.min(parallel, settings.trials);
  req.onEvent?.({ type: 'phase', message: `starting ${workers} ${workers === 1 ? 'worker' : 'workers'} for ${settings.trials} trials (loading the training backend)` });
  try {
    await schedule({
      record, spaces: settings.spaces, planned: record.strategy === 'tpe' ? undefined : planned.map((t) => t.values), trials: settings.trials, parallel,
      maxEpochs: settings.maxEpochs, startupTrials: settings.startupTrials, signal, save: (r) => writeSweepRecord(req.workspace, r), runTrial,
    });
  } finally {
    clearTimeout(timer);
  }
  record.status = req.signal?.aborted ? 'cancelled' : timeout.signal.aborted ? 'timed-out' : record.trials.some((t) => t.status === 'completed') ? 'completed' : 'failed';
  record.endedAt = new Date().toISOString();
  record.best = bestOf(record);
  writeSweepRecord(req.workspace, record);
  return toResult(record, base, metrics, seconds(), report, planned);
}

/** Reads the data and checks its contract once for all trials; a failure says why nothing ran. */
async function readAndCheck(req: SweepRequest): Promise<{ data: TrainingData; report?: ContractReport } | Pick<SweepResult, 'failure' | 'error' | 'contractReport'>> {
  let data: TrainingData;
  let report: ContractReport | undefined;
  try {
    req.onEvent?.({ type: 'phase', message: `reading ${req.spec.data?.train?.path ?? 'the training data'}` });
    data = await readTrainingData(req.workspace, req.specPath, req.spec);
    if (data.contract && req.checkContract) req.onEvent?.({ type: 'phase', message: 'checking the data against its contract' });
    report = await checkOnce(req, data);
  } catch (e) {
    if (e instanceof DataError || e instanceof CancelledError) return { error: e.message, failure: e instanceof DataError ? 'data' : 'cancelled' };
    throw e;
  }
  if (report && !report.passed && !req.allowContractViolations) {
    return { ...failedChecks(report), failure: 'contract', error: 'the data breaks its contract; fix the data, or pass --allow-contract-violations' };
  }
  return { data, report };
}

function startLine(record: SweepRecord, s: SweepSettings, resumed: boolean): string {
  const asha = s.pruner ? `, ASHA rungs every x${s.pruner.reductionFactor} from epoch ${s.pruner.minEpochs}` : '';
  const kept = resumed ? ` (resumed: ${record.trials.filter((t) => t.status !== 'cancelled' && t.status !== 'running').length} trials kept)` : '';
  return `sweep ${record.id}: ${record.strategy}, ${s.trials} trials, ${record.parallel} in parallel${asha}${kept}`;
}

/** Planned trials a stopped sweep never started: listed as cancelled, without a run. */
function notStarted(planned: Trial[], record: SweepRecord): TrialOutcome[] {
  const seen = new Set(record.trials.map((t) => t.number));
  return planned.filter((t) => !seen.has(t.index)).map((t) => ({ trial: t.index, runId: null, status: 'cancelled', values: t.values, metrics: {} }));
}

interface TrialContext {
  record: SweepRecord;
  settings: SweepSettings;
  keys: Map<string, Array<string | number>>;
  data: TrainingData;
  git: RunRecord['git'];
  /** Each trial's final metrics, for the result printed at the end. */
  metrics: Map<number, Record<string, number>>;
}

/** Trains one trial through req.runTrial: its spec, its progress events, and the pruner's answers per epoch. */
function trialRunner(req: SweepRequest, c: TrialContext): RunOneTrial {
  return async (t, hooks, sig) => {
    const spec = trialSpec(req.spec, makeTrial(t.number, t.params, c.keys, req.schema), c.settings);
    const onEvent = (e: TrainEvent) => {
      if (e.type === 'started') hooks.started(e.runId);
      if (e.type === 'epoch' && !c.settings.pruner) hooks.epoch(e.epoch, e.metrics);
      req.onEvent?.(e);
    };
    const request: TrialRequest = { workspace: req.workspace, specPath: req.specPath, specHash: req.specHash, spec, sweep: { id: c.record.id, trial: t.number, trials: c.settings.trials }, preloaded: c.data, git: c.git };
    const r = await req.runTrial(request, onEvent, sig, c.settings.pruner ? (epoch, m) => hooks.epoch(epoch, m) : undefined);
    c.metrics.set(t.number, r.metrics);
    return { status: trialStatus(r.status), runId: r.runId, value: r.metrics[c.record.metric] ?? null, error: r.error };
  };
}

function toResult(record: SweepRecord, base: Omit<SweepResult, 'status' | 'trials' | 'seconds'>, metrics: Map<number, Record<string, number>>, seconds: number, report: ContractReport | undefined, planned: Trial[]): SweepResult {
  const ran: TrialOutcome[] = record.trials.map((t) => ({
    trial: t.number, runId: t.runId, status: t.status, values: t.params,
    metrics: metrics.get(t.number) ?? (t.value === null ? {} : { [record.metric]: t.value }), ...(t.error ? { error: t.error } : {}),
  }));
  const trials = [...ran, ...notStarted(planned, record)].sort((a, b) => a.trial - b.trial);
  const b = record.best;
  return {
    ...base, status: record.status === 'running' ? 'failed' : record.status, trials, seconds, ...failedChecks(report),
    best: b ? { trial: b.number, runId: b.runId, value: b.value, values: b.params } : null, record: `.mlops/sweeps/${record.id}/sweep.json`,
  };
}
