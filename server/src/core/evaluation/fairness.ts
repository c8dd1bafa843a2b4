/**
 * Fairness of a model's predictions across the groups of sensitive columns, as Fairlearn defines
 * the metrics (definitions.ts). Pure: labels, predictions and sensitive values in, a report out.
 * Each sensitive column is assessed on its own (not their intersections); the summary is the worst
 * value over the columns (the largest gap, the smallest ratio).
 */
import { rocAuc } from '../training/metrics';
import { GROUP_METRICS, isGapMetric, SUMMARY_METRICS, type FairnessTask } from './definitions';
import { groupRows, type GroupValue } from './groups';

/** `evaluation.fairness` in the spec. */
export interface FairnessSpec {
  sensitive: string[];
  bins?: Record<string, number[]>;
  metrics?: string[];
  gates?: Record<string, string>;
}

export interface FairnessGroup {
  column: string;
  value: GroupValue;
  n: number;
  /** Null where the metric is undefined for the group (see definitions.ts). */
  metrics: Record<string, number | null>;
}

/** Written to run.json, card.json and `mlops evaluate` as `fairness`. */
export interface FairnessReport {
  sensitive: string[];
  task: FairnessTask;
  /** Binary: a row is predicted positive when its probability is at least this. */
  threshold?: number;
  groups: FairnessGroup[];
  /** Worst value over the sensitive columns; null when no column defines it. */
  summary: Record<string, number | null>;
  /** The same summary metrics per sensitive column. */
  byColumn: Record<string, Record<string, number | null>>;
}

/** One sensitive column's values for the evaluated rows (numbers for text columns that hold them). */
export interface SensitiveColumn { values: ArrayLike<string | number | null>; numbers?: ArrayLike<number | null> }

export interface FairnessInput {
  task: FairnessTask;
  /** Binary: 0/1 labels; regression: target values. */
  y: ArrayLike<number>;
  /** Binary: probability of the positive class; regression: predicted values. */
  score: ArrayLike<number>;
  sensitive: Map<string, SensitiveColumn>;
}

/** A sensitive value that binning cannot read (text in a binned column), with its row. */
export class FairnessDataError extends Error {
  constructor(readonly column: string, readonly rows: number[]) {
    super(`evaluation.fairness.bins.${column}: column "${column}" has ${rows.length} value(s) that are not numbers, which bins cannot place`);
    this.name = 'FairnessDataError';
  }
}

const THRESHOLD = 0.5;

function binaryGroup(rows: number[], y: ArrayLike<number>, score: ArrayLike<number>): Record<string, number | null> {
  let tp = 0, fp = 0, tn = 0, fn = 0;
  for (const r of rows) {
    const pred = score[r]! >= THRESHOLD, pos = y[r] === 1;
    if (pred && pos) tp++; else if (pred) fp++; else if (pos) fn++; else tn++;
  }
  const n = rows.length;
  return {
    selection_rate: (tp + fp) / n,
    true_positive_rate: tp + fn > 0 ? tp / (tp + fn) : null,
    false_positive_rate: fp + tn > 0 ? fp / (fp + tn) : null,
    accuracy: (tp + tn) / n,
    auc: rocAuc(rows.map((r) => score[r]!), rows.map((r) => y[r]!)),
  };
}

function regressionGroup(rows: number[], y: ArrayLike<number>, score: ArrayLike<number>): Record<string, number | null> {
  let ae = 0, se = 0;
  for (const r of rows) {
    const e = score[r]! - y[r]!;
    ae += Math.abs(e); se += e * e;
  }
  return { mae: ae / rows.length, rmse: Math.sqrt(se / rows.length) };
}

function defined(groups: Array<Record<string, number | null>>, metric: string): number[] {
  return groups.map((g) => g[metric]).filter((v): v is number => typeof v === 'number' && Number.isFinite(v));
}

/** max - min over the groups that define the metric; null when none does. */
export function gap(values: number[]): number | null {
  const r = range(values);
  return r ? r.max - r.min : null;
}

// A loop, not Math.max(...values): an unbinned numeric column can have more groups than a call has arguments.
function range(values: number[]): { min: number; max: number } | null {
  if (!values.length) return null;
  let min = Infinity, max = -Infinity;
  for (const v of values) { if (v < min) min = v; if (v > max) max = v; }
  return { min, max };
}

/** min / max over the groups that define the metric; null when none does or the largest is 0. */
export function ratio(values: number[]): number | null {
  const r = range(values);
  return r && r.max > 0 ? r.min / r.max : null;
}

function worst(values: Array<number | null>, pick: (a: number, b: number) => number): number | null {
  const known = values.filter((v): v is number => v !== null);
  return known.length ? known.reduce((a, b) => pick(a, b)) : null;
}

function columnSummary(task: FairnessTask, groups: Array<Record<string, number | null>>): Record<string, number | null> {
  if (task === 'regression') return { mae_difference: gap(defined(groups, 'mae')), rmse_difference: gap(defined(groups, 'rmse')) };
  const tpr = defined(groups, 'true_positive_rate'), fpr = defined(groups, 'false_positive_rate');
  return {
    demographic_parity_difference: gap(defined(groups, 'selection_rate')),
    demographic_parity_ratio: ratio(defined(groups, 'selection_rate')),
    equalized_odds_difference: worst([gap(tpr), gap(fpr)], Math.max),
    equalized_odds_ratio: worst([ratio(tpr), ratio(fpr)], Math.min),
  };
}

function only(values: Record<string, number | null>, keep: Set<string>): Record<string, number | null> {
  return Object.fromEntries(Object.entries(values).filter(([k]) => keep.has(k)));
}

/**
 * Computes the per-group metrics and the summary. `spec.metrics` limits what is reported (default:
 * all of the task's); metrics named by `spec.gates` are always in the summary so gates can read them.
 */
export function computeFairness(spec: FairnessSpec, input: FairnessInput): FairnessReport {
  const keep = new Set([...(spec.metrics ?? [...GROUP_METRICS[input.task], ...SUMMARY_METRICS[input.task]]), ...Object.keys(spec.gates ?? {})]);
  const measure = input.task === 'binary' ? binaryGroup : regressionGroup;
  const groups: FairnessGroup[] = [];
  const byColumn: FairnessReport['byColumn'] = {};
  for (const column of spec.sensitive) {
    const col = input.sensitive.get(column)!;
    const split = groupRows(column, col.values, spec.bins?.[column], col.numbers);
    if (split.notNumeric.length) throw new FairnessDataError(column, split.notNumeric);
    const measured = split.groups.map((g) => ({ value: g.value, n: g.rows.length, metrics: measure(g.rows, input.y, input.score) }));
    byColumn[column] = only(columnSummary(input.task, measured.map((g) => g.metrics)), keep);
    for (const g of measured) groups.push({ column, value: g.value, n: g.n, metrics: only(g.metrics, keep) });
  }
  const summary: Record<string, number | null> = {};
  for (const metric of SUMMARY_METRICS[input.task]) {
    if (!keep.has(metric)) continue;
    summary[metric] = worst(Object.values(byColumn).map((s) => s[metric] ?? null), isGapMetric(metric) ? Math.max : Math.min);
  }
  return { sensitive: [...spec.sensitive], task: input.task, ...(input.task === 'binary' ? { threshold: THRESHOLD } : {}), groups, summary, byColumn };
}
