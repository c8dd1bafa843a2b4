import { basename, extname } from 'node:path';
import { openDataSource, sqlIdent, type ColumnInfo, type DataSource } from '../data/source';
import { toJson } from './checks/samples';
import { columnValue } from './checks/values';

/** What one scan learns about a column, enough to choose its logical type and bounds. */
interface ColumnStats {
  name: string;
  sqlType: string;
  present: number;
  integers: number;
  numbers: number;
  dates: number;
  timestamps: number;
  booleans: number;
  approxDistinct: number;
  min: unknown;
  max: unknown;
}

export interface InferOptions {
  dataPath: string;
  /** Contract name; defaults to the data file's base name. */
  name?: string;
  /** Strings with at most this many distinct values get a validValues rule. */
  maxValidValues?: number;
  threads?: number;
}

const text = (c: ColumnInfo) => (c.kind === 'string' ? sqlIdent(c.name) : `CAST(${sqlIdent(c.name)} AS VARCHAR)`);

function statsSql(c: ColumnInfo, i: number): string {
  const t = text(c);
  const num = `TRY_CAST(${t} AS DOUBLE)`;
  return [
    `count(${t}) AS p${i}`,
    `count(*) FILTER (WHERE isfinite(${num}) AND ${num} = trunc(${num})) AS i${i}`,
    `count(*) FILTER (WHERE isfinite(${num})) AS n${i}`,
    `count(TRY_CAST(${t} AS DATE)) FILTER (WHERE NOT contains(${t}, ':')) AS d${i}`,
    `count(TRY_CAST(${t} AS TIMESTAMP)) AS t${i}`,
    `count(*) FILTER (WHERE lower(${t}) IN ('true', 'false')) AS b${i}`,
    `approx_count_distinct(${t}) AS a${i}`,
  ].join(', ');
}

async function scanStats(source: DataSource): Promise<{ rows: number; stats: ColumnStats[] }> {
  const cols = source.columns;
  const select = ['count(*) AS rows', ...cols.map(statsSql)].join(', ');
  const r = (await source.connection.runAndReadAll(`SELECT ${select} FROM data`)).getRowObjects()[0]!;
  const n = (k: string) => Number(r[k] ?? 0);
  const stats = cols.map((c, i) => ({
    name: c.name, sqlType: c.sqlType, present: n(`p${i}`), integers: n(`i${i}`), numbers: n(`n${i}`), dates: n(`d${i}`),
    timestamps: n(`t${i}`), booleans: n(`b${i}`), approxDistinct: n(`a${i}`), min: undefined, max: undefined,
  }));
  return { rows: Number(r.rows), stats };
}

/** The narrowest logical type every present value of the column parses as. */
function logicalTypeOf(s: ColumnStats): string {
  if (s.present === 0) return 'string';
  if (s.integers === s.present) return 'integer';
  if (s.numbers === s.present) return 'number';
  if (s.dates === s.present) return 'date';
  if (s.timestamps === s.present) return 'timestamp';
  if (s.booleans === s.present) return 'boolean';
  return 'string';
}

const PHYSICAL: Record<string, string> = {
  integer: 'bigint', number: 'double', date: 'date', timestamp: 'timestamp', boolean: 'boolean', string: 'varchar',
};

/** Second scan: exact bounds, exact uniqueness where the sketch says it may hold, small value lists. */
async function details(source: DataSource, stats: ColumnStats[], types: string[], maxValues: number) {
  const parts: string[] = [];
  stats.forEach((s, i) => {
    const col = source.columns[i]!;
    const v = columnValue(col, types[i], {});
    if (types[i] !== 'string' && types[i] !== 'boolean' && s.present > 0) parts.push(`min(${v.value}) AS lo${i}`, `max(${v.value}) AS hi${i}`);
    if (s.present > 1 && s.approxDistinct >= s.present * 0.9) parts.push(`count(DISTINCT ${v.value}) AS u${i}`);
    if (types[i] === 'string' && s.approxDistinct <= maxValues * 2 && s.present > 0) {
      parts.push(`CASE WHEN count(DISTINCT ${v.text}) <= ${maxValues} THEN list(DISTINCT ${v.text} ORDER BY ${v.text}) END AS vv${i}`);
    }
  });
  if (parts.length === 0) return {} as Record<string, unknown>;
  return (await source.connection.runAndReadAll(`SELECT ${parts.join(', ')} FROM data`)).getRowObjects()[0] ?? {};
}

function slug(s: string): string {
  return s.toLowerCase().replace(/[^a-z0-9_-]+/g, '-').replace(/^-+|-+$/g, '') || 'data';
}

function property(s: ColumnStats, type: string, d: Record<string, unknown>, i: number, rows: number): Record<string, unknown> {
  const p: Record<string, unknown> = { name: s.name, logicalType: type, physicalType: PHYSICAL[type] };
  if (rows > 0 && s.present === rows) p.required = true;
  if (d[`u${i}`] !== undefined && Number(d[`u${i}`]) === s.present && s.present > 1) p.unique = true;
  const lo = toJson(d[`lo${i}`]);
  const hi = toJson(d[`hi${i}`]);
  if (lo !== null && lo !== undefined) p.logicalTypeOptions = { minimum: lo, maximum: hi };
  const values = toJson(d[`vv${i}`]);
  // A list of values is only useful when values repeat; a column of all-distinct strings is an identifier.
  if (Array.isArray(values) && values.length > 0 && values.length < s.present / 2) {
    p.quality = [{ metric: 'invalidValues', arguments: { validValues: values }, mustBe: 0 }];
  }
  return p;
}

/**
 * Infers an ODCS v3.1.0 contract from a data file: per column the logical type every value parses
 * as, required when no value is missing, minimum/maximum for numbers and dates, unique when no value
 * repeats, and validValues for strings with few distinct values. Two scans; returns plain data.
 */
export async function inferContract(o: InferOptions): Promise<Record<string, unknown>> {
  const source = await openDataSource(o.dataPath, { text: true, rejects: true, threads: o.threads });
  try {
    const { rows, stats } = await scanStats(source);
    const types = stats.map(logicalTypeOf);
    const d = await details(source, stats, types, o.maxValidValues ?? 10);
    const file = basename(o.dataPath);
    const name = o.name ?? basename(file, extname(file));
    return {
      apiVersion: 'v3.1.0', kind: 'DataContract', id: slug(name), name, version: '0.1.0', status: 'draft',
      description: { purpose: `Inferred by mlops contract infer from ${file} (${rows} rows); review before use.` },
      schema: [{
        name: slug(basename(file, extname(file))).replace(/-/g, '_'), physicalName: file, physicalType: 'table',
        properties: stats.map((s, i) => property(s, types[i]!, d, i, rows)),
      }],
    };
  } finally {
    source.close();
  }
}
