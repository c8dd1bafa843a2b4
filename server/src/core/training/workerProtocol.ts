import type { TrainEvent, TrainRequest, TrainResult } from './run';

/** A trial request as it crosses to a worker thread: plain data only (no signal, callbacks). */
export type TrialRequest = Omit<TrainRequest, 'signal' | 'onEvent' | 'checkContract' | 'shouldPrune'> & {
  /** The parent decides after each epoch whether the trial goes on (a `decision` message answers each epoch event). */
  pruning?: boolean;
};

/** Main thread -> trial worker (server/src/workers/trainTrial.ts). */
export type ToWorker =
  | { type: 'run'; request: TrialRequest }
  /** Cancel the trial running now: it stops between batches and its run is marked cancelled. */
  | { type: 'cancel' }
  /** The answer to an epoch event of a pruning trial: stop here (pruned) or go on. */
  | { type: 'decision'; epoch: number; prune: boolean };

/** Trial worker -> main thread. */
export type FromWorker =
  | { type: 'event'; event: TrainEvent }
  | { type: 'result'; result: TrainResult }
  /** The trial could not start (a spec error found before its run was recorded, or a crash). */
  | { type: 'error'; message: string };

/** Type guard for messages arriving from a trial worker. */
export function isFromWorker(m: unknown): m is FromWorker {
  const t = (m as { type?: unknown } | null)?.type;
  return t === 'event' || t === 'result' || t === 'error';
}
