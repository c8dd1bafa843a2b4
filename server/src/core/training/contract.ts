import { resolve } from 'node:path';
import { loadContract, type LoadedContract } from '../contract/load';
import { selectSchemaObject } from '../contract/model';
import type { DataRef } from '../pipeline/spec';
import { DataError } from './errors';

/** What training takes from the data contract: its identity and the declared categories. */
export interface ContractContext {
  path: string;
  id?: string;
  version?: string;
  schema?: string;
  /** Column name to its validValues (one-hot categories, class labels). */
  validValues: Map<string, unknown[]>;
  /** The contract as read, handed to the data check so the file is parsed once per run. */
  loaded: LoadedContract;
}

/** Reads the contract a data file names (relative to the spec folder); undefined when it names none; DataError when unreadable. */
export function contractContext(specDir: string, ref: DataRef): ContractContext | undefined {
  if (!ref.contract) return undefined;
  const path = resolve(specDir, ref.contract);
  let loaded;
  try {
    loaded = loadContract(path);
  } catch (e) {
    throw new DataError(`data.train.contract: ${(e as Error).message}`);
  }
  const model = loaded.model;
  const schema = selectSchemaObject(model, ref.schema, ref.path);
  const validValues = new Map<string, unknown[]>();
  for (const p of schema?.properties ?? []) if (p.validValues) validValues.set(p.name, p.validValues);
  return { path, id: model.id, version: model.version, schema: schema?.name, validValues, loaded };
}
