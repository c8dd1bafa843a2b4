// The measures of `npm run bench hpo`, on sweep records, as issue 16 defines them.
import type { SweepRecord } from '../../server/src/core/sweep/record';

type Goal = SweepRecord['goal'];

/** Within 1% of `target` in the goal's direction (a relative margin, as the issue states it). */
const within1 = (v: number, target: number, goal: Goal) => (goal === 'maximize' ? v >= target - 0.01 * Math.abs(target) : v <= target + 0.01 * Math.abs(target));

/**
 * Epochs spent until a trial reports a value within 1% of `target` (the measure): trials in
 * the order they ran (one at a time), every epoch each trained counted, pruned trials included, and the
 * count stops at the first epoch whose reported value is close enough. Infinity if none is.
 */
export function epochsToReach(r: Pick<SweepRecord, 'trials' | 'goal'>, target: number): number {
  let spent = 0;
  for (const t of r.trials) {
    for (const i of t.intermediate) {
      spent++;
      if (within1(i.value, target, r.goal)) return spent;
    }
  }
  return Infinity;
}

/** The stricter reading, for context: epochs spent until a trial completes with a final value within 1%. */
export function epochsToComplete(r: Pick<SweepRecord, 'trials' | 'goal'>, target: number): number {
  let spent = 0;
  for (const t of r.trials) {
    spent += t.intermediate.length;
    if (t.status === 'completed' && t.value !== null && within1(t.value, target, r.goal)) return spent;
  }
  return Infinity;
}

/** The best final value of the completed trials, in the sweep's direction. */
export function best(r: Pick<SweepRecord, 'trials' | 'goal'>): number {
  const values = r.trials.filter((t) => t.status === 'completed' && t.value !== null).map((t) => t.value!);
  return r.goal === 'maximize' ? Math.max(...values) : Math.min(...values);
}

/** Spearman's rank correlation: Pearson's r of the ranks, tied values sharing their average rank. */
export function spearman(x: number[], y: number[]): number {
  const ranks = (v: number[]) => {
    const order = v.map((_, i) => i).sort((a, b) => v[a]! - v[b]!);
    const r = new Array<number>(v.length);
    for (let i = 0; i < order.length;) {
      let j = i;
      while (j + 1 < order.length && v[order[j + 1]!] === v[order[i]!]) j++;
      for (let k = i; k <= j; k++) r[order[k]!] = (i + j) / 2 + 1;
      i = j + 1;
    }
    return r;
  };
  const [rx, ry] = [ranks(x), ranks(y)];
  const mean = (v: number[]) => v.reduce((a, b) => a + b, 0) / v.length;
  const [mx, my] = [mean(rx), mean(ry)];
  let sxy = 0, sxx = 0, syy = 0;
  rx.forEach((a, i) => { sxy += (a - mx) * (ry[i]! - my); sxx += (a - mx) ** 2; syy += (ry[i]! - my) ** 2; });
  return sxy / Math.sqrt(sxx * syy);
}

/**
 * How well a rung's value foretells the final one: over the completed trials that reported `epoch`,
 * Spearman's correlation of the value at `epoch` with the final value (NaN with fewer than 3 trials).
 */
export function rungForesight(r: Pick<SweepRecord, 'trials'>, epoch: number): number {
  const pairs = r.trials.filter((t) => t.status === 'completed' && t.value !== null)
    .flatMap((t) => t.intermediate.filter((i) => i.epoch === epoch).map((i) => [i.value, t.value!] as const));
  return pairs.length < 3 ? NaN : spearman(pairs.map((p) => p[0]), pairs.map((p) => p[1]));
}
