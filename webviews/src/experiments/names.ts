/**
 * Short names for things that only differ at their end: run ids that share a date prefix, param paths
 * that share `training.` or `model.layers[0].`. And times relative to now. Pure, no DOM.
 */
import type { KeyMetric, RunRow } from '../protocol';

/**
 * For each full name, the shortest tail of its `sep`-separated segments that no other name shares,
 * e.g. run ids `20261126-053821-ed3595` -> `ed3595`, paths `model.layers[0].units` -> `layers[0].units`
 * when `model.layers[2].units` is also there. A name equal to another keeps its full form.
 */
export function uniqueTails(names: string[], split: (s: string) => string[], join: (parts: string[]) => string): Map<string, string> {
  const parts = new Map(names.map((n) => [n, split(n)]));
  const out = new Map<string, string>();
  const longest = Math.max(0, ...[...parts.values()].map((p) => p.length));
  for (let k = 1; k <= longest && out.size < parts.size; k++) {
    const tail = (n: string) => join(parts.get(n)!.slice(-k));
    const counts = new Map<string, number>();
    for (const n of parts.keys()) counts.set(tail(n), (counts.get(tail(n)) ?? 0) + 1);
    for (const n of parts.keys()) if (!out.has(n) && counts.get(tail(n)) === 1) out.set(n, tail(n));
  }
  for (const n of parts.keys()) if (!out.has(n)) out.set(n, n);
  return out;
}

/** Run id -> the short name the table shows (the id's distinguishing tail). */
export function shortRunNames(ids: string[]): Map<string, string> {
  return uniqueTails(ids, (id) => id.split('-'), (p) => p.join('-'));
}

/** Param path -> the short header (`learningRate`, `layers[0].units`). */
export function shortParamNames(paths: string[]): Map<string, string> {
  return uniqueTails(paths, (p) => p.split('.'), (p) => p.join('.'));
}

/** "just now", "5 min ago", "3 h ago", "2 d ago", then the date (ISO day) after 30 days. */
export function relativeTime(iso: string, now: number): string {
  const t = Date.parse(iso);
  if (!Number.isFinite(t)) return iso;
  const s = Math.max(0, (now - t) / 1000);
  if (s < 45) return 'just now';
  const min = Math.round(s / 60);
  if (min < 90) return `${min} min ago`;
  const hours = Math.round(s / 3600);
  if (hours < 36) return `${hours} h ago`;
  const days = Math.round(s / 86400);
  if (days <= 30) return `${days} d ago`;
  return new Date(t).toISOString().slice(0, 10);
}

const LOWER_IS_BETTER = /(^|_)(loss|logloss|rmse|mae|mse|mape|error)$/;

/** Whether a bigger value of this metric is better (losses and errors are better small). */
export function goalOf(metric: string): KeyMetric['goal'] {
  return LOWER_IS_BETTER.test(metric) ? 'minimize' : 'maximize';
}

/** The usual headline metrics, for runs that name none (no sweep, no gate). */
export const PREFERRED_METRICS = ['val_auc', 'val_accuracy', 'val_f1', 'val_rmse', 'val_r2', 'val_loss', 'auc', 'accuracy', 'rmse', 'loss'];

/**
 * The metric the whole table is judged by: the one most runs name (a sweep's metric before a gate's),
 * else the first usual headline metric some run has.
 */
export function tableKeyMetric(rows: RunRow[]): KeyMetric | null {
  const votes = new Map<string, { key: KeyMetric; n: number }>();
  for (const r of rows) {
    const k = r.keyMetric;
    if (!k) continue;
    const v = votes.get(k.name) ?? { key: k, n: 0 };
    v.n += k.source === 'sweep' ? 1000 : 1;
    votes.set(k.name, v);
  }
  const best = [...votes.values()].sort((a, b) => b.n - a.n)[0];
  if (best) return best.key;
  const name = PREFERRED_METRICS.find((m) => rows.some((r) => Number.isFinite(r.metrics[m])));
  return name ? { name, goal: goalOf(name), source: 'usual' } : null;
}
