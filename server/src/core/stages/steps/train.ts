import { cpSync, mkdirSync, rmSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { dirname, resolve } from 'node:path';
import { checkData } from '../../contract/check';
import { schema as pipelineSchema } from '../../pipeline/schema';
import type { PipelineSpec, Stage } from '../../pipeline/spec';
import { hashText } from '../../tracking/provenance';
import { readRun, runDir, writeFileAtomic } from '../../tracking/store';
import type { GateResult } from '../../tracking/types';
import { SpecError } from '../../training/errors';
import { applyOverride, checkValue, splitPath, type Override, type SchemaNode } from '../../training/overrides';
import { epochLine, headlineKeys } from '../../training/progress';
import { runTraining, type TrainEvent } from '../../training/run';
import { runSweep } from '../../training/sweepRunner';
import { TrialPool } from '../../training/workerPool';
import { cliCommand, errorMessage, flag, opt, StepCancelled, type StepDefinition, type StepRun } from './step';

/** `with.set` as overrides, in the order written; a key that is not a spec path is a SpecError. */
export function trainOverrides(stage: Stage): Override[] {
  const set = stage.with?.set;
  if (!set || typeof set !== 'object' || Array.isArray(set)) return [];
  return Object.entries(set as Record<string, unknown>).map(([path, value]) => {
    const keys = splitPath(path);
    if (!keys) throw new SpecError(`with.set.${path}`, 'is not a spec path; write keys separated by dots and list indexes in brackets');
    return { path, keys, value };
  });
}

/** The spec a train stage trains: the pipeline's, with `with.set` (and `with.backend`) applied and checked. */
export function trainSpec(stage: Stage, spec: PipelineSpec): PipelineSpec {
  const backend = opt(stage, 'backend');
  const all = [...trainOverrides(stage), ...(backend ? [{ path: 'training.backend', keys: ['training', 'backend'], value: backend }] : [])];
  return all.reduce((s, o) => { checkValue(pipelineSchema as SchemaNode, o); return applyOverride(s, o); }, spec);
}

const setWord = (o: Override) => `${o.path}=${typeof o.value === 'string' ? o.value : JSON.stringify(o.value)}`;

function sweeps(stage: Stage): boolean {
  return stage.with?.sweep === true;
}

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
    if (e.type === 'log') r.log(e.message);
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

export const trainStep: StepDefinition = {
  name: 'train',
  options: ['set', 'backend', 'sweep', 'allowContractViolations', 'model', 'metrics'],
  implied(_name, stage, ctx) {
    const train = ctx.spec.data?.train;
    return {
      deps: [train?.path, train?.contract].filter((p): p is string => !!p),
      outs: [opt(stage, 'model'), opt(stage, 'metrics')].filter((p): p is string => !!p),
      params: ['data.train', 'features', 'model', 'training', 'evaluation', ...(sweeps(stage) ? ['sweep'] : [])],
      after: [],
    };
  },
  problems(_name, stage, ctx) {
    const out = [];
    if (!ctx.spec.model) out.push({ message: 'uses: train needs a model section (model.type and model.task)' });
    if (!ctx.spec.features?.target) out.push({ message: 'uses: train needs features.target (the column to predict)' });
    if (sweeps(stage) && !ctx.spec.sweep) out.push({ key: 'sweep', message: 'with.sweep is true but the spec has no sweep section' });
    try {
      trainSpec(stage, ctx.spec);
    } catch (e) {
      out.push({ key: 'set', message: `with.set ${errorMessage(e)}` });
    }
    return out;
  },
  command(_name, stage, ctx) {
    const sets = trainOverrides(stage).flatMap((o) => ['--set', setWord(o)]);
    return cliCommand([sweeps(stage) ? 'sweep' : 'train', ctx.specFile, ...sets, ...flag('--backend', opt(stage, 'backend')),
      ...flag('--allow-contract-violations', stage.with?.allowContractViolations === true)]);
  },
  async run(r) {
    let spec: PipelineSpec;
    try {
      spec = trainSpec(r.stage, r.ctx.spec);
    } catch (e) {
      return { ok: false, message: errorMessage(e) };
    }
    const outcome = await train(r, spec).catch((e: unknown) => ({ error: errorMessage(e), runId: undefined, cancelled: r.signal.aborted }));
    if (outcome.cancelled || r.signal.aborted) throw new StepCancelled('cancelled');
    if (!outcome.runId) return { ok: false, message: `training failed: ${outcome.error ?? 'no run completed'}` };
    const record = readRun(r.dir, outcome.runId);
    const failed = failedGates(record.gates);
    if (failed) return { ok: false, message: `run ${outcome.runId}: gates failed: ${failed}`, run: outcome.runId };
    writeOutputs(r, outcome.runId);
    return { ok: true, message: `run ${outcome.runId} completed`, run: outcome.runId };
  },
};
