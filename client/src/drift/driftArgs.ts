/** The argument list for `mlops drift`, as plain data (unit-tested). */
import type { MlopsConfig } from '../config';

/** Either a spec (data, contract and monitoring.drift read from it) or explicit files. */
export type DriftInputs = { spec: string } | { reference: string; current: string; contract?: string };

/**
 * `mlops drift (--spec S | --reference R --current C [--contract K]) [--sample N] [--workers N]
 * [--method M] [--threshold X] [--drift-share X] --format json`. The spec's monitoring.drift wins: the
 * settings' method, threshold and share are passed only for the keys it leaves out (`specDriftKeys`).
 */
export function driftArgs(i: DriftInputs, config: MlopsConfig, specDriftKeys: readonly string[] = []): string[] {
  const opt = (flag: string, v: string | number | undefined) => (v === undefined || v === 0 ? [] : [flag, String(v)]);
  const fill = (key: string, flag: string, v: string | number | undefined) => (v === undefined || specDriftKeys.includes(key) ? [] : [flag, String(v)]);
  const inputs = 'spec' in i ? ['--spec', i.spec]
    : ['--reference', i.reference, '--current', i.current, ...opt('--contract', i.contract)];
  const d = config.drift;
  return ['drift', ...inputs, ...opt('--sample', d.sampleRows), ...opt('--workers', d.workers),
    ...fill('method', '--method', d.method), ...fill('threshold', '--threshold', d.threshold), ...fill('driftShare', '--drift-share', d.driftShare),
    '--format', 'json'];
}
