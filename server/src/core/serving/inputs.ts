/**
 * What a served model reads: one input per feature column of its saved preprocessing, typed by the
 * data contract when the version has one (so the v2 metadata says INT64 for an integer column), and
 * which columns are identifiers (kept in batch output) or sensitive (never logged in clear).
 */
import { isSensitive } from '../contract/checks/sensitive';
import type { ContractSchemaObject } from '../contract/model';
import type { Preprocessing } from '../training/preprocess';

/** Tensor datatypes of the Open Inference Protocol v2 that requests may use. */
export type V2Datatype = 'FP64' | 'FP32' | 'INT64' | 'INT32' | 'BOOL' | 'BYTES';

export const NUMERIC_DATATYPES: readonly V2Datatype[] = ['FP64', 'FP32', 'INT64', 'INT32'];

export interface InputColumn {
  name: string;
  /** numeric: standardized/normalized/raw number; category: one-hot with an unknown bucket. */
  kind: 'numeric' | 'category';
  datatype: V2Datatype;
  /** Sensitive per the contract (the rule data checks use to mask samples): logged as a keyed hash only. */
  pii: boolean;
  /** A missing value is filled (numeric: the saved fill; category: the unknown bucket or the saved fill). */
  missingAllowed: boolean;
  /** One-hot categories known to the model. */
  categories?: ReadonlySet<string>;
}

export interface ModelInputs {
  columns: InputColumn[];
  /** Identifier columns (the contract's primary key) kept beside the predictions of a batch file. */
  keys: string[];
}

function contractDatatype(logicalType: string | undefined, kind: InputColumn['kind']): V2Datatype {
  switch ((logicalType ?? '').toLowerCase()) {
    case 'integer': return 'INT64';
    case 'number': return 'FP64';
    case 'boolean': return 'BOOL';
    case 'string': return 'BYTES';
    default: return kind === 'numeric' ? 'FP64' : 'BYTES';
  }
}

/** The model's inputs in feature order, typed by the contract's schema object when given. */
export function describeInputs(prep: Preprocessing, schema?: ContractSchemaObject): ModelInputs {
  const props = new Map((schema?.properties ?? []).map((p) => [p.name, p]));
  const columns = prep.steps.map((step): InputColumn => {
    const p = props.get(step.column);
    const kind = step.type === 'numeric' ? 'numeric' : 'category';
    // A numeric column declared as text in the contract would be refused as BYTES; numbers win.
    const declared = contractDatatype(p?.logicalType, kind);
    const datatype = kind === 'numeric' && !NUMERIC_DATATYPES.includes(declared) ? 'FP64' : declared;
    return {
      name: step.column, kind, datatype, pii: p !== undefined && isSensitive(p),
      missingAllowed: step.type === 'onehot' || step.fill !== null,
      ...(step.type === 'onehot' ? { categories: new Set(step.categories) } : {}),
    };
  });
  const keys = (schema?.properties ?? []).filter((p) => p.primaryKey).sort((a, b) => (a.primaryKeyPosition ?? 0) - (b.primaryKeyPosition ?? 0)).map((p) => p.name);
  return { columns, keys };
}
