// Runs the numeric column work either inline or on worker threads. Columns live on SharedArrayBuffers,
// so handing one to a worker copies nothing: the worker sorts it in place and returns a small result.
import { existsSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { join, resolve } from 'node:path';
import { Worker } from 'node:worker_threads';
import type { NumericComparison, NumericOptions } from '../statistics/numeric';
import type { SortedColumn } from '../sorting/sort';
import { runDriftTask, type DriftTask, type DriftTaskResult } from './tasks';

export interface NumericEngine {
  /** True when columns must be allocated on SharedArrayBuffer (worker threads). */
  shared: boolean;
  sort(values: Float64Array): Promise<SortedColumn>;
  compare(reference: Float64Array, current: Float64Array, options?: NumericOptions): Promise<NumericComparison>;
  close(): Promise<void>;
}

/** A task before the pool numbers it. */
type TaskBody = { op: 'sort'; values: Float64Array } | { op: 'compare'; reference: Float64Array; current: Float64Array; options?: NumericOptions };

type Pending = { task: DriftTask; resolve(r: DriftTaskResult): void; reject(e: Error): void };

/** Below this many numeric values in total, starting threads costs more than it saves. */
export const WORKER_MIN_VALUES = 400_000;

function unwrap<T>(r: DriftTaskResult, pick: (r: Extract<DriftTaskResult, { ok: true }>) => T | undefined): T {
  if (!r.ok) throw new Error(r.error);
  const v = pick(r);
  if (v === undefined) throw new Error('drift worker returned no result');
  return v;
}

function engineOver(run: (task: TaskBody) => Promise<DriftTaskResult>, shared: boolean, close: () => Promise<void>): NumericEngine {
  return {
    shared,
    sort: async (values) => unwrap(await run({ op: 'sort', values }), (r) => r.sorted),
    compare: async (reference, current, options) => unwrap(await run({ op: 'compare', reference, current, options }), (r) => r.comparison),
    close,
  };
}

/** Runs every task on the calling thread. */
export function inlineEngine(): NumericEngine {
  let id = 0;
  return engineOver(async (task) => runDriftTask({ ...task, id: id++ } as DriftTask), false, async () => undefined);
}

/**
 * The bundled worker script: next to the bundle (dist/server.js: dist/workers), beside the CLI's pieces
 * (dist/cli/: ../workers) or, from sources, in the built dist/.
 */
export function driftWorkerScript(): string | undefined {
  const candidates = [join(__dirname, 'workers', 'drift.js'), join(__dirname, '..', 'workers', 'drift.js'), resolve(__dirname, '../../../../../dist/workers/drift.js')];
  return candidates.find((p) => existsSync(p));
}

/** A pool of `count` worker threads taking tasks first come, first served. */
export function workerEngine(count: number, script: string): NumericEngine {
  const queue: Pending[] = [];
  const busy = new Map<Worker, Pending>();
  const idle: Worker[] = [];
  let live = count;
  let nextId = 0;
  const pump = () => {
    while (idle.length > 0 && queue.length > 0) {
      const worker = idle.pop()!;
      const job = queue.shift()!;
      busy.set(worker, job);
      worker.postMessage(job.task);
    }
  };
  const fail = (worker: Worker, e: Error) => {
    // A dead worker (out of memory, crash) fails its task; with none left, everything queued fails too.
    busy.get(worker)?.reject(e);
    busy.delete(worker);
    live--;
    if (live === 0) for (const job of queue.splice(0)) job.reject(e);
  };
  const workers = Array.from({ length: count }, () => {
    const worker = new Worker(script);
    worker.on('message', (r: DriftTaskResult) => {
      const job = busy.get(worker);
      busy.delete(worker);
      idle.push(worker);
      job?.resolve(r);
      pump();
    });
    worker.on('error', (e) => fail(worker, e));
    idle.push(worker);
    return worker;
  });
  const run = (task: TaskBody) => new Promise<DriftTaskResult>((res, rej) => {
    if (live === 0) return rej(new Error('every drift worker thread has stopped'));
    queue.push({ task: { ...task, id: nextId++ } as DriftTask, resolve: res, reject: rej });
    pump();
  });
  return engineOver(run, true, async () => { await Promise.all(workers.map((w) => w.terminate())); });
}

/**
 * Worker threads when there is enough work and the bundled worker exists (`workers` 0 forces inline;
 * undefined means one per core, at most 4), else inline.
 */
export function createEngine(workers: number | undefined, totalValues: number): NumericEngine {
  const count = workers ?? Math.min(4, availableParallelism());
  const script = driftWorkerScript();
  if (count <= 0 || !script || (workers === undefined && totalValues < WORKER_MIN_VALUES)) return inlineEngine();
  return workerEngine(count, script);
}
