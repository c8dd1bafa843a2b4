import { availableParallelism } from 'node:os';
import { Worker } from 'node:worker_threads';
import type { TrainEvent, TrainResult } from './run';
import { isFromWorker, type ToWorker, type TrialRequest } from './workerProtocol';

interface Slot { worker: Worker; busy: boolean }

/**
 * A fixed number of trial workers, started on first use and reused across trials (each loads
 * TensorFlow.js once). `run` waits for an idle worker, forwards progress, and cancels the trial
 * in its worker when the signal fires.
 */
export class TrialPool {
  private readonly slots: Slot[] = [];
  private readonly waiting: Array<(s: Slot) => void> = [];
  private readonly dead = new WeakSet<Worker>();

  /** Starts the workers at once: each loads TensorFlow.js while the sweep reads and checks its data. */
  constructor(private readonly file: string, private readonly size: number) {
    for (let i = 0; i < size; i++) this.slots.push({ worker: this.spawn(), busy: false });
  }

  private spawn(): Worker {
    const worker = new Worker(this.file, { workerData: { wasmThreads: this.wasmThreads() } });
    // A worker that dies while idle (e.g. while loading TensorFlow.js) must not be handed a trial.
    worker.once('exit', () => this.dead.add(worker));
    return worker;
  }

  /**
   * The wasm backend runs its kernels on a thread pool as large as the machine by default. Trials in
   * parallel share the cores instead: each worker gets its share, so 2 trials on 2 cores do not run
   * 4 kernel threads between them.
   */
  private wasmThreads(): number {
    return Math.max(1, Math.floor(availableParallelism() / this.size));
  }

  private acquire(): Promise<Slot> {
    for (let i = this.slots.length - 1; i >= 0; i--) if (!this.slots[i]!.busy && this.dead.has(this.slots[i]!.worker)) this.slots.splice(i, 1);
    const idle = this.slots.find((s) => !s.busy);
    if (idle) { idle.busy = true; return Promise.resolve(idle); }
    if (this.slots.length < this.size) {
      const slot = { worker: this.spawn(), busy: true };
      this.slots.push(slot);
      return Promise.resolve(slot);
    }
    return new Promise((resolve) => this.waiting.push(resolve));
  }

  private release(slot: Slot, broken: boolean): void {
    if (broken) {
      void slot.worker.terminate();
      this.slots.splice(this.slots.indexOf(slot), 1);
      const next = this.waiting.shift();
      if (next) void this.acquire().then(next);
      return;
    }
    const next = this.waiting.shift();
    if (next) next(slot); else slot.busy = false;
  }

  /**
   * Runs one trial in a worker; rejects if the trial cannot start or the worker dies. With `decide`
   * (a pruned sweep) each epoch event is answered with decide's verdict: true stops the trial there.
   */
  async run(request: TrialRequest, onEvent: (e: TrainEvent) => void, signal?: AbortSignal, decide?: (epoch: number, metrics: Record<string, number>) => boolean): Promise<TrainResult> {
    const slot = await this.acquire();
    const w = slot.worker;
    return new Promise<TrainResult>((resolve, reject) => {
      const cancel = () => w.postMessage({ type: 'cancel' } satisfies ToWorker);
      const done = (broken: boolean) => {
        w.off('message', onMessage); w.off('error', onError); w.off('exit', onExit);
        signal?.removeEventListener('abort', cancel);
        this.release(slot, broken);
      };
      const onMessage = (m: unknown) => {
        if (!isFromWorker(m)) return;
        if (m.type === 'event') {
          onEvent(m.event);
          if (decide && m.event.type === 'epoch') w.postMessage({ type: 'decision', epoch: m.event.epoch, prune: decide(m.event.epoch, m.event.metrics) } satisfies ToWorker);
        }
        else if (m.type === 'result') { done(false); resolve(m.result); } else { done(false); reject(new Error(m.message)); }
      };
      const onError = (e: Error) => { done(true); reject(e); };
      const onExit = (code: number) => { done(true); reject(new Error(`trial worker exited with code ${code}`)); };
      w.on('message', onMessage); w.on('error', onError); w.on('exit', onExit);
      signal?.addEventListener('abort', cancel, { once: true });
      w.postMessage({ type: 'run', request: { ...request, pruning: decide !== undefined } } satisfies ToWorker);
      if (signal?.aborted) cancel();
    });
  }

  /** Stops every worker. */
  async close(): Promise<void> {
    await Promise.all(this.slots.map((s) => s.worker.terminate()));
    this.slots.length = 0;
  }
}
