/** Argument lists for `mlops check` and `mlops contract infer`, as plain data (unit-tested). */
import * as path from 'node:path';

/** `mlops check --contract C --data D [--schema S] [--sql-timeout Nms] --format json`. */
export function checkArgs(contract: string, data: string, schema?: string, sqlTimeoutMs?: number): string[] {
  const timeout = sqlTimeoutMs === undefined ? [] : ['--sql-timeout', `${sqlTimeoutMs}ms`];
  return ['check', '--contract', contract, '--data', data, ...(schema ? ['--schema', schema] : []), ...timeout, '--format', 'json'];
}

/** `mlops contract infer --data D [--name N] [--out FILE]` (stdout without --out). */
export function inferArgs(data: string, name?: string, out?: string): string[] {
  return ['contract', 'infer', '--data', data, ...(name ? ['--name', name] : []), ...(out ? ['--out', out] : [])];
}

/**
 * Where an inferred contract is proposed to be saved: `contracts/<name>.odcs.yaml` in the workspace
 * folder, with `-2`, `-3`, ... added while a file of that name exists (never an existing file).
 */
export function proposedContractPath(folder: string, name: string, exists: (path: string) => boolean): string {
  const base = name.toLowerCase().replace(/[^a-z0-9._-]+/g, '-').replace(/^[-.]+|[-.]+$/g, '') || 'contract';
  for (let n = 1; ; n++) {
    const candidate = path.join(folder, 'contracts', `${base}${n === 1 ? '' : `-${n}`}.odcs.yaml`);
    if (!exists(candidate)) return candidate;
  }
}
