// Which columns are compared, and as what. Types come from the contract when there is one (the
// contract is the user's statement of what a column means), else from what DuckDB sniffed in both
// files. Columns that would mislead the verdict are reported as skipped with the reason, not silently
// dropped, so the table still accounts for every column:
//  - identifiers (the contract's primaryKey/unique, or text whose reference values are all distinct):
//    every current value is new, so they always look drifted and would swamp the share;
//  - the spec's target: label drift is a different question from input drift, and the current data
//    of a deployed model usually has no labels yet;
//  - dates and timestamps: time moves forward between the two files, so they always drift.
// Listing a column in monitoring.drift.features compares it anyway (the user asked for it).
import type { ContractProperty, ContractSchemaObject } from '../../contract/model';
import type { ColumnInfo } from '../../data/source';
import type { FeatureKind } from '../model';

export type ReadAs = 'number' | 'epoch' | 'category';

export interface FeaturePlan {
  name: string;
  kind: FeatureKind;
  /** How the values are read; null when the feature is skipped (then `skip` says why). */
  read: ReadAs | null;
  skip?: string;
  notes: string[];
  /** Named in monitoring.drift.features: compared even when it looks like an identifier. */
  explicit: boolean;
  /** Typed by inference: text columns get the identifier check once their values are counted. */
  inferred: boolean;
  /** Per file: the column is text but read as numbers, so values that do not parse are counted. */
  numberChecks: { reference: boolean; current: boolean };
  /** Integer-typed per file (pandas reads such a column as an integer dtype when nothing is missing). */
  integer: { reference: boolean; current: boolean };
}

export interface PlanInput {
  reference: ColumnInfo[];
  current: ColumnInfo[];
  schema?: ContractSchemaObject;
  features?: 'all' | string[];
  target?: string;
  /** Columns in play when `features` is all (the model's inputs); every column when absent. */
  scope?: string[];
  exclude?: string[];
  /** Which files are empty (0 bytes): their columns are missing for that reason, not by design. */
  empty?: { reference: boolean; current: boolean };
}

const TEMPORAL_TYPES = new Set(['date', 'timestamp', 'time', 'datetime']);
const INTEGER_SQL = /^U?(TINYINT|SMALLINT|INTEGER|BIGINT|HUGEINT)$/;

function skipped(name: string, kind: FeatureKind, reason: string, explicit: boolean): FeaturePlan {
  return { name, kind, read: null, skip: reason, notes: [], explicit, inferred: false, numberChecks: { reference: false, current: false }, integer: { reference: false, current: false } };
}

function compared(name: string, kind: FeatureKind, read: ReadAs, explicit: boolean, inferred: boolean, ref?: ColumnInfo, cur?: ColumnInfo): FeaturePlan {
  const text = (c?: ColumnInfo) => read !== 'category' && c?.kind === 'string';
  const integer = { reference: !!ref && INTEGER_SQL.test(ref.sqlType), current: !!cur && INTEGER_SQL.test(cur.sqlType) };
  return { name, kind, read, notes: [], explicit, inferred, numberChecks: { reference: text(ref), current: text(cur) }, integer };
}

/** Typing by the contract's logicalType (ODCS v3: string, number, integer, boolean, date, timestamp, object, array). */
function fromContract(p: ContractProperty, explicit: boolean, ref: ColumnInfo, cur: ColumnInfo): FeaturePlan {
  const t = (p.logicalType ?? '').toLowerCase();
  if ((p.primaryKey || p.unique) && !explicit) {
    return skipped(p.name, 'other', `identifier (${p.primaryKey ? 'primaryKey' : 'unique'} in the contract): every value is new, so it would always look drifted`, explicit);
  }
  if (t === 'number' || t === 'integer') return compared(p.name, 'numeric', 'number', explicit, false, ref, cur);
  if (t === 'string' || t === 'boolean') return compared(p.name, 'categorical', 'category', explicit, false);
  if (TEMPORAL_TYPES.has(t)) {
    return explicit ? compared(p.name, 'numeric', 'epoch', explicit, false)
      : skipped(p.name, 'other', `${t} column: time moves between the two files, so it always drifts (list it under monitoring.drift.features to compare it anyway)`, explicit);
  }
  return inferred(ref, cur, explicit, [`logicalType "${p.logicalType ?? 'none'}" in the contract does not say how to compare it; typed from the data`]);
}

/** Typing from DuckDB's sniffed types in both files. */
function inferred(ref: ColumnInfo, cur: ColumnInfo, explicit: boolean, notes: string[] = []): FeaturePlan {
  const kinds = new Set([ref.kind, cur.kind]);
  const one = (k: ColumnInfo['kind']) => kinds.size === 1 && kinds.has(k);
  let plan: FeaturePlan;
  if (one('numeric') || (kinds.has('numeric') && kinds.has('string'))) {
    // Text on one side is read as numbers: fine when it is only empty, reported when values fail to parse.
    plan = compared(ref.name, 'numeric', 'number', explicit, true, ref, cur);
  } else if ([...kinds].every((k) => k === 'string' || k === 'boolean')) {
    plan = compared(ref.name, 'categorical', 'category', explicit, true);
  } else if (one('temporal')) {
    plan = explicit ? compared(ref.name, 'numeric', 'epoch', explicit, true)
      : skipped(ref.name, 'other', 'date/time column: time moves between the two files, so it always drifts (list it under monitoring.drift.features to compare it anyway)', explicit);
  } else {
    plan = skipped(ref.name, 'other', `cannot compare ${ref.sqlType} (reference) with ${cur.sqlType} (current)`, explicit);
  }
  plan.notes.push(...notes);
  return plan;
}

/**
 * Plans every column of either file (or those in scope, or only the listed features): compared with a
 * kind and a way to read it, or skipped with the reason. Order: reference columns first, then
 * current-only ones (or the order of the list).
 */
export function planFeatures(input: PlanInput): FeaturePlan[] {
  const listed = Array.isArray(input.features) ? input.features : undefined;
  const every = [...new Set([...input.reference.map((c) => c.name), ...input.current.map((c) => c.name)])];
  const names = listed ?? (input.scope ?? every).filter((n) => !input.exclude?.includes(n));
  return names.map((name) => planOne(name, input, listed?.includes(name) ?? false));
}

function planOne(name: string, input: PlanInput, explicit: boolean): FeaturePlan {
  const ref = input.reference.find((c) => c.name === name);
  const cur = input.current.find((c) => c.name === name);
  if (!ref || !cur) {
    const emptyFile = input.empty?.reference ? 'reference' : input.empty?.current ? 'current' : undefined;
    if (emptyFile) return skipped(name, 'other', `the ${emptyFile} file is empty (0 bytes)`, explicit);
    const where = !ref && !cur ? 'in neither file' : !ref ? 'only in the current file' : 'only in the reference file';
    return skipped(name, 'other', `column ${where}: compared on the columns both files share`, explicit);
  }
  if (name === input.target && !explicit) {
    return skipped(name, 'other', 'the target (features.target in the spec): label drift is not input drift, and current data often has no labels yet; list it under monitoring.drift.features to compare it', explicit);
  }
  const property = input.schema?.properties.find((p) => p.name === name);
  if (property) return fromContract(property, explicit, ref, cur);
  return inferred(ref, cur, explicit, input.schema ? [`not in contract schema "${input.schema.name}": typed from the data`] : []);
}
