/**
 * The labels of a file being evaluated, encoded as the saved model encodes its target, and the
 * sensitive columns. Rows are in file order, as serving scores them.
 */
import { numericValues } from '../training/columns';
import { DataError, describeRows } from '../training/errors';
import type { TargetEncoding } from '../training/target';
import { readTable, type RawTable } from '../training/table';
import type { SensitiveColumn } from './fairness';

export interface EvaluationLabels {
  rows: number;
  /** Binary: 0/1 (1 is the positive class); multiclass: class index; regression: the value. */
  y: Float32Array;
  sensitive: Map<string, SensitiveColumn>;
}

function encode(enc: TargetEncoding, table: RawTable): Float32Array {
  const col = table.columns.get(enc.column)!;
  const missing = col.values.flatMap((v, i) => (v === null ? [i] : []));
  if (missing.length) throw new DataError(`target "${enc.column}" is missing at ${describeRows(missing, table.format)}; every evaluated row needs its label`);
  if (enc.task === 'regression') return Float32Array.from(numericValues(col, table, 'target'), (v) => v!);
  const index = new Map(enc.classes!.map((c, i) => [c, i]));
  const outside = col.values.flatMap((v, i) => (index.has(String(v)) ? [] : [i]));
  if (outside.length) {
    const seen = [...new Set(outside.map((i) => String(col.values[i])))].slice(0, 5).join(', ');
    throw new DataError(`target "${enc.column}": value(s) ${seen} at ${describeRows(outside, table.format)} are not classes the model knows (${enc.classes!.join(', ')})`);
  }
  return Float32Array.from(col.values, (v) => index.get(String(v))!);
}

/** Reads and encodes the target and the sensitive columns; a missing column or label is a DataError. */
export async function readLabels(path: string, target: TargetEncoding, sensitive: string[]): Promise<EvaluationLabels> {
  const table = await readTable(path, () => [
    { column: target.column, specPath: 'the model\'s target' },
    ...sensitive.map((c) => ({ column: c, specPath: 'evaluation.fairness.sensitive' })),
  ]);
  const columns = new Map(sensitive.map((name) => {
    const col = table.columns.get(name)!;
    return [name, { values: col.values, ...(col.numeric ? { numbers: col.numeric } : {}) }];
  }));
  return { rows: table.rows, y: encode(target, table), sensitive: columns };
}
