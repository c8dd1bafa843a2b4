import { Asha } from './asha';
import { bestOf, type SweepRecord, type SweepTrialRecord, type TrialStatus } from './record';
import type { ParamSpace } from './space';
import { suggestTrial, type TpeObservation } from './tpe';

/** What one trial ends with. */
export interface TrialReport { status: TrialStatus; runId: string | null; value: number | null; error?: string; metrics?: Record<string, number> }

/** Calls a trial makes while it runs: its run id once known, and each epoch's metrics (true: stop, pruned). */
export interface TrialHooks { started(runId: string): void; epoch(epoch: number, metrics: Record<string, number>): boolean }

/** Trains one trial (a worker thread for real sweeps, a curve function in the benchmark). */
export type RunOneTrial = (t: { number: number; params: Record<string, unknown> }, hooks: TrialHooks, signal?: AbortSignal) => Promise<TrialReport>;

export interface ScheduleOptions {
  /** The sweep so far (new, or read back to resume); updated in place and saved on every change. */
  record: SweepRecord;
  spaces: Record<string, ParamSpace>;
  /** grid and random: the parameters of trial n are planned[n - 1]. */
  planned?: Array<Record<string, unknown>>;
  trials: number;
  parallel: number;
  /** Epochs a trial trains at most (the last rung lies below it). */
  maxEpochs: number;
  startupTrials?: number;
  signal?: AbortSignal;
  save(record: SweepRecord): void;
  runTrial: RunOneTrial;
}

function observations(record: SweepRecord): TpeObservation[] {
  return record.trials.filter((t) => t.status === 'completed' || t.status === 'pruned')
    .map((t) => ({ number: t.number, params: t.params, state: t.status as 'completed' | 'pruned', value: t.value, intermediate: t.intermediate }));
}

/** Rebuilds the rungs from trials that ended (a resumed sweep judges new trials against them). */
function rebuildAsha(o: ScheduleOptions): Asha | null {
  const p = o.record.pruner;
  if (!p) return null;
  const asha = new Asha(p, o.record.goal, o.maxEpochs);
  for (const t of o.record.trials) if (t.status !== 'running' && t.status !== 'cancelled') t.intermediate.forEach((i) => asha.remember(i.epoch, i.value));
  return asha;
}

/** Picks the next trial: first those a cancelled session left unfinished (same number, same params), then new ones. */
function nextTrial(o: ScheduleOptions, redo: SweepTrialRecord[]): SweepTrialRecord | undefined {
  const again = redo.shift();
  if (again) return again;
  const number = o.record.trials.reduce((m, t) => Math.max(m, t.number), 0) + 1;
  if (number > o.trials) return undefined;
  const params = o.planned ? o.planned[number - 1] : suggestTrial(o.spaces, observations(o.record), number, o.record.seed, { goal: o.record.goal, startupTrials: o.startupTrials });
  if (!params) return undefined;
  const t: SweepTrialRecord = { number, runId: null, params, status: 'running', intermediate: [], value: null };
  o.record.trials.push(t);
  return t;
}

async function runOne(o: ScheduleOptions, t: SweepTrialRecord, asha: Asha | null): Promise<void> {
  Object.assign(t, { status: 'running', runId: null, intermediate: [], value: null, error: undefined });
  o.save(o.record);
  const metric = o.record.pruner?.metric ?? o.record.metric;
  const hooks: TrialHooks = {
    started: (runId) => { t.runId = runId; o.save(o.record); },
    epoch: (epoch, metrics) => {
      const value = metrics[metric];
      if (value === undefined) return false;
      t.intermediate.push({ epoch, value });
      // A stopping sweep prunes nothing: the trial ends cancelled and is rerun on resume.
      const prune = !o.signal?.aborted && (asha?.report(epoch, value) ?? false);
      o.save(o.record);
      return prune;
    },
  };
  let r: TrialReport;
  try {
    r = await o.runTrial({ number: t.number, params: t.params }, hooks, o.signal);
  } catch (e) {
    r = { status: 'failed', runId: t.runId, value: null, error: (e as Error).message };
  }
  Object.assign(t, { status: r.status, runId: r.runId ?? t.runId, value: r.status === 'completed' && Number.isFinite(r.value) ? r.value : null, ...(r.error ? { error: r.error } : {}) });
  o.record.best = bestOf(o.record);
  o.save(o.record);
}

/**
 * Runs a sweep's trials `parallel` at a time until the trial budget is spent or the signal fires.
 * Each free lane takes the next trial at once (TPE samples it from the trials finished by then), and
 * ASHA judges each epoch report as it arrives, so no trial waits for another.
 */
export async function schedule(o: ScheduleOptions): Promise<void> {
  const redo = o.record.trials.filter((t) => t.status === 'running' || t.status === 'cancelled').sort((a, b) => a.number - b.number);
  const asha = rebuildAsha(o);
  const lane = async () => {
    while (!o.signal?.aborted) {
      const t = nextTrial(o, redo);
      if (!t) return;
      await runOne(o, t, asha);
    }
  };
  await Promise.all(Array.from({ length: Math.max(1, o.parallel) }, lane));
  o.record.best = bestOf(o.record);
}
