import { existsSync, mkdirSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { SweepParameter } from '../pipeline/spec';
import { effectiveStatus, processInfo, writeFileAtomic } from '../tracking/store';
import type { AshaConfig } from './asha';

export type SweepStatus = 'running' | 'completed' | 'cancelled' | 'timed-out' | 'failed';
export type TrialStatus = 'running' | 'completed' | 'pruned' | 'failed' | 'cancelled';

/** One trial in `.mlops/sweeps/<id>/sweep.json`. */
export interface SweepTrialRecord {
  number: number;
  runId: string | null;
  params: Record<string, unknown>;
  status: TrialStatus;
  /** The pruner's metric after each epoch (the sweep metric when there is no pruner). */
  intermediate: Array<{ epoch: number; value: number }>;
  /** The sweep metric of a completed trial (its kept epoch); null otherwise. */
  value: number | null;
  error?: string;
}

export interface SweepBudget { trials: number; maxEpochs: number | null; minutes: number | null }

/** `.mlops/sweeps/<id>/sweep.json`: the sweep as it progresses (the UI and `mlops sweeps` read it). */
export interface SweepRecord {
  id: string;
  /** The spec file, relative to the workspace. */
  spec: string;
  specHash: string;
  strategy: 'grid' | 'random' | 'tpe';
  seed: number;
  metric: string;
  goal: 'minimize' | 'maximize';
  pruner: ({ type: 'asha' } & AshaConfig) | null;
  budget: SweepBudget | null;
  status: SweepStatus;
  parameters: Record<string, SweepParameter>;
  trials: SweepTrialRecord[];
  best: { number: number; runId: string; value: number; params: Record<string, unknown> } | null;
  startedAt: string;
  endedAt: string | null;
  parallel: number;
  /** When each `mlops sweep --resume` continued the sweep. */
  resumedAt: string[];
  pid?: number;
  host?: string;
  pidStart?: number;
}

/** Folder of one sweep. */
export function sweepDir(workspace: string, id: string): string {
  return join(workspace, '.mlops', 'sweeps', id);
}

/** Writes sweep.json whole or not at all (a reader never sees half a record). */
export function writeSweepRecord(workspace: string, record: SweepRecord): void {
  const dir = sweepDir(workspace, record.id);
  mkdirSync(dir, { recursive: true });
  writeFileAtomic(join(dir, 'sweep.json'), `${JSON.stringify({ ...record, ...processInfo() }, null, 2)}\n`);
}

/** A sweep.json that is missing or cannot be used. */
export class SweepRecordError extends Error {}

/**
 * Reads a sweep record; the status a reader sees is `cancelled` when the record says running but
 * the process that ran it is gone (it was killed before it could write its end).
 */
export function readSweepRecord(workspace: string, id: string): SweepRecord {
  const path = join(sweepDir(workspace, id), 'sweep.json');
  if (!/^[\w.-]+$/.test(id) || !existsSync(path)) throw new SweepRecordError(`sweep "${id}" not found (no ${path}); list the sweeps with mlops sweeps`);
  let rec: SweepRecord;
  try {
    rec = JSON.parse(readFileSync(path, 'utf8')) as SweepRecord;
  } catch (e) {
    throw new SweepRecordError(`${path} is not valid JSON (${(e as Error).message}); restore it or delete the sweep folder`);
  }
  if (typeof rec?.id !== 'string' || !Array.isArray(rec.trials) || typeof rec.parameters !== 'object') {
    throw new SweepRecordError(`${path} lacks id, parameters or trials; it was not written by mlops: restore it or delete the sweep folder`);
  }
  if (rec.status === 'running' && effectiveStatus({ status: 'running', pid: rec.pid, host: rec.host, pidStart: rec.pidStart }) === 'interrupted') {
    return { ...rec, status: 'cancelled', trials: rec.trials.map((t) => (t.status === 'running' ? { ...t, status: 'cancelled' } : t)) };
  }
  return rec;
}

/** Every readable sweep of a workspace, oldest first (unreadable ones are skipped). */
export function listSweeps(workspace: string): SweepRecord[] {
  const root = join(workspace, '.mlops', 'sweeps');
  if (!existsSync(root)) return [];
  const out: SweepRecord[] = [];
  for (const id of readdirSync(root)) {
    try { out.push(readSweepRecord(workspace, id)); } catch { /* a broken record is reported by `sweeps show` */ }
  }
  return out.sort((a, b) => a.startedAt.localeCompare(b.startedAt) || a.id.localeCompare(b.id));
}

/** The best completed trial by the sweep metric. */
export function bestOf(record: Pick<SweepRecord, 'trials' | 'goal'>): SweepRecord['best'] {
  const sign = record.goal === 'maximize' ? 1 : -1;
  let best: SweepTrialRecord | undefined;
  for (const t of record.trials) {
    if (t.status !== 'completed' || t.runId === null || !Number.isFinite(t.value)) continue;
    if (!best || sign * (t.value! - best.value!) > 0) best = t;
  }
  return best ? { number: best.number, runId: best.runId!, value: best.value!, params: best.params } : null;
}
