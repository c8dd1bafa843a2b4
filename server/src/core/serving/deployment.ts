/**
 * A loaded version while it serves: its micro-batcher and a count of requests in flight, so that a
 * swap can retire it without cutting anyone off: it is disposed only once its last request is done.
 */
import { MicroBatcher, type BatchOptions } from './batcher';
import { turnOfEventLoop, type LoadedVersion, type Scores } from './model';
import type { CleanValue } from './rows';

export class Deployment {
  private inflight = 0;
  private retired = false;
  private disposed = false;
  readonly batcher: MicroBatcher;
  readonly loadedAt = new Date();

  constructor(readonly loaded: LoadedVersion, options: BatchOptions, onBatch?: (d: Deployment, s: Scores) => void) {
    this.batcher = new MicroBatcher((v, n) => loaded.score(v, n), loaded.inputs.columns.map((c) => c.name), options, (s) => onBatch?.(this, s));
  }

  get version(): number {
    return this.loaded.version;
  }

  /** Scores one request's rows through the batcher; the deployment stays alive until it answers. */
  async score(values: Map<string, CleanValue[]>, rows: number): Promise<Scores> {
    this.inflight++;
    try {
      return await this.batcher.submit(values, rows);
    } finally {
      this.inflight--;
      this.disposeWhenIdle();
    }
  }

  /** Stops taking new work (the caller no longer hands it out); frees the model after the last request. */
  retire(): void {
    this.retired = true;
    // Nothing new will join its batch: requests waiting for the window are answered now.
    this.batcher.flushNow();
    this.disposeWhenIdle();
  }

  get busy(): number {
    return this.inflight;
  }

  private disposeWhenIdle(): void {
    if (!this.retired || this.disposed || this.inflight > 0) return;
    this.disposed = true;
    this.loaded.dispose();
  }
}

/** One valid row (each numeric input at its training centre, each category at its first value). */
export function warmupValues(loaded: LoadedVersion, rows: number): Map<string, CleanValue[]> {
  const values = new Map<string, CleanValue[]>();
  for (const step of loaded.prep.steps) {
    const v: CleanValue = step.type === 'numeric' ? step.center : step.categories[0] ?? null;
    values.set(step.column, new Array<CleanValue>(rows).fill(v));
  }
  return values;
}

/**
 * Runs the model once at batch size 1 and once at maxBatch, so the first real request pays no
 * set-up; between the two (and before each) requests waiting on the event loop are answered, since a
 * swap warms the new version while the old one serves.
 */
export async function warmUp(loaded: LoadedVersion, maxBatch: number): Promise<void> {
  for (const n of [1, Math.max(1, maxBatch)]) {
    await turnOfEventLoop();
    loaded.score(warmupValues(loaded, n), n);
  }
}
