/**
 * Shadow scoring: after the primary's response is sent, the same rows are scored by the shadow
 * alias's model, off the request path. The queue is bounded (a slow shadow drops work, counted,
 * instead of slowing the primary or growing memory); agreement goes to metrics and the log.
 */
import type { Scores } from './model';
import type { CleanValue } from './rows';
import type { ModelSlot } from './slot';

export interface ShadowJob {
  id: string;
  primaryVersion: number;
  values: Map<string, CleanValue[]>;
  rows: number;
  primary: Scores;
  /** Whether the primary's answer was logged (the shadow's is logged beside it). */
  logged: boolean;
}

export interface ShadowResult {
  job: ShadowJob;
  shadowVersion: number;
  scores: Scores;
  /** Rows with the same label (classification; null for regression). */
  agreed: number | null;
  /** Mean |shadow - primary| of `prediction` (null for multiclass, whose prediction is a class index). */
  meanAbsDiff: number | null;
}

/** Label agreement and mean absolute difference of two answers to the same rows. */
export function compareScores(primary: Scores, shadow: Scores, task: string): { agreed: number | null; meanAbsDiff: number | null } {
  let agreed: number | null = null;
  if (primary.label && shadow.label) {
    agreed = 0;
    for (let i = 0; i < primary.rows; i++) if (primary.label[i] === shadow.label[i]) agreed++;
  }
  let meanAbsDiff: number | null = null;
  if (task !== 'multiclass' && primary.rows > 0) {
    let sum = 0;
    for (let i = 0; i < primary.rows; i++) sum += Math.abs(shadow.prediction[i]! - primary.prediction[i]!);
    meanAbsDiff = sum / primary.rows;
  }
  return { agreed, meanAbsDiff };
}

export class ShadowQueue {
  private queue: ShadowJob[] = [];
  private running = false;
  /** Jobs taken from the queue and not yet scored: they count against the bound too. */
  private scoring = 0;
  dropped = 0;

  constructor(private readonly slot: ModelSlot, private readonly maxQueue: number, private readonly task: string,
    private readonly onResult: (r: ShadowResult) => void, private readonly onDrop: () => void) {}

  /** Queues a job; false (and counted) when `maxQueue` jobs are already waiting or being scored. */
  offer(job: ShadowJob): boolean {
    if (this.queue.length + this.scoring >= this.maxQueue) {
      this.dropped++;
      this.onDrop();
      return false;
    }
    this.queue.push(job);
    if (!this.running) { this.running = true; setImmediate(() => void this.pump()); }
    return true;
  }

  get length(): number {
    return this.queue.length + this.scoring;
  }

  private async pump(): Promise<void> {
    while (this.queue.length > 0) {
      const jobs = this.queue.splice(0, this.queue.length);
      const deployment = this.slot.current;
      if (!deployment) continue;
      this.scoring += jobs.length;
      // Every job goes to the shadow's batcher at once, so they share model calls.
      await Promise.all(jobs.map(async (job) => {
        try {
          const scores = await deployment.score(job.values, job.rows);
          this.onResult({ job, shadowVersion: deployment.version, scores, ...compareScores(job.primary, scores, this.task) });
        } catch {
          this.dropped++;
          this.onDrop();
        } finally {
          this.scoring--;
        }
      }));
    }
    this.running = false;
  }

  /** Resolves once every queued job is scored (tests, shutdown). */
  async idle(): Promise<void> {
    while (this.running || this.queue.length) await new Promise((r) => setTimeout(r, 2));
  }
}
