import type { SensitiveColumn } from '../evaluation/fairness';
import type { PipelineSpec } from '../pipeline/spec';
import { featureColumns, featureNames } from './columns';
import type { ContractContext } from './contract';
import { DataError } from './errors';
import type { Dataset } from './fit';
import { fitPreprocessing, transformRows, usableRows, type Preprocessing } from './preprocess';
import { createRng } from './rng';
import { readTable, type RawTable } from './table';
import { encodeTarget, fitTarget } from './target';

/** Training and validation matrices with the preprocessing fitted on the training rows. */
export interface PreparedData {
  train: Dataset;
  val: Dataset | null;
  prep: Preprocessing;
  /** Output units: 1, or the number of classes for multiclass. */
  outputs: number;
  /** Rows in the file. */
  rowsRead: number;
  /** The sensitive columns of `evaluation.fairness` at the validation rows, in their order. */
  valSensitive?: Map<string, SensitiveColumn>;
}

function wantedColumns(spec: PipelineSpec, available: string[]) {
  const f = spec.features!;
  const names = featureNames(f, available);
  const sensitive = (spec.evaluation?.fairness?.sensitive ?? []).map((c) => ({ column: c, specPath: 'evaluation.fairness.sensitive' }));
  return [...names.map((c) => ({ column: c, specPath: 'features.include' })), { column: f.target, specPath: 'features.target' }, ...sensitive];
}

/** Reads the columns the spec needs; a name the file lacks is a DataError listing the file's columns. */
export async function readTrainingTable(path: string, spec: PipelineSpec): Promise<RawTable> {
  if (!spec.features?.target) throw new DataError('features.target: the spec names no target column');
  return readTable(path, (available) => wantedColumns(spec, available));
}

/** Splits rows with the seed: the last `split` share of a seeded shuffle validates. */
export function splitRows(rows: number[], split: number, seed: number): { train: number[]; val: number[] } {
  const order = [...rows];
  createRng(seed ^ 0x5eed).shuffle(order);
  const nVal = split > 0 ? Math.max(1, Math.round(order.length * split)) : 0;
  if (order.length - nVal < 1) throw new DataError(`only ${order.length} usable row(s): too few to hold out ${Math.round(split * 100)}% for validation; add data or lower training.validationSplit`);
  return { train: order.slice(0, order.length - nVal).sort((a, b) => a - b), val: order.slice(order.length - nVal).sort((a, b) => a - b) };
}

/**
 * Turns the raw table into model inputs as the spec and contract say: checks values, applies the
 * missing-value policy, splits with the seed, fits the preprocessing on the training rows.
 */
export function prepareData(table: RawTable, spec: PipelineSpec, contract: ContractContext | undefined, split: number, seed: number): PreparedData {
  const f = spec.features!;
  const model = spec.model!;
  const columns = featureColumns(f, table);
  const targetCol = table.columns.get(f.target)!;
  const target = fitTarget(targetCol, table, model, contract?.validValues.get(f.target));
  const policy = f.missing ?? 'error';
  const rows = usableRows(columns, targetCol, policy, table.format);
  const parts = splitRows(rows, split, seed);
  const declared = new Map([...(contract?.validValues ?? new Map<string, unknown[]>())].filter(([c]) => c !== f.target));
  const prep = fitPreprocessing(columns, parts.train, target, policy, declared);
  const values = new Map(columns.map((c) => [c.name, c.values as ArrayLike<unknown>]));
  const dataset = (r: number[]): Dataset => ({ x: transformRows(prep, values, r), y: encodeTarget(target, targetCol, table, r), rows: r.length });
  const outputs = model.task === 'multiclass' ? target.classes!.length : 1;
  return { train: dataset(parts.train), val: parts.val.length ? dataset(parts.val) : null, prep, outputs, rowsRead: table.rows, valSensitive: sensitiveAt(table, spec, parts.val) };
}

/** The sensitive columns' values (and numeric readings of text) at the given rows. */
export function sensitiveAt(table: RawTable, spec: PipelineSpec, rows: number[]): Map<string, SensitiveColumn> | undefined {
  const names = spec.evaluation?.fairness?.sensitive;
  if (!names?.length) return undefined;
  return new Map(names.map((name) => {
    const col = table.columns.get(name)!;
    return [name, { values: rows.map((r) => col.values[r] ?? null), ...(col.numeric ? { numbers: rows.map((r) => col.numeric![r] ?? null) } : {}) }];
  }));
}
