// What computeDrift takes, and a data file as it moves through the computation.
import type { ContractSchemaObject } from '../../contract/model';
import type { ColumnProfile } from '../../data/columns';
import type { ColumnInfo, DataSource } from '../../data/source';
import type { DriftConfig } from '../config';

export interface DriftInput {
  reference: string;
  current: string;
  /** Paths as the report shows them (defaults to the paths given). */
  display?: { reference: string; current: string };
  schema?: ContractSchemaObject;
  config: DriftConfig;
  /** Numeric statistics use a seeded uniform sample of this many rows per larger file (default 1,000,000). */
  maxRows?: number;
  seed?: number;
  /** Worker threads for numeric columns: 0 inline, undefined automatic. */
  workers?: number;
  /** Categories per column compared one by one; the rest form one bucket (default 10,000). */
  categoryCap?: number;
  /** Budget for the numeric column buffers of one batch, in bytes (default 512 MiB). */
  memoryBudget?: number;
  signal?: AbortSignal;
}

export const DEFAULT_MAX_ROWS = 1_000_000;
export const DEFAULT_CATEGORY_CAP = 10_000;

/** A data file opened for drift; an empty (0-byte) file has no columns and no rows. */
export interface DriftSide { path: string; source?: DataSource; columns: ColumnInfo[]; profile: ColumnProfile }

