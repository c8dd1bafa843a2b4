import type { ModelSpec } from '../pipeline/spec';
import { numericValues } from './columns';
import { DataError, describeRows, SpecError } from './errors';
import type { Task } from './network';
import type { RawColumn, RawTable } from './table';

/** How target values become numbers; saved with the model so predictions map back to labels. */
export interface TargetEncoding {
  column: string;
  task: Task;
  /** Class labels in output order (classification); for binary the second is the positive class. */
  classes?: string[];
}

function sortLabels(labels: string[]): string[] {
  const numeric = labels.every((l) => l.trim() !== '' && Number.isFinite(Number(l)));
  return [...labels].sort(numeric ? (a, b) => Number(a) - Number(b) : undefined);
}

function labelsOf(col: RawColumn): Array<string | null> {
  return col.values.map((v) => (v === null ? null : String(v)));
}

/** Class labels: the contract's validValues when it lists them, else those seen in the data. */
function chooseClasses(col: RawColumn, table: RawTable, model: ModelSpec, validValues?: unknown[]): string[] {
  const labels = labelsOf(col);
  const seen = sortLabels([...new Set(labels.filter((l): l is string => l !== null))]);
  const declared = validValues?.map(String);
  const classes = declared ?? seen;
  const outside = labels.flatMap((l, i) => (l !== null && !classes.includes(l) ? [i] : []));
  if (outside.length > 0) {
    const values = [...new Set(outside.map((i) => labels[i]))].slice(0, 5).join(', ');
    throw new DataError(`target "${col.name}": value(s) ${values} at ${describeRows(outside, table.format)} are not among the contract's valid values (${classes.join(', ')})`);
  }
  if (seen.length < 2) {
    throw new DataError(`target "${col.name}" has ${seen.length === 0 ? 'no values' : `one class (${seen[0]})`} in ${table.rows} rows; a classifier needs at least two classes`);
  }
  const limit = model.task === 'binary' ? 2 : model.classes;
  if (limit !== undefined && classes.length > limit) {
    const where = model.task === 'binary' ? 'model.task is binary' : `model.classes is ${limit}`;
    const hint = model.task === 'binary' ? 'use task: multiclass' : 'raise model.classes';
    throw new DataError(`target "${col.name}" has ${classes.length} classes (${classes.slice(0, 8).join(', ')}) but ${where}; ${hint}`);
  }
  return classes;
}

/** Decides how the target is encoded, checking it fits the task. */
export function fitTarget(col: RawColumn, table: RawTable, model: ModelSpec, validValues?: unknown[]): TargetEncoding {
  if (model.task === 'regression') {
    numericValues(col, table, 'target');
    return { column: col.name, task: 'regression' };
  }
  if (model.classes !== undefined && (!Number.isInteger(model.classes) || model.classes < 2)) {
    throw new SpecError('model.classes', `must be an integer of at least 2 (got ${String(model.classes)})`);
  }
  return { column: col.name, task: model.task, classes: chooseClasses(col, table, model, validValues) };
}

/** Target values of the given rows: 0/1 (binary), class index (multiclass) or the number (regression). */
export function encodeTarget(enc: TargetEncoding, col: RawColumn, table: RawTable, rows: number[]): Float32Array {
  if (enc.task === 'regression') {
    const values = numericValues(col, table, 'target');
    return Float32Array.from(rows, (r) => values[r]!);
  }
  const labels = labelsOf(col);
  const index = new Map(enc.classes!.map((c, i) => [c, i]));
  return Float32Array.from(rows, (r) => index.get(labels[r]!)!);
}
