import type { Task } from './network';

/** Metric names each task reports (per epoch, for train and with a val_ prefix for validation). */
export const TASK_METRICS: Record<Task, string[]> = {
  binary: ['loss', 'accuracy', 'precision', 'recall', 'f1', 'auc', 'logloss'],
  multiclass: ['loss', 'accuracy', 'precision', 'recall', 'f1', 'auc', 'logloss'],
  regression: ['loss', 'rmse', 'mae', 'r2'],
};

const CLIP = 1e-7;

/** Area under the ROC curve from scores and 0/1 labels (rank statistic; ties count half). */
export function rocAuc(scores: ArrayLike<number>, labels: ArrayLike<number>): number | null {
  const n = scores.length;
  const order = Array.from({ length: n }, (_, i) => i).sort((a, b) => scores[a]! - scores[b]!);
  let positives = 0;
  let rankSum = 0;
  for (let i = 0; i < n;) {
    let j = i;
    while (j + 1 < n && scores[order[j + 1]!] === scores[order[i]!]) j++;
    const rank = (i + j) / 2 + 1;
    for (let k = i; k <= j; k++) if (labels[order[k]!] === 1) { positives++; rankSum += rank; }
    i = j + 1;
  }
  const negatives = n - positives;
  if (positives === 0 || negatives === 0) return null;
  return (rankSum - (positives * (positives + 1)) / 2) / (positives * negatives);
}

function confusion(pred: ArrayLike<number>, labels: ArrayLike<number>, cls: number) {
  let tp = 0, fp = 0, fn = 0;
  for (let i = 0; i < labels.length; i++) {
    const p = pred[i] === cls, l = labels[i] === cls;
    if (p && l) tp++; else if (p) fp++; else if (l) fn++;
  }
  const precision = tp + fp === 0 ? 0 : tp / (tp + fp);
  const recall = tp + fn === 0 ? 0 : tp / (tp + fn);
  const f1 = precision + recall === 0 ? 0 : (2 * precision * recall) / (precision + recall);
  return { precision, recall, f1 };
}

function binaryMetrics(prob: Float32Array, y: Float32Array): Record<string, number | null> {
  const n = y.length;
  let loss = 0, correct = 0;
  const pred = new Float32Array(n);
  for (let i = 0; i < n; i++) {
    const p = Math.min(Math.max(prob[i]!, CLIP), 1 - CLIP);
    loss -= y[i]! * Math.log(p) + (1 - y[i]!) * Math.log(1 - p);
    pred[i] = prob[i]! >= 0.5 ? 1 : 0;
    if (pred[i] === y[i]) correct++;
  }
  const c = confusion(pred, y, 1);
  return { loss: loss / n, logloss: loss / n, accuracy: correct / n, ...c, auc: rocAuc(prob, y) };
}

/** Multiclass: y holds class indices; prob is rows x classes. Macro averages over classes present. */
function multiclassMetrics(prob: Float32Array, y: Float32Array, classes: number): Record<string, number | null> {
  const n = y.length;
  let loss = 0, correct = 0;
  const pred = new Float32Array(n);
  for (let i = 0; i < n; i++) {
    let best = 0;
    for (let k = 1; k < classes; k++) if (prob[i * classes + k]! > prob[i * classes + best]!) best = k;
    pred[i] = best;
    if (best === y[i]) correct++;
    loss -= Math.log(Math.min(Math.max(prob[i * classes + y[i]!]!, CLIP), 1));
  }
  const sums = { precision: 0, recall: 0, f1: 0, auc: 0 };
  let present = 0, withAuc = 0;
  for (let k = 0; k < classes; k++) {
    const labels = Float32Array.from(y, (v) => (v === k ? 1 : 0));
    if (!labels.includes(1)) continue;
    present++;
    const c = confusion(pred, y, k);
    sums.precision += c.precision; sums.recall += c.recall; sums.f1 += c.f1;
    const auc = rocAuc(Float32Array.from({ length: n }, (_, i) => prob[i * classes + k]!), labels);
    if (auc !== null) { sums.auc += auc; withAuc++; }
  }
  return {
    loss: loss / n, logloss: loss / n, accuracy: correct / n,
    precision: sums.precision / present, recall: sums.recall / present, f1: sums.f1 / present,
    auc: withAuc ? sums.auc / withAuc : null,
  };
}

function regressionMetrics(pred: Float32Array, y: Float32Array): Record<string, number | null> {
  const n = y.length;
  let se = 0, ae = 0, mean = 0;
  for (let i = 0; i < n; i++) mean += y[i]! / n;
  let ss = 0;
  for (let i = 0; i < n; i++) {
    const e = pred[i]! - y[i]!;
    se += e * e; ae += Math.abs(e); ss += (y[i]! - mean) ** 2;
  }
  return { loss: se / n, rmse: Math.sqrt(se / n), mae: ae / n, r2: ss > 0 ? 1 - se / ss : null };
}

/**
 * Every metric of the task from predictions and targets. Values that are undefined for the data
 * (AUC with one class, r2 of a constant target) are left out rather than reported as NaN.
 */
export function computeMetrics(task: Task, pred: Float32Array, y: Float32Array, classes: number, prefix = ''): Record<string, number> {
  const raw = task === 'binary' ? binaryMetrics(pred, y) : task === 'multiclass' ? multiclassMetrics(pred, y, classes) : regressionMetrics(pred, y);
  const out: Record<string, number> = {};
  for (const [k, v] of Object.entries(raw)) if (v !== null && Number.isFinite(v)) out[prefix + k] = v;
  return out;
}

/** Whether a larger value of a metric is better (loss-like metrics are minimised). */
export function higherIsBetter(metric: string): boolean {
  return !/(^|_)(loss|logloss|rmse|mae)$/.test(metric);
}
