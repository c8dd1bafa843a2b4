/**
 * What the run pickers (Register Model Version, Compare Runs, Open Run Folder) show for each run: the
 * run's key metric (its sweep's or gate's) first, then the other validation metrics without repeats,
 * and which trial is its sweep's best. Pure: unit-tested on real run records.
 */
import type { RunRecord } from '../../../server/src/protocol';
import { keyMetricOf, type SweepGoal } from './rows';

export interface RunPickItem {
  label: string;
  description: string;
  detail: string;
  runId: string;
  /** The best completed trial of its sweep (by the sweep record, else by the sweep's metric). */
  bestOfSweep: boolean;
}

/** What the pickers know of a sweep: its metric and goal, and its best trial's run when recorded. */
export interface SweepFacts extends SweepGoal {
  bestRunId?: string | null;
}

const MAX_METRICS = 4;

function short(v: number): string {
  return String(Number(v.toPrecision(4)));
}

/**
 * The metrics to show, key metric first: validation metrics in record order, a metric left out when
 * an earlier one has the same value (val_logloss repeats val_loss), at most four.
 */
export function pickerMetrics(metrics: Record<string, number>, key: string | undefined): Array<[string, number]> {
  const finite = Object.entries(metrics).filter(([, v]) => Number.isFinite(v));
  const ordered = [...finite.filter(([k]) => k === key), ...finite.filter(([k]) => k !== key && k.startsWith('val_'))];
  const shown: Array<[string, number]> = [];
  for (const [k, v] of ordered) if (!shown.some(([, w]) => w === v)) shown.push([k, v]);
  return shown.slice(0, MAX_METRICS);
}

/** The best completed run per sweep id: the record's best, else the best value of the sweep metric. */
export function bestTrials(runs: RunRecord[], sweeps: ReadonlyMap<string, SweepFacts>): Set<string> {
  const best = new Set<string>();
  const bySweep = new Map<string, RunRecord[]>();
  for (const r of runs) if (r.sweepId && r.status === 'completed') bySweep.set(r.sweepId, [...(bySweep.get(r.sweepId) ?? []), r]);
  for (const [id, trials] of bySweep) {
    const facts = sweeps.get(id);
    if (facts?.bestRunId) { best.add(facts.bestRunId); continue; }
    const key = keyMetricOf(trials[0]!, sweeps);
    if (!key) continue;
    const sign = key.goal === 'maximize' ? 1 : -1;
    const scored = trials.filter((t) => Number.isFinite(t.metrics?.[key.name]));
    const top = scored.sort((a, b) => sign * (b.metrics[key.name]! - a.metrics[key.name]!))[0];
    if (top) best.add(top.id);
  }
  return best;
}

/** One quick-pick item per run, in the order given. */
export function runPickItems(runs: RunRecord[], sweeps: ReadonlyMap<string, SweepFacts>): RunPickItem[] {
  const best = bestTrials(runs, sweeps);
  return runs.map((r) => {
    const key = keyMetricOf(r, sweeps);
    const isBest = best.has(r.id);
    const trial = r.sweepId ? ` · trial ${r.trial ?? '?'} of ${r.sweepId}${isBest ? ' · best of sweep' : ''}` : '';
    return {
      label: `${isBest ? '$(star-full) ' : ''}${r.id}`,
      description: `${r.status} · ${r.startedAt}${trial}`,
      detail: pickerMetrics(r.metrics ?? {}, key?.name).map(([k, v]) => `${k} ${short(v)}`).join('  '),
      runId: r.id,
      bestOfSweep: isBest,
    };
  });
}

/** The sweep facts from sweep records (metric, goal, best run). */
export function sweepFacts(records: Array<{ id: string; metric: string; goal: 'minimize' | 'maximize'; best: { runId: string } | null }>): Map<string, SweepFacts> {
  return new Map(records.map((s) => [s.id, { metric: s.metric, goal: s.goal, bestRunId: s.best?.runId ?? null }]));
}
