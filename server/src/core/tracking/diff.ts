import type { RunRecord } from './types';

/** One field that differs between two runs; a value absent on one side is undefined. */
export interface RunDifference { section: 'params' | 'metrics' | 'data' | 'run'; key: string; a: unknown; b: unknown }

function flatten(value: unknown, prefix: string, out: Map<string, unknown>): Map<string, unknown> {
  if (value !== null && typeof value === 'object') {
    const entries = Array.isArray(value) ? value.map((v, i) => [`[${i}]`, v] as const) : Object.entries(value).map(([k, v]) => [prefix ? `.${k}` : k, v] as const);
    if (entries.length === 0) out.set(prefix, value);
    for (const [k, v] of entries) flatten(v, `${prefix}${k}`, out);
  } else if (value !== undefined) {
    out.set(prefix, value);
  }
  return out;
}

function runFields(r: RunRecord): Record<string, unknown> {
  return {
    status: r.status, backend: r.backend, seed: r.seed, specPath: r.specPath, specHash: r.specHash,
    contractVersion: r.contract?.version, gitCommit: r.git?.commit ?? undefined, gitDirty: r.git?.dirty, sweepId: r.sweepId, trial: r.trial,
  };
}

function dataFields(r: RunRecord): Record<string, unknown> {
  return Object.fromEntries(Object.entries(r.data).map(([role, f]) => [role, { path: f.path, sha256: f.sha256, rows: f.rows }]));
}

function compare(section: RunDifference['section'], a: unknown, b: unknown): RunDifference[] {
  const fa = flatten(a, '', new Map());
  const fb = flatten(b, '', new Map());
  const keys = [...new Set([...fa.keys(), ...fb.keys()])].sort();
  return keys.filter((k) => JSON.stringify(fa.get(k)) !== JSON.stringify(fb.get(k))).map((key) => ({ section, key, a: fa.get(key), b: fb.get(key) }));
}

/**
 * What differs between two runs, and nothing else: resolved params (flattened to spec paths),
 * final metrics, data files (path, sha256, rows) and run facts (backend, seed, spec hash, git).
 */
export function diffRuns(a: RunRecord, b: RunRecord): RunDifference[] {
  return [
    ...compare('params', a.params, b.params),
    ...compare('metrics', a.metrics, b.metrics),
    ...compare('data', dataFields(a), dataFields(b)),
    ...compare('run', runFields(a), runFields(b)),
  ];
}
