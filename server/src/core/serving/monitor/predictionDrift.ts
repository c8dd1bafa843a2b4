/**
 * Prediction drift: served predictions against the distribution the version's validation rows gave
 * at training (saved in its card). Same bins (the validation deciles, or the classes), the drift
 * engine's PSI and Jensen-Shannon distance, and its default thresholds.
 */
import { jensenShannon, psi } from '../../drift/statistics/binned';
import { DEFAULT_THRESHOLDS } from '../../drift/verdict/methods';
import type { PredictionDistribution } from '../../tracking/types';
import { binPredictions, summarizePredictions } from '../../training/predictionSummary';
import type { Task } from '../../training/network';

export interface PredictionDriftReport {
  version: number;
  kind: PredictionDistribution['kind'];
  /** PSI on the validation deciles (probabilities, values), Jensen-Shannon on class shares. */
  method: 'psi' | 'jensenshannon';
  statistic: number;
  threshold: number;
  drifted: boolean;
  psi: number;
  jensenShannon: number;
  /** Inner bin edges (deciles of the validation predictions). */
  edges: number[];
  reference: { rows: number; mean: number; std: number; counts: number[] };
  current: { rows: number; mean: number; std: number; counts: number[] };
}

/** Compares served predictions (`values`, as the server answers them) with the saved validation distribution. */
export function predictionDrift(version: number, task: Task, saved: PredictionDistribution, values: ArrayLike<number>): PredictionDriftReport {
  const counts = binPredictions(saved, values);
  const current = summarizePredictions(task, values, saved.kind === 'class' ? saved.counts.length : 0);
  const p = psi(saved.counts, counts);
  const js = jensenShannon(saved.counts, counts);
  const method = saved.kind === 'class' ? 'jensenshannon' as const : 'psi' as const;
  const statistic = method === 'psi' ? p : js;
  const threshold = DEFAULT_THRESHOLDS[method];
  return {
    version, kind: saved.kind, method, statistic, threshold, drifted: statistic >= threshold, psi: p, jensenShannon: js, edges: saved.edges,
    reference: { rows: saved.rows, mean: saved.mean, std: saved.std, counts: saved.counts },
    current: { rows: values.length, mean: current.mean, std: current.std, counts },
  };
}
