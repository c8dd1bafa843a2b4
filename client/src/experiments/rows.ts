/**
 * Turns run records (the engine's run.json shape) into the rows and epoch points the Experiments view
 * shows. Pure: no vscode, no fs, so it is unit-tested on real run records.
 */
import type { EpochMetrics, RunRecord } from '../../../server/src/protocol';
import type { EpochPoint, KeyMetric, RunRow, RunRowStatus, Scalar } from '../../../webviews/src/protocol';

/** Flattens nested params to dotted paths (`model.layers[0].units`), arrays of scalars kept as text. */
export function flattenParams(value: unknown, prefix = '', out: Record<string, Scalar> = {}): Record<string, Scalar> {
  if (Array.isArray(value)) {
    if (value.every((v) => v === null || typeof v !== 'object')) out[prefix] = value.map(String).join(', ');
    else value.forEach((v, i) => flattenParams(v, `${prefix}[${i}]`, out));
  } else if (typeof value === 'object' && value !== null) {
    for (const [k, v] of Object.entries(value)) flattenParams(v, prefix ? `${prefix}.${k}` : k, out);
  } else if (prefix) {
    out[prefix] = value === undefined ? null : (value as Scalar);
  }
  return out;
}

function finiteMetrics(metrics: Record<string, unknown> | undefined): Record<string, number> {
  const out: Record<string, number> = {};
  for (const [k, v] of Object.entries(metrics ?? {})) if (typeof v === 'number' && Number.isFinite(v)) out[k] = v;
  return out;
}

/** What a sweep is judged by, from its record. */
export interface SweepGoal {
  metric: string;
  goal: KeyMetric['goal'];
}

/**
 * The metric a run is judged by: its sweep's metric (from the sweep record), else its first gate's
 * metric as the gate read it (`key`, or `val_<metric>` when the run has it), better in the direction
 * of the gate's comparison (`>=` higher, `<=` lower).
 */
export function keyMetricOf(run: RunRecord, sweeps: ReadonlyMap<string, SweepGoal>): KeyMetric | undefined {
  const sweep = run.sweepId ? sweeps.get(run.sweepId) : undefined;
  if (sweep) return { name: sweep.metric, goal: sweep.goal, source: 'sweep' };
  const gate = (run.gates ?? [])[0];
  if (!gate) return undefined;
  const metrics = run.metrics ?? {};
  const name = gate.key ?? (!gate.metric.startsWith('val_') && `val_${gate.metric}` in metrics ? `val_${gate.metric}` : gate.metric);
  const op = /^\s*([<>]=?)/.exec(gate.condition)?.[1];
  const goal = op?.startsWith('<') ? 'minimize' : op?.startsWith('>') ? 'maximize' : /loss|rmse|mae|error/.test(name) ? 'minimize' : 'maximize';
  return { name, goal, source: 'gate' };
}

/** One table row (the record's status is already the readers' view: a dead `running` run is `interrupted`). */
export function toRunRow(run: RunRecord, starred: boolean, sweeps: ReadonlyMap<string, SweepGoal> = new Map()): RunRow {
  const keyMetric = keyMetricOf(run, sweeps);
  const status: RunRowStatus = run.status;
  const start = Date.parse(run.startedAt);
  const end = run.endedAt ? Date.parse(run.endedAt) : NaN;
  const dataHashes: Record<string, string> = {};
  for (const [role, d] of Object.entries(run.data ?? {})) if (d?.sha256) dataHashes[role] = d.sha256;
  const gates = run.gates ?? [];
  return {
    id: run.id,
    status,
    specPath: run.specPath,
    startedAt: run.startedAt,
    durationMs: Number.isFinite(start) && Number.isFinite(end) ? Math.max(0, end - start) : null,
    backend: run.backend,
    params: flattenParams(run.params ?? {}),
    metrics: finiteMetrics(run.metrics),
    dataHashes,
    ...(run.sweepId !== undefined ? { sweepId: run.sweepId } : {}),
    ...(run.trial !== undefined ? { trial: run.trial } : {}),
    gatesPassed: gates.length === 0 ? null : gates.every((g) => g.passed),
    starred,
    ...(run.error ? { error: run.error } : {}),
    ...(keyMetric ? { keyMetric } : {}),
  };
}

/** One metrics.jsonl line as a chart point (time and any non-number dropped). */
export function toEpochPoint(e: EpochMetrics | Record<string, unknown>): EpochPoint | null {
  const epoch = (e as { epoch?: unknown }).epoch;
  if (typeof epoch !== 'number' || !Number.isFinite(epoch)) return null;
  const metrics: Record<string, number> = {};
  for (const [k, v] of Object.entries(e)) if (k !== 'epoch' && typeof v === 'number' && Number.isFinite(v)) metrics[k] = v;
  return { epoch, metrics };
}
