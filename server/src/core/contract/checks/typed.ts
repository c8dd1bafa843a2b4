/**
 * Logical types against the types a typed file stores (Parquet, and JSON as DuckDB reads it): a
 * column fits a logicalType by its type, not because its values happen to convert (a TIMESTAMP is
 * not a `date`, an INTEGER is not a `boolean`). Type names are DuckDB's, as DESCRIBE prints them.
 */

const INTEGERS = ['TINYINT', 'SMALLINT', 'INTEGER', 'BIGINT', 'HUGEINT', 'UTINYINT', 'USMALLINT', 'UINTEGER', 'UBIGINT', 'UHUGEINT'];
const TIMESTAMPS = ['TIMESTAMP', 'TIMESTAMP_S', 'TIMESTAMP_MS', 'TIMESTAMP_NS'];
const DECIMAL = /^DECIMAL\(\d+,\s*(\d+)\)$/;

export const isListType = (t: string): boolean => /\[\d*\]$/.test(t);
export const isStructType = (t: string): boolean => /^STRUCT\(/.test(t);
const isMapType = (t: string): boolean => /^MAP\(/.test(t);

/** What a logicalType needs, in words, for messages. */
const NEEDS: Record<string, string> = {
  integer: 'an integer type (TINYINT to HUGEINT, signed or unsigned, or DECIMAL with scale 0)',
  number: 'a numeric type (an integer type, FLOAT, DOUBLE or DECIMAL)',
  boolean: 'BOOLEAN',
  string: 'VARCHAR (or UUID, ENUM)',
  date: 'DATE',
  timestamp: 'a TIMESTAMP type',
  time: 'TIME',
  array: 'a list (e.g. VARCHAR[])',
  object: 'a STRUCT (or MAP)',
};

function timezoneFits(t: string, timezone: unknown): boolean {
  const zoned = t.endsWith('WITH TIME ZONE');
  return timezone === true ? zoned : timezone === false ? !zoned : true;
}

/** True when a column of DuckDB type `t` holds values of the logical type (`options` for timezone). */
export function typeFits(t: string, logicalType: string, options: Record<string, unknown>): boolean {
  const scale = DECIMAL.exec(t)?.[1];
  switch (logicalType) {
    case 'integer': return INTEGERS.includes(t) || scale === '0';
    case 'number': return INTEGERS.includes(t) || t === 'FLOAT' || t === 'DOUBLE' || scale !== undefined;
    case 'boolean': return t === 'BOOLEAN';
    case 'string': return t === 'VARCHAR' || t === 'UUID' || t.startsWith('ENUM(');
    case 'date': return t === 'DATE';
    case 'timestamp': return (TIMESTAMPS.includes(t) || t === 'TIMESTAMP WITH TIME ZONE') && timezoneFits(t, options.timezone);
    case 'time': return (t === 'TIME' || t === 'TIME_NS' || t === 'TIME WITH TIME ZONE') && timezoneFits(t, options.timezone);
    case 'array': return isListType(t);
    case 'object': return isStructType(t) || isMapType(t);
    default: return true;
  }
}

/** Why a column's type does not fit its logical type, as a sentence; undefined when it fits. */
export function typeProblem(t: string, logicalType: string | undefined, options: Record<string, unknown>): string | undefined {
  if (logicalType === undefined || !(logicalType in NEEDS) || typeFits(t, logicalType, options)) return undefined;
  const zone = (logicalType === 'timestamp' || logicalType === 'time') && typeof options.timezone === 'boolean'
    ? (options.timezone ? ' WITH TIME ZONE (timezone: true)' : ' without a time zone (timezone: false)') : '';
  return `the column is ${t} in the file; logicalType ${logicalType} needs ${NEEDS[logicalType]}${zone}`;
}

/** JSON value types (DuckDB's json_type) that hold each logical type. */
const JSON_TYPES: Record<string, string[]> = {
  integer: ['BIGINT', 'UBIGINT'], number: ['BIGINT', 'UBIGINT', 'DOUBLE'], boolean: ['BOOLEAN'], string: ['VARCHAR'],
  date: ['VARCHAR'], timestamp: ['VARCHAR'], time: ['VARCHAR'], array: ['ARRAY'], object: ['OBJECT'],
};

/**
 * Row condition for a JSON-typed column (keys whose values differ in type between records): the
 * value is present but its JSON type cannot hold the logical type. A whole number written 3.0 is an
 * integer, as JSON Schema counts it. Undefined when any value fits (no logical type).
 */
export function jsonTypeFails(raw: string, logicalType: string | undefined): string | undefined {
  const allowed = logicalType === undefined ? undefined : JSON_TYPES[logicalType];
  if (!allowed) return undefined;
  const list = allowed.map((t) => `'${t}'`).join(', ');
  const wholeDouble = logicalType === 'integer' ? ` AND NOT (json_type(${raw}) = 'DOUBLE' AND TRY_CAST(${raw} AS DOUBLE) = trunc(TRY_CAST(${raw} AS DOUBLE)))` : '';
  return `(${raw} IS NOT NULL AND json_type(${raw}) <> 'NULL' AND json_type(${raw}) NOT IN (${list})${wholeDouble})`;
}

/** Splits a type's argument list at its top-level commas (names may be quoted, types nested). */
function topLevelParts(s: string): string[] {
  const parts: string[] = [];
  let depth = 0;
  let quoted = false;
  let start = 0;
  for (let i = 0; i < s.length; i++) {
    const c = s[i];
    if (c === '"') quoted = !quoted;
    else if (!quoted && c === '(') depth++;
    else if (!quoted && c === ')') depth--;
    else if (!quoted && depth === 0 && c === ',') { parts.push(s.slice(start, i).trim()); start = i + 1; }
  }
  parts.push(s.slice(start).trim());
  return parts.filter((p) => p !== '');
}

/** The fields of a STRUCT type as DuckDB prints it, e.g. STRUCT(a INTEGER, "b c" VARCHAR[]). */
export function structFields(t: string): Map<string, string> {
  const out = new Map<string, string>();
  if (!isStructType(t) || !t.endsWith(')')) return out;
  for (const part of topLevelParts(t.slice('STRUCT('.length, -1))) {
    const m = /^"((?:[^"]|"")*)"\s+(.+)$/.exec(part) ?? /^(\S+)\s+(.+)$/.exec(part);
    if (m) out.set(m[1]!.replace(/""/g, '"'), m[2]!);
  }
  return out;
}

/** The element type of a list type (`VARCHAR[]` -> `VARCHAR`), or undefined. */
export function elementType(t: string): string | undefined {
  return isListType(t) ? t.replace(/\[\d*\]$/, '') : undefined;
}
