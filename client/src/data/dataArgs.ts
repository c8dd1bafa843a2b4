/** Argument lists for `mlops check` and `mlops contract infer`, as plain data (unit-tested). */

/** `mlops check --contract C --data D [--schema S] [--sql-timeout Nms] --format json`. */
export function checkArgs(contract: string, data: string, schema?: string, sqlTimeoutMs?: number): string[] {
  const timeout = sqlTimeoutMs === undefined ? [] : ['--sql-timeout', `${sqlTimeoutMs}ms`];
  return ['check', '--contract', contract, '--data', data, ...(schema ? ['--schema', schema] : []), ...timeout, '--format', 'json'];
}

/** `mlops contract infer --data D [--name N] [--out FILE]` (stdout without --out). */
export function inferArgs(data: string, name?: string, out?: string): string[] {
  return ['contract', 'infer', '--data', data, ...(name ? ['--name', name] : []), ...(out ? ['--out', out] : [])];
}
