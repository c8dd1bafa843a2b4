import type { DuckDBConnection } from '@duckdb/node-api';
import type { ContractProperty } from '../model';

// A physicalType is read only when it is a plain type name, optionally with a size and a list suffix
// (`varchar(18)`, `decimal(10, 2)`, `bigint[]`), so nothing else can reach the SQL.
const TYPE_NAME = /^[A-Za-z][A-Za-z0-9_ ]{0,40}(\(\s*\d{1,3}\s*(,\s*\d{1,3}\s*)?\))?(\[\])?$/;

/**
 * DuckDB's own name for each property's physicalType (`int` is INTEGER, `varchar(18)` VARCHAR,
 * `datetime` TIMESTAMP, `numeric(10,2)` DECIMAL(10,2)), found by asking DuckDB to cast NULL to it.
 * null where DuckDB knows no such type (a warehouse's own name such as NUMBER(38,0) or INT64).
 */
export async function resolvePhysicalTypes(conn: DuckDBConnection, props: ContractProperty[]): Promise<Map<string, string | null>> {
  const out = new Map<string, string | null>();
  for (const p of props) {
    const t = p.physicalType?.trim();
    if (t === undefined || out.has(t)) continue;
    if (!TYPE_NAME.test(t)) { out.set(t, null); continue; }
    try {
      out.set(t, String((await conn.runAndReadAll(`SELECT typeof(CAST(NULL AS ${t}))`)).getRows()[0]![0]));
    } catch {
      out.set(t, null);
    }
  }
  return out;
}

/** True when the file's column type is the physicalType (a DECIMAL named without size fits any DECIMAL). */
export function physicalTypeMatches(written: string, resolved: string, columnType: string): boolean {
  if (resolved === columnType) return true;
  return !/\(/.test(written) && resolved.startsWith('DECIMAL(') && columnType.startsWith('DECIMAL(');
}
