/**
 * Micro-batching, as Triton's dynamic batcher and TF Serving's batching do: requests that arrive
 * together are scored in one model call. A batch closes when it holds `maxBatch` rows or when the
 * window ends (0: whatever arrived in the same turn of the event loop), so a lone request waits at
 * most the window. A request larger than maxBatch is scored alone.
 */
import type { Scores } from './model';
import type { CleanValue } from './rows';

export interface BatchOptions {
  /** Most rows in one model call (1 turns batching off). */
  maxBatch: number;
  /** How long the first request of a batch waits for others, in milliseconds (0: same event-loop turn). */
  windowMs: number;
}

type Score = (values: Map<string, ArrayLike<CleanValue>>, rows: number) => Scores;

interface Pending {
  values: Map<string, CleanValue[]>;
  rows: number;
  resolve(s: Scores): void;
  reject(e: unknown): void;
}

export interface BatchStats {
  /** Model calls made and rows they scored. */
  calls: number;
  rows: number;
}

/** One request's share of a batch's scores (unknown categories are counted per batch, by onBatch). */
function slice(s: Scores, start: number, rows: number): Scores {
  return {
    rows,
    prediction: s.prediction.slice(start, start + rows),
    ...(s.label ? { label: s.label.slice(start, start + rows) } : {}),
    unknown: new Map(),
  };
}

function joinColumns(items: Pending[], columns: string[]): Map<string, CleanValue[]> {
  const out = new Map<string, CleanValue[]>();
  for (const c of columns) {
    const all: CleanValue[] = [];
    for (const it of items) {
      const v = it.values.get(c)!;
      for (let i = 0; i < it.rows; i++) all.push(v[i]!);
    }
    out.set(c, all);
  }
  return out;
}

/** A queue in front of one model's `score`; `submit` resolves with that request's own predictions. */
export class MicroBatcher {
  private queue: Pending[] = [];
  private queuedRows = 0;
  private timer: NodeJS.Timeout | NodeJS.Immediate | null = null;
  readonly stats: BatchStats = { calls: 0, rows: 0 };

  constructor(private readonly score: Score, private readonly columns: string[], private readonly options: BatchOptions, private readonly onBatch?: (scores: Scores) => void) {}

  submit(values: Map<string, CleanValue[]>, rows: number): Promise<Scores> {
    return new Promise<Scores>((resolve, reject) => {
      this.queue.push({ values, rows, resolve, reject });
      this.queuedRows += rows;
      if (this.queuedRows >= this.options.maxBatch) this.flushSoon(true);
      else this.flushSoon(false);
    });
  }

  /** Scores what is queued without waiting for the window (the deployment is being retired). */
  flushNow(): void {
    if (this.queue.length === 0) return;
    this.clearTimer();
    this.flush();
  }

  private flushSoon(now: boolean): void {
    if (now) {
      this.clearTimer();
      this.timer = setImmediate(() => this.flush());
      return;
    }
    if (this.timer) return;
    this.timer = this.options.windowMs > 0 ? setTimeout(() => this.flush(), this.options.windowMs) : setImmediate(() => this.flush());
  }

  private clearTimer(): void {
    if (!this.timer) return;
    clearTimeout(this.timer as NodeJS.Timeout);
    clearImmediate(this.timer as NodeJS.Immediate);
    this.timer = null;
  }

  /** Scores everything queued, in batches of at most maxBatch rows (a larger request alone). */
  private flush(): void {
    this.timer = null;
    while (this.queue.length > 0) {
      const batch: Pending[] = [this.queue.shift()!];
      let rows = batch[0]!.rows;
      while (this.queue.length > 0 && rows + this.queue[0]!.rows <= this.options.maxBatch) {
        const next = this.queue.shift()!;
        batch.push(next);
        rows += next.rows;
      }
      this.queuedRows -= rows;
      this.run(batch, rows);
    }
  }

  private run(batch: Pending[], rows: number): void {
    let scores: Scores;
    try {
      scores = batch.length === 1 ? this.score(batch[0]!.values, rows) : this.score(joinColumns(batch, this.columns), rows);
    } catch (e) {
      for (const p of batch) p.reject(e);
      return;
    }
    this.stats.calls++;
    this.stats.rows += rows;
    this.onBatch?.(scores);
    if (batch.length === 1) { batch[0]!.resolve(scores); return; }
    let start = 0;
    for (const p of batch) {
      p.resolve(slice(scores, start, p.rows));
      start += p.rows;
    }
  }
}
