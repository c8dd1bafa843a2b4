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
