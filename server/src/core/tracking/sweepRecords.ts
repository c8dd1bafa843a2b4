/**
 * Reads the sweep records under `<root>/.mlops/sweeps/<id>/sweep.json` (written by the sweep runner) for
 * the views that plot a sweep. Only reads: a record that is not valid JSON or lacks the fields a plot
 * needs is reported by file and skipped, never fixed or rewritten.
 */
import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { readSweepRecord, SweepRecordError, type SweepRecord, type SweepTrialRecord } from '../sweep/record';

/** The sweep record as the sweep runner writes it (core/sweep/record.ts). */
export type SweepRecordFile = SweepRecord;

const isMap = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

/** Why a record the sweep store could read still cannot be plotted, or null when it can. */
function shapeProblem(v: Record<string, unknown>): string | null {
  if (typeof v.metric !== 'string') return 'lacks "metric"';
  if (v.goal !== 'minimize' && v.goal !== 'maximize') return '"goal" is neither "minimize" nor "maximize"';
  if (!Array.isArray(v.trials)) return 'lacks the "trials" list';
  const bad = v.trials.findIndex((t) => !isMap(t) || typeof t.number !== 'number' || !isMap(t.params) || typeof t.status !== 'string');
  return bad >= 0 ? `trial ${bad} lacks "number", "params" or "status"` : null;
}

/** A trial with its optional lists filled in (older or partial records may leave them out). */
function normaliseTrial(t: Record<string, unknown>): SweepTrialRecord {
  const intermediate = Array.isArray(t.intermediate)
    ? t.intermediate.filter((p): p is { epoch: number; value: number } => isMap(p) && Number.isFinite(p.epoch) && Number.isFinite(p.value))
    : [];
  return {
    ...(t as unknown as SweepTrialRecord),
    runId: typeof t.runId === 'string' ? t.runId : null,
    intermediate,
    value: typeof t.value === 'number' && Number.isFinite(t.value) ? t.value : null,
  };
}

/**
 * Every readable sweep record under `root` (read by the sweep store, so a sweep whose process died
 * reads as cancelled), newest id first, and one line per record that could not be read (naming its
 * file and what is wrong with it).
 */
export function listSweepRecords(root: string): { sweeps: SweepRecordFile[]; problems: string[] } {
  const dir = join(root, '.mlops', 'sweeps');
  if (!existsSync(dir)) return { sweeps: [], problems: [] };
  const sweeps: SweepRecordFile[] = [];
  const problems: string[] = [];
  for (const name of readdirSync(dir).sort().reverse()) {
    const file = join(dir, name, 'sweep.json');
    if (!existsSync(file)) continue;
    let record: SweepRecord;
    try {
      record = readSweepRecord(root, name);
    } catch (e) {
      if (!(e instanceof SweepRecordError)) throw e;
      problems.push(`${e.message} (the sweep is not shown)`);
      continue;
    }
    const problem = shapeProblem(record as unknown as Record<string, unknown>);
    if (problem) {
      problems.push(`${file}: ${problem}; the sweep is not shown`);
      continue;
    }
    sweeps.push({ ...record, best: isMap(record.best) ? record.best : null,
      trials: (record.trials as unknown as Array<Record<string, unknown>>).map(normaliseTrial) });
  }
  return { sweeps, problems };
}
