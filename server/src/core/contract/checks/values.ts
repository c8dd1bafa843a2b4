import { sqlIdent, sqlString, type ColumnInfo } from '../../data/source';
import { jsonTypeFails, typeProblem } from './typed';

/** How one data column is read for the checks of one contract property. */
export interface ColumnValue {
  /** The column as stored (text for CSV files read as text). */
  raw: string;
  /** The column as text, for pattern, length and list checks. */
  text: string;
  /** The column as the contract's logical type: NULL where a value does not parse. */
  value: string;
  /** Row condition: a value is present but is not of the logical type; null when it cannot happen. */
  parseFails: string | null;
  /** SQL type of `value`, for literals in comparisons (DOUBLE, DATE, TIMESTAMP, ...). */
  valueType: 'DOUBLE' | 'DATE' | 'TIMESTAMP' | 'TIMESTAMPTZ' | 'TIME' | 'BOOLEAN' | 'VARCHAR' | 'OTHER';
  /** Set when the column's stored type cannot hold the logical type (typed files): every value fails. */
  typeProblem?: string;
}

/**
 * Where a column's values come from: `text` (CSV: every value is text, parsed per row), `json` (JSON
 * files: typed by DuckDB from the JSON values; dates and times are strings) or `typed` (Parquet).
 */
export type ValueSource = 'text' | 'json' | 'typed';

/**
 * Row condition: a date written as text carries a time of day. DuckDB's DATE cast accepts
 * "2023-06-16 13:12:56" (and "2023-06-16T13") by dropping the time; a `date` value must not have one.
 */
export function dateTextHasTime(text: string): string {
  // Ten characters hold a whole YYYY-MM-DD, so the pattern only runs on longer values (cheaper per row).
  return `(length(${text}) > 10 AND regexp_matches(${text}, '[0-9][T ][0-9]|:'))`;
}

const JDK_TOKENS: Array<[RegExp, string]> = [
  [/^yyyy/, '%Y'], [/^uuuu/, '%Y'], [/^yy/, '%y'], [/^MMMM/, '%B'], [/^MMM/, '%b'], [/^MM/, '%m'], [/^M/, '%-m'],
  [/^dd/, '%d'], [/^d/, '%-d'], [/^HH/, '%H'], [/^H/, '%-H'], [/^hh/, '%I'], [/^mm/, '%M'], [/^ss/, '%S'],
  [/^SSSSSS/, '%f'], [/^SSS/, '%g'], [/^a/, '%p'], [/^EEEE/, '%A'], [/^EEE/, '%a'], [/^(XXX|xxx|XX|Z|X)/, '%z'],
];

/**
 * Converts a JDK DateTimeFormatter pattern (what ODCS `logicalTypeOptions.format` uses) into a DuckDB
 * strptime format. Returns undefined for patterns with letters it does not know.
 */
export function jdkToStrptime(pattern: string): string | undefined {
  let out = '';
  let rest = pattern;
  while (rest.length > 0) {
    if (rest[0] === "'") {
      const end = rest.indexOf("'", 1);
      if (end < 0) return undefined;
      out += end === 1 ? "'" : rest.slice(1, end).replace(/%/g, '%%');
      rest = rest.slice(end + 1);
      continue;
    }
    const hit = JDK_TOKENS.find(([re]) => re.test(rest));
    if (hit) {
      out += hit[1];
      rest = rest.replace(hit[0], '');
    } else if (/^[A-Za-z]/.test(rest)) {
      // ISO style "yyyy-MM-ddTHH:mm:ssZ" writes T unquoted; any other unknown letter is a real field.
      if (rest[0] !== 'T') return undefined;
      out += 'T';
      rest = rest.slice(1);
    } else {
      out += rest[0] === '%' ? '%%' : rest[0];
      rest = rest.slice(1);
    }
  }
  return out;
}

function temporal(raw: string, isText: boolean, type: 'DATE' | 'TIMESTAMP' | 'TIMESTAMPTZ' | 'TIME', format: string | undefined): ColumnValue {
  const text = isText ? raw : `CAST(${raw} AS VARCHAR)`;
  if (!isText) return { raw, text, value: `TRY_CAST(${raw} AS ${type})`, parseFails: null, valueType: type };
  const fmt = format !== undefined && type !== 'TIME' ? jdkToStrptime(format) : undefined;
  const value = fmt !== undefined ? `CAST(try_strptime(${raw}, ${sqlString(fmt)}) AS ${type})` : `TRY_CAST(${raw} AS ${type})`;
  const timeOfDay = type === 'DATE' && fmt === undefined ? ` OR ${dateTextHasTime(raw)}` : '';
  return { raw, text, value, parseFails: `(${raw} IS NOT NULL AND (${value} IS NULL${timeOfDay}))`, valueType: type };
}

function numeric(raw: string, col: ColumnInfo, integer: boolean): ColumnValue {
  const isText = col.kind === 'string';
  const text = isText ? raw : `CAST(${raw} AS VARCHAR)`;
  if (col.kind === 'numeric') {
    const exact = /INT/i.test(col.sqlType);
    const value = exact ? raw : `CAST(${raw} AS DOUBLE)`;
    return { raw, text, value, parseFails: integer && !exact ? `(${raw} <> trunc(${raw}))` : null, valueType: 'DOUBLE' };
  }
  if (!isText) return { raw, text, value: `TRY_CAST(${raw} AS DOUBLE)`, parseFails: `(${raw} IS NOT NULL AND TRY_CAST(${raw} AS DOUBLE) IS NULL)`, valueType: 'DOUBLE' };
  // TRY_CAST to BIGINT rounds "1.5" to 2, so integers are parsed as DOUBLE and must have no fraction.
  const value = `TRY_CAST(${raw} AS DOUBLE)`;
  const bad = integer ? `${value} IS NULL OR NOT isfinite(${value}) OR ${value} <> trunc(${value})` : `${value} IS NULL OR NOT isfinite(${value})`;
  return { raw, text, value, parseFails: `(${raw} IS NOT NULL AND (${bad}))`, valueType: 'DOUBLE' };
}

function boolean(raw: string, col: ColumnInfo): ColumnValue {
  const text = col.kind === 'string' ? raw : `CAST(${raw} AS VARCHAR)`;
  if (col.kind === 'boolean') return { raw, text, value: raw, parseFails: null, valueType: 'BOOLEAN' };
  const value = `TRY_CAST(${raw} AS BOOLEAN)`;
  return { raw, text, value, parseFails: `(${raw} IS NOT NULL AND ${value} IS NULL)`, valueType: 'BOOLEAN' };
}

function byLogicalType(raw: string, col: ColumnInfo, logicalType: string | undefined, options: Record<string, unknown>): ColumnValue {
  const isText = col.kind === 'string';
  const format = typeof options.format === 'string' ? options.format : undefined;
  switch (logicalType) {
    case 'integer': return numeric(raw, col, true);
    case 'number': return numeric(raw, col, false);
    case 'boolean': return boolean(raw, col);
    case 'date': return temporal(raw, isText, 'DATE', format);
    case 'timestamp': return temporal(raw, isText, options.timezone === true ? 'TIMESTAMPTZ' : 'TIMESTAMP', format);
    case 'time': return temporal(raw, isText, 'TIME', format);
    case 'string': {
      const text = isText ? raw : `CAST(${raw} AS VARCHAR)`;
      return { raw, text, value: text, parseFails: null, valueType: 'VARCHAR' };
    }
    default: {
      // Lists and structs stay whole in samples (as JSON), not as their VARCHAR rendering.
      const whole = isText || logicalType === 'array' || logicalType === 'object';
      return { raw, text: whole ? raw : `CAST(${raw} AS VARCHAR)`, value: raw, parseFails: null, valueType: 'OTHER' };
    }
  }
}

const TEXT_COLUMN: ColumnInfo = { name: '', sqlType: 'VARCHAR', kind: 'string' };

/**
 * A JSON-typed column (a key whose values differ in type between records): the JSON type of each
 * value must hold the logical type; dates and times are JSON strings parsed as text.
 */
function jsonValue(raw: string, logicalType: string | undefined, options: Record<string, unknown>): ColumnValue {
  const text = `json_extract_string(${raw}, '$')`;
  const typeFails = jsonTypeFails(raw, logicalType);
  const parsed = logicalType === 'array' || logicalType === 'object' ? undefined : byLogicalType(text, TEXT_COLUMN, logicalType, options);
  const fails = [typeFails, parsed?.parseFails].filter((x): x is string => !!x);
  return {
    raw, text, value: parsed?.value ?? raw, valueType: parsed?.valueType ?? 'OTHER',
    parseFails: fails.length === 0 ? null : fails.length === 1 ? fails[0]! : `(${fails.join(' OR ')})`,
  };
}

const TEMPORAL = new Set(['date', 'timestamp', 'time']);

/**
 * Builds the SQL that reads a column (or, with `expr`, a nested field) as a contract property's
 * logical type. Text (CSV) is parsed per value; a typed column (Parquet, JSON) must be of a type that
 * holds the logical type, else `typeProblem` says why every value fails. JSON writes dates and times
 * as strings, so those are parsed as text.
 */
export function columnValue(col: ColumnInfo, logicalType: string | undefined, options: Record<string, unknown>, source: ValueSource = 'text', expr?: string): ColumnValue {
  const raw = expr ?? sqlIdent(col.name);
  if (col.sqlType === 'JSON') return jsonValue(raw, logicalType, options);
  if (source === 'json') {
    // JSON has strings and numbers only: DuckDB's DATE or TIMESTAMP for a key is its guess from the
    // strings, so they are read as the text they are; a number key mixing 1 and 2.5 is DOUBLE, and
    // whole numbers in it are integers (JSON Schema's rule), so integers are judged per value.
    if (TEMPORAL.has(logicalType ?? '')) return byLogicalType(col.kind === 'string' ? raw : `CAST(${raw} AS VARCHAR)`, TEXT_COLUMN, logicalType, options);
    if (col.kind === 'numeric' && (logicalType === 'integer' || logicalType === 'number')) return byLogicalType(raw, col, logicalType, options);
  }
  const v = byLogicalType(raw, col, logicalType, options);
  if (source === 'text') return v;
  const problem = typeProblem(col.sqlType, logicalType, options);
  return problem ? { ...v, parseFails: null, typeProblem: problem } : { ...v, parseFails: null };
}
