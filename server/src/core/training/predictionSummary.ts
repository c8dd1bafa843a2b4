/**
 * The distribution of a model's predictions on its validation rows, saved with the run (and the
 * model card) so that served predictions can later be compared with it (`mlops monitor`'s
 * predictionDrift) without keeping the rows: bins at the validation deciles with their counts (as
 * drift's PSI bins a reference), or counts per class, plus the moments.
 */
import type { PredictionDistribution } from '../tracking/types';
import type { Task } from './network';

export type { PredictionDistribution } from '../tracking/types';

/** Index of the largest of each row's `k` outputs (the first one on ties). */
export function argmaxRows(raw: ArrayLike<number>, rows: number, k: number): Int32Array {
  const out = new Int32Array(rows);
  for (let i = 0; i < rows; i++) {
    let best = 0;
    for (let c = 1; c < k; c++) if (raw[i * k + c]! > raw[i * k + best]!) best = c;
    out[i] = best;
  }
  return out;
}

/** Rows per bin of `dist` for new predictions (same bins, or same classes). */
export function binPredictions(dist: Pick<PredictionDistribution, 'kind' | 'edges' | 'counts'>, values: ArrayLike<number>): number[] {
  const counts = new Array<number>(dist.counts.length).fill(0);
  for (let i = 0; i < values.length; i++) {
    const v = values[i]!;
    if (dist.kind === 'class') {
      if (v >= 0 && v < counts.length) counts[v]!++;
      continue;
    }
    // First edge >= v: values equal to an edge fall in the bin it closes.
    let lo = 0, hi = dist.edges.length;
    while (lo < hi) { const mid = (lo + hi) >> 1; if (dist.edges[mid]! < v) lo = mid + 1; else hi = mid; }
    counts[lo]!++;
  }
  return counts;
}

function moments(values: ArrayLike<number>): Pick<PredictionDistribution, 'mean' | 'std' | 'min' | 'max'> {
  const n = values.length;
  let sum = 0, min = Infinity, max = -Infinity;
  for (let i = 0; i < n; i++) { const v = values[i]!; sum += v; if (v < min) min = v; if (v > max) max = v; }
  const mean = n ? sum / n : 0;
  let ss = 0;
  for (let i = 0; i < n; i++) ss += (values[i]! - mean) ** 2;
  return { mean, std: n ? Math.sqrt(ss / n) : 0, min: n ? min : 0, max: n ? max : 0 };
}

/**
 * Summarises predictions as the server reports them: `values` are probabilities (binary), values
 * (regression) or class indices (multiclass, with `classes` outputs).
 */
export function summarizePredictions(task: Task, values: ArrayLike<number>, classes = 0): PredictionDistribution {
  const rows = values.length;
  if (task === 'multiclass') {
    const counts = new Array<number>(classes).fill(0);
    for (let i = 0; i < rows; i++) counts[values[i]!]!++;
    return { kind: 'class', rows, edges: [], counts, ...moments(values) };
  }
  const sorted = Float64Array.from(values).sort();
  const deciles = rows ? Array.from({ length: 9 }, (_, k) => sorted[Math.min(rows - 1, Math.floor(((k + 1) * rows) / 10))]!) : [];
  const edges = [...new Set(deciles)];
  const base = { kind: task === 'binary' ? 'probability' as const : 'value' as const, edges, counts: [] as number[] };
  return { ...base, rows, counts: binPredictions({ ...base, counts: new Array(edges.length + 1).fill(0) }, values), ...moments(values) };
}
