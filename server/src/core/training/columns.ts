import type { Features, Transform } from '../pipeline/spec';
import { DataError, describeRows, SpecError } from './errors';
import type { RawColumn, RawTable } from './table';

export type NumericTransform = 'standardize' | 'normalize' | 'none';

/** A feature column with the transform it gets and its values, checked (numbers are finite). */
export interface FeatureColumn {
  name: string;
  transform: NumericTransform | 'onehot';
  /** Numbers for numeric transforms, strings for one-hot; null where missing. */
  values: Array<number | null> | Array<string | null>;
}

/** The columns the spec names, in the order the features will be laid out. */
export function featureNames(features: Features, available: string[]): string[] {
  const known = new Set(available);
  const check = (list: string[] | undefined, path: string) => list?.forEach((c, i) => {
    if (!known.has(c)) throw new DataError(`features.${path}[${i}]: column "${c}" is not in the data (columns: ${available.join(', ')})`);
  });
  check(features.include, 'include');
  check(features.exclude, 'exclude');
  if (!known.has(features.target)) throw new DataError(`features.target: column "${features.target}" is not in the data (columns: ${available.join(', ')})`);
  const excluded = new Set([...(features.exclude ?? []), features.target]);
  const names = (features.include ?? available).filter((c) => !excluded.has(c));
  for (const c of Object.keys(features.transforms ?? {})) {
    if (!names.includes(c)) throw new SpecError(`features.transforms.${c}`, `"${c}" is not one of the features (${names.join(', ')})`);
  }
  if (names.length === 0) throw new SpecError('features.include', 'no feature columns are left after include/exclude and the target');
  return names;
}

function defaultTransform(col: RawColumn): Transform {
  if (col.kind === 'numeric') return 'standardize';
  if (col.kind === 'string' || col.kind === 'boolean') return 'onehot';
  throw new SpecError(`features.transforms.${col.name}`, `column "${col.name}" is ${col.sqlType}; exclude it, or set a transform (onehot treats it as a category)`);
}

/** The column's values as finite numbers; text that is not a number or NaN/Inf is a DataError naming rows. */
export function numericValues(col: RawColumn, table: Pick<RawTable, 'format'>, role = 'column'): Array<number | null> {
  const parsed = col.kind === 'numeric' ? (col.values as Array<number | null>) : col.kind === 'string' ? col.numeric! : null;
  if (!parsed) throw new DataError(`${role} "${col.name}" is ${col.sqlType}, not numeric; use transform onehot or exclude it`);
  const bad: number[] = [];
  const samples: string[] = [];
  parsed.forEach((v, i) => {
    const textOnly = v === null && col.values[i] !== null;
    if (textOnly || (v !== null && !Number.isFinite(v))) {
      bad.push(i);
      if (samples.length < 3) samples.push(JSON.stringify(textOnly ? col.values[i] : String(v)));
    }
  });
  if (bad.length > 0) {
    throw new DataError(`${role} "${col.name}": ${bad.length} value(s) that are not finite numbers at ${describeRows(bad, table.format)} (${samples.join(', ')}); fix or remove them`);
  }
  return parsed;
}

/** Resolves each feature's transform and checks its values. */
export function featureColumns(features: Features, table: RawTable): FeatureColumn[] {
  return featureNames(features, table.available).map((name) => {
    const col = table.columns.get(name)!;
    // Column names are data: "toString" must not find Object.prototype.toString.
    const own = features.transforms && Object.hasOwn(features.transforms, name) ? features.transforms[name] : undefined;
    const t = own ?? defaultTransform(col);
    if (t === 'onehot') {
      const values = col.values.map((v) => (v === null ? null : String(v)));
      return { name, transform: 'onehot', values };
    }
    return { name, transform: t, values: numericValues(col, table) };
  });
}

/** Rows (0-based) with a missing value in any of the given columns, per column. */
export function missingRows(columns: Array<{ name: string; values: unknown[] }>): Map<string, number[]> {
  const out = new Map<string, number[]>();
  for (const c of columns) {
    const rows: number[] = [];
    c.values.forEach((v, i) => { if (v === null || v === undefined) rows.push(i); });
    if (rows.length > 0) out.set(c.name, rows);
  }
  return out;
}
