import { availableParallelism } from 'node:os';
import type { PipelineSpec } from '../pipeline/spec';
import { GitExecutor } from '../registry/git';
import { gitState } from '../tracking/provenance';
import { newRunId } from '../tracking/store';
import { CancelledError, DataError, SpecError } from './errors';
import { applyOverride, type SchemaNode } from './overrides';
import { checkSpec, failedChecks, readTrainingData, type ContractChecker, type ContractReport, type TrainEvent, type TrainResult } from './run';
import { bestTrial, checkSweepMetric, planTrials, type Trial } from './sweep';
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
  /** Trains one trial, normally in a worker thread (TrialPool.run). */
  runTrial: (request: TrialRequest, onEvent: (e: TrainEvent) => void, signal?: AbortSignal) => Promise<TrainResult>;
}

export interface TrialOutcome { trial: number; runId: string | null; status: string; values: Record<string, unknown>; metrics: Record<string, number>; error?: string }

/** What `mlops sweep --format json` prints. */
export interface SweepResult {
  sweepId: string;
  status: 'completed' | 'failed' | 'cancelled';
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
}

/** Checks the sweep section and plans its trials; SpecError before anything runs. */
export function prepareSweep(spec: PipelineSpec, schema: SchemaNode): { trials: Trial[]; parallel: number } {
  if (!spec.sweep) throw new SpecError('sweep', 'the spec has no sweep section; add sweep.strategy, metric, goal and parameters');
  const { training } = checkSpec(spec);
  checkSweepMetric(spec.sweep, spec.model!.task, training.validationSplit > 0);
  const trials = planTrials(spec.sweep, schema, training.seed);
  trials.forEach((t) => checkSpec(t.overrides.reduce((s, o) => applyOverride(s, o), spec)));
  const parallel = spec.sweep.parallel ?? availableParallelism();
  if (!Number.isInteger(parallel) || parallel < 1) throw new SpecError('sweep.parallel', `must be a positive integer (got ${JSON.stringify(parallel)})`);
  return { trials, parallel };
}

async function checkOnce(req: SweepRequest, data: Awaited<ReturnType<typeof readTrainingData>>): Promise<ContractReport | undefined> {
  if (!data.contract || !req.checkContract) return undefined;
  const report = await req.checkContract({ contractPath: data.contract.path, contract: data.contract.loaded, dataPath: data.table.path, schema: data.contract.schema, signal: req.signal });
  return report;
}

/** Runs the trials `parallel` at a time (each lane takes the next trial until none are left or the user cancels). */
async function runTrials(req: SweepRequest, trials: Trial[], parallel: number, outcomes: TrialOutcome[], request: (t: Trial) => TrialRequest): Promise<void> {
  let next = 0;
  const lane = async () => {
    while (next < trials.length && !req.signal?.aborted) {
      const t = trials[next++]!;
      try {
        const r = await req.runTrial(request(t), (e) => req.onEvent?.(e), req.signal);
        outcomes[t.index - 1] = { ...outcomes[t.index - 1]!, runId: r.runId, status: r.status, metrics: r.metrics, error: r.error };
      } catch (e) {
        outcomes[t.index - 1] = { ...outcomes[t.index - 1]!, status: 'failed', error: (e as Error).message };
      }
    }
  };
  await Promise.all(Array.from({ length: Math.min(parallel, trials.length) }, lane));
}

/**
 * Runs every trial, `parallel` at a time, each as a run linked to the sweep id. The data is read,
 * hashed and checked against its contract once. Cancelling stops the running trials (their runs are
 * marked cancelled) and starts no more; the best completed trial is reported.
 */
export async function runSweep(req: SweepRequest): Promise<SweepResult> {
  const started = performance.now();
  const { trials, parallel: specParallel } = prepareSweep(req.spec, req.schema);
  const parallel = req.parallel ?? specParallel;
  const sweep = req.spec.sweep!;
  const base = { sweepId: `sweep-${newRunId()}`, metric: sweep.metric, goal: sweep.goal, parallel, best: null };
  const outcomes: TrialOutcome[] = trials.map((t) => ({ trial: t.index, runId: null, status: 'cancelled', values: t.values, metrics: {} }));
  const seconds = () => (performance.now() - started) / 1000;
  let data;
  let report: ContractReport | undefined;
  try {
    req.onEvent?.({ type: 'phase', message: `reading ${req.spec.data?.train?.path ?? 'the training data'}` });
    data = await readTrainingData(req.workspace, req.specPath, req.spec);
    if (data.contract && req.checkContract) req.onEvent?.({ type: 'phase', message: 'checking the data against its contract' });
    report = await checkOnce(req, data);
  } catch (e) {
    if (e instanceof DataError || e instanceof CancelledError) return { ...base, status: e instanceof DataError ? 'failed' : 'cancelled', trials: outcomes, seconds: seconds(), error: e.message, failure: e instanceof DataError ? 'data' : 'cancelled' };
    throw e;
  }
  if (report && !report.passed && !req.allowContractViolations) {
    return { ...base, status: 'failed', trials: outcomes, seconds: seconds(), ...failedChecks(report), failure: 'contract', error: 'the data breaks its contract; fix the data, or pass --allow-contract-violations' };
  }
  req.onEvent?.({ type: 'log', message: `sweep ${base.sweepId}: ${trials.length} trials, ${parallel} in parallel` });
  const workers = Math.min(parallel, trials.length);
  req.onEvent?.({ type: 'phase', message: `starting ${workers} ${workers === 1 ? 'worker' : 'workers'} for ${trials.length} trials (loading the training backend)` });
  const git = await gitState(new GitExecutor(req.workspace));
  await runTrials(req, trials, parallel, outcomes, (t) => ({
    workspace: req.workspace, specPath: req.specPath, specHash: req.specHash, spec: t.overrides.reduce((s, o) => applyOverride(s, o), req.spec),
    sweep: { id: base.sweepId, trial: t.index, trials: trials.length }, preloaded: data, git,
  }));
  const best = bestTrial(outcomes, sweep);
  const status = req.signal?.aborted ? 'cancelled' : outcomes.some((o) => o.status === 'completed') ? 'completed' : 'failed';
  return {
    ...base, status, trials: outcomes, seconds: seconds(), ...failedChecks(report),
    best: best ? { trial: best.trial, runId: best.runId!, value: best.metrics[sweep.metric]!, values: best.values } : null,
  };
}
