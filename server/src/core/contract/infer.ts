import { basename, extname } from 'node:path';
import { dataError, DataFileError, openDataSource, type ColumnInfo, type DataSource } from '../data/source';
import { toJson } from './checks/samples';
import { scanColumnDetails, scanColumnStats, type ColumnDetails, type ColumnStats, type DetailRequest, type DistinctKey } from './inferScan';
import { widenedBound } from './inferBounds';

export interface InferOptions {
  dataPath: string;
  /** Contract name; defaults to the data file's base name. */
  name?: string;
  /** Strings with at most this many distinct values get a validValues rule. */
  maxValidValues?: number;
  threads?: number;
}

/** The narrowest logical type every present value of a text column parses as. */
function typeFromValues(s: ColumnStats): string {
  if (s.present === 0) return 'string';
  if (s.integers === s.present) return 'integer';
  if (s.numbers === s.present) return 'number';
  if (s.dates === s.present) return 'date';
  if (s.timestamps === s.present) return 'timestamp';
  if (s.booleans === s.present) return 'boolean';
  return 'string';
}

/**
 * A typed column (Parquet, JSON) keeps the type it is stored as: a Parquet string column is a string even
 * when its values look like numbers, since a check compares the stored type with the contract's.
 */
function typeFromColumn(c: ColumnInfo): string {
  const t = c.sqlType.toUpperCase();
  if (c.kind === 'string') return 'string';
  if (/\[\]$|^LIST|^ARRAY/.test(t)) return 'array';
  if (/^(STRUCT|MAP|UNION)/.test(t)) return 'object';
  if (/^(DECIMAL|FLOAT|DOUBLE|REAL)/.test(t)) return 'number';
  if (c.kind === 'numeric') return 'integer';
  if (c.kind === 'boolean') return 'boolean';
  if (t === 'DATE') return 'date';
  if (t.startsWith('TIMESTAMP')) return 'timestamp';
  return t.startsWith('TIME') ? 'time' : 'string';
}

const PHYSICAL: Record<string, string> = {
  integer: 'bigint', number: 'double', date: 'date', timestamp: 'timestamp', boolean: 'boolean', string: 'varchar',
};

/** How the check will compare values for uniqueness, by logical type (none for lists and objects). */
function distinctKey(type: string): DistinctKey | undefined {
  if (type === 'integer' || type === 'number') return 'n';
  if (type === 'date') return 'd';
  if (type === 'timestamp') return 't';
  return type === 'string' ? 's' : undefined;
}

/**
 * Integer bounds: a double holds every integer below 2^53 exactly; beyond it the exact 128-bit
 * bound is widened to the next double outside the data (see inferBounds.ts).
 */
function integerBounds(s: ColumnStats): { minimum: unknown; maximum: unknown } {
  const exact = s.bigs === s.hugeints;
  const lo = Number(s.numMin);
  const hi = Number(s.numMax);
  return {
    minimum: exact && lo <= -(2 ** 53) ? widenedBound(s.intMin, 'down') : lo,
    maximum: exact && hi >= 2 ** 53 ? widenedBound(s.intMax, 'up') : hi,
  };
}

/** Bounds as the check reads them back (numbers, dates and timestamps). */
function bounds(s: ColumnStats, type: string): { minimum: unknown; maximum: unknown } | undefined {
  if (s.present === 0) return undefined;
  if ((type === 'integer' || type === 'number') && s.numMin === null) return undefined;
  if (type === 'integer') return integerBounds(s);
  if (type === 'number') return { minimum: toJson(s.numMin), maximum: toJson(s.numMax) };
  if (type === 'date') return { minimum: toJson(s.dateMin), maximum: toJson(s.dateMax) };
  if (type === 'timestamp') return { minimum: toJson(s.tsMin), maximum: toJson(s.tsMax) };
  return undefined;
}

interface Column { info: ColumnInfo; stats: ColumnStats; type: string }

function property(c: Column, d: ColumnDetails | undefined, rows: number, typed: boolean): Record<string, unknown> {
  const s = c.stats;
  const p: Record<string, unknown> = { name: c.info.name, logicalType: c.type };
  const physical = typed ? c.info.sqlType.toLowerCase() : PHYSICAL[c.type];
  if (physical) p.physicalType = physical;
  if (rows > 0 && s.present === rows) p.required = true;
  if (d !== undefined && distinctKey(c.type) !== undefined && d.distinct === s.present && s.present > 1) p.unique = true;
  // A zoned timestamp is compared as an instant; its text bounds would be read in another zone.
  const zoned = typed && /WITH TIME ZONE/i.test(c.info.sqlType);
  const b = zoned ? undefined : bounds(s, c.type);
  if (b && b.minimum !== null && b.minimum !== undefined) p.logicalTypeOptions = b;
  if (zoned) p.logicalTypeOptions = { timezone: true };
  const values = d?.values ? (toJson(d.values) as unknown[]) : undefined;
  // A list of values is only useful when values repeat; a column of all-distinct strings is an identifier.
  if (values && values.length > 0 && values.length < s.present / 2) {
    p.quality = [{ metric: 'invalidValues', arguments: { validValues: values }, mustBe: 0 }];
  }
  return p;
}

/** Which columns need the second scan, and for what. */
function detailsWanted(columns: Column[], maxValues: number): Map<number, DetailRequest> {
  const wanted = new Map<number, DetailRequest>();
  columns.forEach(({ stats: s, type }, i) => {
    // DuckDB's sketch was measured up to 16% low on a million distinct strings: exact counts for
    // every column that may be unique by that margin.
    const unique = s.present > 1 && s.approxDistinct >= s.present * 0.75 ? distinctKey(type) : undefined;
    const values = type === 'string' && s.present > 0 && s.approxDistinct <= maxValues * 2;
    if (unique || values) wanted.set(i, { key: unique ?? 's', values, estimate: s.approxDistinct });
  });
  return wanted;
}

/**
 * A contract inferred from records some of which could not be read would fail `mlops check` on the
 * same file: such a file is refused, naming the first bad lines, until it is fixed.
 */
async function refuseUnreadableRecords(source: DataSource, shown: string): Promise<void> {
  const { count, rows } = await source.rejects(3);
  if (count === 0) return;
  const first = rows[0]!;
  const lines = rows.map((r) => `${r.file ? `${basename(r.file)} ` : ''}line ${r.line}: ${r.message}`).join('; ');
  throw new DataFileError(shown, `${count} ${count === 1 ? 'record' : 'records'} cannot be read as CSV (${lines}); `
    + 'a contract inferred from the other records would fail `mlops check` on this file: fix or remove them and infer again', first.line);
}

function slug(s: string): string {
  return s.toLowerCase().replace(/[^a-z0-9_-]+/g, '-').replace(/^-+|-+$/g, '') || 'data';
}

async function inferFrom(source: DataSource, o: InferOptions): Promise<Record<string, unknown>> {
  const { rows, stats } = await scanColumnStats(source);
  await refuseUnreadableRecords(source, o.dataPath);
  // Parquet and JSON columns are typed by the file; only CSV text is typed by its values.
  const typed = source.format !== 'csv';
  const columns: Column[] = source.columns.map((info, i) => ({ info, stats: stats[i]!, type: typed ? typeFromColumn(info) : typeFromValues(stats[i]!) }));
  const maxValues = o.maxValidValues ?? 10;
  const details = await scanColumnDetails(source, detailsWanted(columns, maxValues), maxValues);
  const file = basename(o.dataPath);
  const name = o.name ?? basename(file, extname(file));
  return {
    apiVersion: 'v3.1.0', kind: 'DataContract', id: slug(name), name, version: '0.1.0', status: 'draft',
    description: { purpose: `Inferred by mlops contract infer from ${file} (${rows} rows); review before use.` },
    schema: [{
      name: slug(basename(file, extname(file))).replace(/-/g, '_'), physicalName: file, physicalType: 'table',
      properties: columns.map((c, i) => property(c, details.get(i), rows, typed)),
    }],
  };
}

/**
 * Infers an ODCS v3.1.0 contract from a data file: per column the logical type every value parses
 * as (a Parquet column's stored type), required when no value is missing, minimum/maximum for
 * numbers and dates, unique when no value repeats, and validValues for strings with few distinct
 * values. Two scans of the data in long form, so time grows with rows x columns and memory with the
 * columns; the result passes `mlops check` on the same file. Throws DataFileError for a file that
 * cannot be read (or has records that cannot be), naming the file and the line.
 */
export async function inferContract(o: InferOptions): Promise<Record<string, unknown>> {
  const source = await openDataSource(o.dataPath, { text: true, rejects: true, threads: o.threads });
  try {
    return await inferFrom(source, o);
  } catch (e) {
    throw e instanceof DataFileError ? e : dataError(o.dataPath, e);
  } finally {
    source.close();
  }
}
