import { sqlIdent, sqlString, type ColumnInfo } from '../../data/source';

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
  return { raw, text, value, parseFails: `(${raw} IS NOT NULL AND ${value} IS NULL)`, valueType: type };
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

/** Builds the SQL that reads a column as a contract property's logical type. */
export function columnValue(col: ColumnInfo, logicalType: string | undefined, options: Record<string, unknown>): ColumnValue {
  const raw = sqlIdent(col.name);
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
    default:
      return { raw, text: isText ? raw : `CAST(${raw} AS VARCHAR)`, value: raw, parseFails: null, valueType: 'OTHER' };
  }
}
