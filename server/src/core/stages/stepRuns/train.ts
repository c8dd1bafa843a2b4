import { cpSync, mkdirSync, rmSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { dirname, resolve } from 'node:path';
import { checkData } from '../../contract/check';
import { schema as pipelineSchema } from '../../pipeline/schema';
import type { PipelineSpec } from '../../pipeline/spec';
import { hashText } from '../../tracking/provenance';
import { listRuns, readRun, runDir, writeFileAtomic } from '../../tracking/store';
import type { GateResult } from '../../tracking/types';
import { applyOverride, type SchemaNode } from '../../training/overrides';
import { epochLine, headlineKeys } from '../../training/progress';
import { runTraining, type TrainEvent } from '../../training/run';
import { bestTrial } from '../../training/sweep';
import { prepareSweep, runSweep } from '../../training/sweepRunner';
import { TrialPool } from '../../training/workerPool';
import { errorMessage, opt, StepCancelled, type StepOutcome, type StepRun, type StepRunner } from '../steps/step';
import { sweeps } from '../steps/train';
import { trainSpec } from '../steps/trainSpec';

function failedGates(gates: GateResult[]): string {
  return gates.filter((g) => !g.passed).map((g) => `${g.metric} ${g.value === null ? 'missing' : g.value.toFixed(4)} (needs ${g.condition})`).join(', ');
}

/** Copies the model and writes the metrics a stage declared under `with.model` and `with.metrics`. */
function writeOutputs(r: StepRun, runId: string): void {
  const record = readRun(r.dir, runId);
  const model = opt(r.stage, 'model');
  if (model && record.modelDir) {
    const target = resolve(r.dir, model);
    rmSync(target, { recursive: true, force: true });
    cpSync(resolve(runDir(r.dir, runId), record.modelDir), target, { recursive: true });
  }
  const metrics = opt(r.stage, 'metrics');
  if (metrics) {
    const target = resolve(r.dir, metrics);
    mkdirSync(dirname(target), { recursive: true });
    writeFileAtomic(target, `${JSON.stringify({ run: runId, metrics: record.metrics, gates: record.gates }, null, 2)}\n`);
  }
}

function printer(r: StepRun, wanted: string[]): (e: TrainEvent) => void {
  return (e) => {
    const trial = 'trial' in e && e.trial !== undefined ? `[trial ${e.trial}] ` : '';
    if (e.type === 'log' || e.type === 'phase') r.log(e.message);
    else if (e.type === 'started') r.log(`${trial}run ${e.runId}: training on ${e.backend}, ${e.epochs} epochs`);
    else r.log(epochLine(e.epoch, e.epochs, e.metrics, headlineKeys(e.metrics, wanted), trial));
  };
}

/** Trains once (or sweeps) and returns the run id that counts, or why not. */
async function train(r: StepRun, spec: PipelineSpec): Promise<{ runId?: string; error?: string; cancelled?: boolean }> {
  const base = { workspace: r.dir, specPath: r.specPath, specHash: hashText(r.specText), spec, signal: r.signal,
    onEvent: printer(r, spec.evaluation?.metrics ?? []), checkContract: checkData, allowContractViolations: r.stage.with.allowContractViolations === true };
  if (!sweeps(r.stage)) {
    const result = await runTraining(base);
    return { runId: result.status === 'completed' ? result.runId : undefined, error: result.error, cancelled: result.status === 'cancelled' };
  }
  if (!r.trialWorkerFile) return { error: 'sweeps need the trial worker (dist/workers/trainTrial.js); run npm run build' };
  const pool = new TrialPool(r.trialWorkerFile, spec.sweep?.parallel ?? availableParallelism());
  try {
    const result = await runSweep({ ...base, schema: pipelineSchema as SchemaNode, runTrial: (req, onEvent, signal) => pool.run(req, onEvent, signal) });
    if (result.best) r.log(`best: trial ${result.best.trial}, run ${result.best.runId}, ${result.metric} ${result.best.value.toFixed(4)}`);
    return { runId: result.best?.runId, error: result.error ?? (result.best ? undefined : 'no trial completed'), cancelled: result.status === 'cancelled' };
  } finally {
    await pool.close();
  }
}

/** `uses: train`: `mlops train`'s engine (or `mlops sweep`'s, keeping the best trial); fails when the gates fail. */
export const runTrain: StepRunner = async (r) => {
  let spec: PipelineSpec;
  try {
    spec = trainSpec(r.stage, r.ctx.spec);
  } catch (e) {
    return { ok: false, message: errorMessage(e) };
  }
  const outcome = await train(r, spec).catch((e: unknown) => ({ error: errorMessage(e), runId: undefined, cancelled: r.signal.aborted }));
  if (outcome.cancelled || r.signal.aborted) throw new StepCancelled('cancelled');
  if (!outcome.runId) return { ok: false, message: `training failed: ${outcome.error ?? 'no run completed'}` };
  return finish(r, outcome.runId);
};

/** How a train stage runs as one pod of a fanned-out sweep (`mlops stage <train> --trial N --sweep-id ID`). */
export interface SweepPart { sweepId: string; trial?: number; pickBest?: boolean }

/**
 * One part of a sweep spread over pods: trial N of the sweep as planned from the spec (the same plan
 * on every pod: the sweep's seed fixes it), recorded with the sweep id; or, once every trial is done,
 * the best recorded trial of that sweep, whose model and metrics become the stage's outputs.
 */
export async function runSweepPart(r: StepRun, part: SweepPart): Promise<StepOutcome> {
  let spec: PipelineSpec;
  try {
    spec = trainSpec(r.stage, r.ctx.spec);
  } catch (e) {
    return { ok: false, message: errorMessage(e) };
  }
  if (!spec.sweep) return { ok: false, message: 'the spec has no sweep section' };
  if (part.pickBest) {
    const trials = listRuns(r.dir).filter((x) => x.sweepId === part.sweepId);
    const best = bestTrial(trials, spec.sweep);
    if (!best) return { ok: false, message: `no completed trial of sweep ${part.sweepId} under ${r.dir}/.mlops/runs (${trials.length} recorded)` };
    r.log(`best of ${trials.length} trials: trial ${best.trial}, run ${best.id}, ${spec.sweep.metric} ${best.metrics[spec.sweep.metric]!.toFixed(4)}`);
    return finish(r, best.id);
  }
  // tpe draws each trial from the ones finished before it: there is no plan to hand out one pod per trial.
  if (spec.sweep.strategy === 'tpe') return { ok: false, message: 'sweep.strategy tpe draws each trial from the trials before it, so it cannot fan out one pod per trial; use grid or random here, or run the whole sweep in one step (mlops sweep)' };
  let trials;
  try {
    trials = prepareSweep(spec, pipelineSchema as SchemaNode).trials;
  } catch (e) {
    return { ok: false, message: errorMessage(e) };
  }
  const trial = trials.find((t) => t.index === part.trial);
  if (!trial) return { ok: false, message: `the sweep plans trials 1 to ${trials.length}, not ${part.trial}` };
  const result = await runTraining({ workspace: r.dir, specPath: r.specPath, specHash: hashText(r.specText), signal: r.signal,
    spec: trial.overrides.reduce((s, o) => applyOverride(s, o), spec), sweep: { id: part.sweepId, trial: trial.index },
    onEvent: printer(r, spec.evaluation?.metrics ?? []), checkContract: checkData, allowContractViolations: r.stage.with.allowContractViolations === true });
  if (result.status === 'cancelled') throw new StepCancelled('cancelled');
  return result.status === 'completed' ? { ok: true, message: `trial ${trial.index}: run ${result.runId} completed`, run: result.runId } : { ok: false, message: `trial ${trial.index} failed: ${result.error}` };
}

/** Gates, then the stage's declared outputs, for the run that counts. */
function finish(r: StepRun, runId: string): StepOutcome {
  const record = readRun(r.dir, runId);
  const failed = failedGates(record.gates);
  if (failed) return { ok: false, message: `run ${runId}: gates failed: ${failed}`, run: runId };
  writeOutputs(r, runId);
  return { ok: true, message: `run ${runId} completed`, run: runId };
}
