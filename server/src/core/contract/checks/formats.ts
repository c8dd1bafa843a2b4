import { sqlString } from '../../data/source';
import type { ColumnValue } from './values';
import { own } from '../../keys';

// Well-known string formats (OpenAPI / JSON Schema names) as RE2 patterns DuckDB can run per row.
const STRING_FORMATS: Record<string, string> = {
  email: '^[^@\\s]+@[^@\\s]+\\.[^@\\s]+$',
  uuid: '^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$',
  uri: '^[A-Za-z][A-Za-z0-9+.-]*:[^\\s]*$',
  url: '^[A-Za-z][A-Za-z0-9+.-]*://[^\\s]+$',
  hostname: '^[A-Za-z0-9]([A-Za-z0-9-]{0,61}[A-Za-z0-9])?(\\.[A-Za-z0-9]([A-Za-z0-9-]{0,61}[A-Za-z0-9])?)*$',
  ipv4: '^((25[0-5]|2[0-4][0-9]|1[0-9]{2}|[1-9]?[0-9])\\.){3}(25[0-5]|2[0-4][0-9]|1[0-9]{2}|[1-9]?[0-9])$',
  ipv6: '^[0-9A-Fa-f:.]*:[0-9A-Fa-f:.]*$',
  byte: '^[A-Za-z0-9+/]*={0,2}$',
  date: '^[0-9]{4}-[0-9]{2}-[0-9]{2}$',
  'date-time': '^[0-9]{4}-[0-9]{2}-[0-9]{2}[Tt ][0-9]{2}:[0-9]{2}:[0-9]{2}(\\.[0-9]+)?([Zz]|[+-][0-9]{2}:?[0-9]{2})?$',
};

// Integer formats follow Rust's integer types; bounds as exact decimal text for HUGEINT-safe comparisons.
const INTEGER_BITS: Record<string, [string, string]> = {
  i8: ['-128', '127'], i16: ['-32768', '32767'], i32: ['-2147483648', '2147483647'],
  i64: ['-9223372036854775808', '9223372036854775807'], u8: ['0', '255'], u16: ['0', '65535'],
  u32: ['0', '4294967295'], u64: ['0', '18446744073709551615'],
};

/**
 * The row condition that finds values breaking `logicalTypeOptions.format`, or why it is not checked.
 * Formats of dates and times are not here: they decide how the value parses (see values.ts).
 */
export function formatCondition(logicalType: string | undefined, format: unknown, v: ColumnValue): { where?: string; skip?: string } | undefined {
  if (typeof format !== 'string') return undefined;
  if (logicalType === 'string') {
    const re = own(STRING_FORMATS, format.toLowerCase());
    return re ? { where: `NOT regexp_matches(${v.text}, ${sqlString(re)})` } : { skip: `format "${format}" has no value rule to check` };
  }
  if (logicalType === 'integer') {
    if (format === 'i128' || format === 'u128') return format === 'u128' ? { where: `${v.value} < 0` } : undefined;
    const b = own(INTEGER_BITS, format);
    return b ? { where: `(${v.value} < ${b[0]} OR ${v.value} > ${b[1]})` } : { skip: `integer format "${format}" is unknown` };
  }
  if (logicalType === 'number') {
    if (format === 'f32') return { where: `abs(${v.value}) > 3.4028234663852886e38` };
    return format === 'f64' ? undefined : { skip: `number format "${format}" is unknown` };
  }
  return undefined;
}
