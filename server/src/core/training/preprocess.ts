import type { Features } from '../pipeline/spec';
import { missingRows, type FeatureColumn, type NumericTransform } from './columns';
import { DataError, describeRows } from './errors';
import type { TargetEncoding } from './target';

export type MissingPolicy = NonNullable<Features['missing']>;

export type FeatureStep =
  | { column: string; type: 'numeric'; transform: NumericTransform; center: number; scale: number; fill: number | null }
  /** One column per category plus a last "unknown" column for values the training data never had. */
  | { column: string; type: 'onehot'; categories: string[]; fill: string | null };

/** The fitted preprocessing, saved as model/preprocessing.json so new data gets the same features. */
export interface Preprocessing {
  format: 'mlops-preprocessing/v1';
  steps: FeatureStep[];
  featureNames: string[];
  target: TargetEncoding;
  missing: MissingPolicy;
}

/**
 * Applies the missing-value policy to decide which rows train: all of them (imputing later), those
 * without a missing value ("drop"), or none with a DataError listing the rows ("error", the default).
 */
export function usableRows(columns: Array<{ name: string; values: unknown[] }>, target: { name: string; values: unknown[] }, policy: MissingPolicy, format: 'csv' | 'parquet'): number[] {
  const rows = target.values.length;
  const missing = missingRows([...columns, target]);
  if (missing.size > 0 && policy !== 'drop') {
    const targetRows = missing.get(target.name);
    const listed = policy === 'error' ? [...missing] : targetRows ? [[target.name, targetRows] as const] : [];
    if (listed.length > 0) {
      const parts = listed.map(([c, r]) => `"${c}" at ${describeRows(r, format)}`);
      const fix = policy === 'error' ? 'set features.missing to drop, mean, median, mode or zero, or fix the data' : 'a missing target cannot be imputed; set features.missing: drop or fix the data';
      throw new DataError(`missing values in ${parts.join('; ')}; ${fix}`);
    }
  }
  const dropped = new Set(policy === 'drop' ? [...missing.values()].flat() : []);
  const kept = Array.from({ length: rows }, (_, i) => i).filter((i) => !dropped.has(i));
  if (kept.length === 0) throw new DataError(`no rows left to train on (${rows} rows read, ${dropped.size} dropped for missing values)`);
  return kept;
}

function numericFill(values: number[], policy: MissingPolicy): number | null {
  if (policy === 'error' || policy === 'drop') return null;
  if (policy === 'zero' || values.length === 0) return 0;
  if (policy === 'mean') return values.reduce((a, b) => a + b, 0) / values.length;
  const sorted = [...values].sort((a, b) => a - b);
  if (policy === 'median') return sorted.length % 2 ? sorted[sorted.length >> 1]! : (sorted[sorted.length / 2 - 1]! + sorted[sorted.length / 2]!) / 2;
  return mode(sorted.map(String)) === null ? 0 : Number(mode(sorted.map(String)));
}

function mode(values: string[]): string | null {
  const counts = new Map<string, number>();
  let best: string | null = null;
  for (const v of values) {
    const n = (counts.get(v) ?? 0) + 1;
    counts.set(v, n);
    if (best === null || n > counts.get(best)! || (n === counts.get(best)! && v < best)) best = v;
  }
  return best;
}

function fitNumeric(col: FeatureColumn, rows: number[], policy: MissingPolicy): FeatureStep {
  const present = rows.map((r) => col.values[r] as number | null).filter((v): v is number => v !== null);
  const transform = col.transform as NumericTransform;
  let center = 0, scale = 1;
  if (transform === 'standardize' && present.length > 0) {
    center = present.reduce((a, b) => a + b, 0) / present.length;
    const variance = present.reduce((a, b) => a + (b - center) ** 2, 0) / present.length;
    scale = variance > 0 ? Math.sqrt(variance) : 1;
  } else if (transform === 'normalize' && present.length > 0) {
    center = Math.min(...present);
    const range = Math.max(...present) - center;
    scale = range > 0 ? range : 1;
  }
  return { column: col.name, type: 'numeric', transform, center, scale, fill: numericFill(present, policy) };
}

function fitOneHot(col: FeatureColumn, rows: number[], policy: MissingPolicy, declared?: unknown[]): FeatureStep {
  const present = rows.map((r) => col.values[r] as string | null).filter((v): v is string => v !== null);
  const categories = declared ? declared.map(String) : [...new Set(present)].sort();
  const fill = policy === 'mean' || policy === 'median' || policy === 'mode' ? mode(present) : null;
  return { column: col.name, type: 'onehot', categories, fill };
}

/**
 * Fits the preprocessing on the training rows only (validation rows never leak into the statistics).
 * Categories come from the contract's validValues when given (`declared`), else from the data.
 */
export function fitPreprocessing(columns: FeatureColumn[], trainRows: number[], target: TargetEncoding, policy: MissingPolicy, declared: Map<string, unknown[]>): Preprocessing {
  const steps = columns.map((c) => (c.transform === 'onehot' ? fitOneHot(c, trainRows, policy, declared.get(c.name)) : fitNumeric(c, trainRows, policy)));
  const featureNames = steps.flatMap((s) => (s.type === 'numeric' ? [s.column] : [...s.categories.map((c) => `${s.column}=${c}`), `${s.column}=<unknown>`]));
  return { format: 'mlops-preprocessing/v1', steps, featureNames, target, missing: policy };
}

/** Turns raw column values into the feature matrix (rows x featureNames.length), row-major. */
export function transformRows(prep: Preprocessing, values: Map<string, ArrayLike<unknown>>, rows: number[]): Float32Array {
  const width = prep.featureNames.length;
  const out = new Float32Array(rows.length * width);
  let offset = 0;
  for (const step of prep.steps) {
    const col = values.get(step.column);
    if (!col) throw new DataError(`column "${step.column}" is missing; the model was trained with it`);
    if (step.type === 'numeric') {
      rows.forEach((r, i) => {
        const raw = col[r] ?? step.fill;
        if (raw === null || raw === undefined) throw new DataError(`column "${step.column}" has a missing value at row ${r + 1} and the model has no fill value`);
        out[i * width + offset] = (Number(raw) - step.center) / step.scale;
      });
      offset++;
    } else {
      const index = new Map(step.categories.map((c, i) => [c, i]));
      rows.forEach((r, i) => {
        const raw = col[r] ?? step.fill;
        const k = raw === null || raw === undefined ? undefined : index.get(String(raw));
        out[i * width + offset + (k ?? step.categories.length)] = 1;
      });
      offset += step.categories.length + 1;
    }
  }
  return out;
}
