/** ASHA settings (the spec's `sweep.pruner`, defaults filled in). */
export interface AshaConfig { minEpochs: number; reductionFactor: number; metric: string }

/**
 * Rung epochs: minEpochs * reductionFactor^k for k = 0, 1, ... below `maxEpochs` (a trial that
 * reaches maxEpochs has finished, so there is nothing left to save by stopping it there).
 */
export function rungEpochs(cfg: Pick<AshaConfig, 'minEpochs' | 'reductionFactor'>, maxEpochs: number): number[] {
  const out: number[] = [];
  for (let e = cfg.minEpochs; e < maxEpochs; e *= cfg.reductionFactor) out.push(e);
  return out;
}

/**
 * Asynchronous successive halving (Li et al., "A System for Massively Parallel Hyperparameter
 * Tuning", 2020): trials never wait for one another. When a trial reaches a rung, its value joins
 * the values that rung has seen so far (its own included); it continues only if it is among the top
 * max(1, floor(n / reductionFactor)) of those n values, ties kept. The first trial at a rung always
 * continues (Optuna's SuccessiveHalvingPruner does the same, since a trial cannot be paused).
 * A NaN value counts as the worst.
 */
export class Asha {
  private readonly rungs: number[];
  private readonly seen = new Map<number, number[]>();

  constructor(private readonly cfg: AshaConfig, private readonly goal: 'minimize' | 'maximize', maxEpochs: number) {
    this.rungs = rungEpochs(cfg, maxEpochs);
  }

  /** The rung epochs of this sweep. */
  get rungEpochs(): number[] { return [...this.rungs]; }

  /** Adds a value at a rung without a decision (rebuilding the rungs from a sweep record). */
  remember(epoch: number, value: number): void {
    if (!this.rungs.includes(epoch)) return;
    const list = this.seen.get(epoch) ?? [];
    list.push(this.score(value));
    this.seen.set(epoch, list);
  }

  /** A report after an epoch: true when the trial must stop here (pruned). Only rung epochs decide. */
  report(epoch: number, value: number): boolean {
    if (!this.rungs.includes(epoch)) return false;
    this.remember(epoch, value);
    const scores = [...this.seen.get(epoch)!].sort((a, b) => b - a);
    const keep = Math.max(1, Math.floor(scores.length / this.cfg.reductionFactor));
    return this.score(value) < scores[keep - 1]!;
  }

  /** Higher is better whatever the goal; NaN is the worst. */
  private score(v: number): number {
    if (Number.isNaN(v)) return -Infinity;
    return this.goal === 'maximize' ? v : -v;
  }
}
