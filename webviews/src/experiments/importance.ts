/**
 * Parameter importance of a sweep, fANOVA-style: the share of the metric's variance over the completed
 * trials that each parameter's main effect explains. fANOVA (Hutter et al. 2014) decomposes the variance
 * of a model fitted to the trials; with a few dozen trials we decompose the trials themselves: a
 * parameter's values are binned, and its importance is the variance of the per-bin mean metric
 * (weighted by bin size) over the total variance, the correlation ratio eta^2 (first-order effect).
 * Numeric params with more than MAX_BINS distinct values are cut into MAX_BINS equal-count bins by rank
 * (on the log scale this is the same cut); categorical values and small sets of numbers keep one bin
 * each. Pruned, failed and unfinished trials have no final value and are left out. Pure, no DOM.
 */
import type { Scalar, SweepRecord } from '../protocol';

export const MAX_BINS = 4;
/** Fewer completed trials than this give no importance (the shares would be noise). */
export const MIN_TRIALS = 3;

export interface Importance {
  param: string;
  /** eta^2 in [0, 1]. */
  share: number;
  bins: number;
}

/** The bin of each value: one per distinct value when there are few, else equal-count rank bins. */
export function binValues(values: Scalar[]): number[] {
  const distinct = [...new Set(values.map((v) => JSON.stringify(v)))];
  const numeric = values.every((v) => typeof v === 'number');
  if (!numeric || distinct.length <= MAX_BINS) return values.map((v) => distinct.indexOf(JSON.stringify(v)));
  const order = values.map((v, i) => [v as number, i] as const).sort((a, b) => a[0] - b[0]);
  const bins = new Array<number>(values.length);
  order.forEach(([, i], rank) => { bins[i] = Math.min(MAX_BINS - 1, Math.floor((rank * MAX_BINS) / values.length)); });
  // Equal values share a bin (the lowest rank's), so a tie is never split across bins.
  const firstBin = new Map<number, number>();
  for (const [v, i] of order) { if (!firstBin.has(v)) firstBin.set(v, bins[i]!); bins[i] = firstBin.get(v)!; }
  return bins;
}

/** eta^2 of `ys` grouped by `groups`: between-group variance over total variance (0 when ys are constant). */
export function correlationRatio(ys: number[], groups: number[]): number {
  const n = ys.length;
  const mean = ys.reduce((a, b) => a + b, 0) / n;
  const total = ys.reduce((a, y) => a + (y - mean) ** 2, 0);
  if (total === 0) return 0;
  const sums = new Map<number, { sum: number; n: number }>();
  groups.forEach((g, i) => {
    const s = sums.get(g) ?? { sum: 0, n: 0 };
    s.sum += ys[i]!;
    s.n += 1;
    sums.set(g, s);
  });
  let between = 0;
  for (const { sum, n: k } of sums.values()) between += k * (sum / k - mean) ** 2;
  return between / total;
}

/** Each parameter's importance over the completed trials, largest first; [] below MIN_TRIALS trials. */
export function parameterImportance(sweep: SweepRecord): Importance[] {
  const done = sweep.trials.filter((t) => t.status === 'completed' && typeof t.value === 'number' && Number.isFinite(t.value));
  if (done.length < MIN_TRIALS) return [];
  const ys = done.map((t) => t.value!);
  return sweepParams(sweep).map((param) => {
    const bins = binValues(done.map((t) => t.params[param] ?? null));
    return { param, share: correlationRatio(ys, bins), bins: new Set(bins).size };
  }).sort((a, b) => b.share - a.share || a.param.localeCompare(b.param));
}

/** The searched parameters: the record's search space, else whatever the trials set. */
export function sweepParams(sweep: SweepRecord): string[] {
  const declared = Object.keys(sweep.parameters ?? {});
  return declared.length ? declared : [...new Set(sweep.trials.flatMap((t) => Object.keys(t.params)))].sort();
}
