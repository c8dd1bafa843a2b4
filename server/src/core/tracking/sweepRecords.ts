/**
 * Reads the sweep records under `<root>/.mlops/sweeps/<id>/sweep.json` (written by the sweep runner) for
 * the views that plot a sweep. Only reads: a record that is not valid JSON or lacks the fields a plot
 * needs is reported by file and skipped, never fixed or rewritten.
 */
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';

/** One trial as the record keeps it. */
export interface SweepTrialRecord {
  number: number;
  runId: string | null;
  params: Record<string, string | number | boolean | null>;
  status: 'running' | 'completed' | 'pruned' | 'failed' | 'cancelled';
  intermediate: Array<{ epoch: number; value: number }>;
  value: number | null;
}

/** The sweep record (the shape `mlops sweeps show <id> --format json` prints; extra fields kept). */
export interface SweepRecordFile {
  id: string;
  strategy: string;
  metric: string;
  goal: 'minimize' | 'maximize';
  status: string;
  parameters: Record<string, unknown>;
  trials: SweepTrialRecord[];
  best: { number: number; runId: string; value: number; params: Record<string, string | number | boolean | null> } | null;
  [extra: string]: unknown;
}

const isMap = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

/** Why a parsed record cannot be plotted, or null when it can. */
function shapeProblem(v: unknown): string | null {
  if (!isMap(v)) return 'is not a JSON object';
  if (typeof v.id !== 'string' || typeof v.metric !== 'string') return 'lacks "id" or "metric"';
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
 * Every readable sweep record under `root`, newest id first, and one line per record that could not be
 * read (naming its file and what is wrong with it).
 */
export function listSweepRecords(root: string): { sweeps: SweepRecordFile[]; problems: string[] } {
  const dir = join(root, '.mlops', 'sweeps');
  if (!existsSync(dir)) return { sweeps: [], problems: [] };
  const sweeps: SweepRecordFile[] = [];
  const problems: string[] = [];
  for (const name of readdirSync(dir).sort().reverse()) {
    const file = join(dir, name, 'sweep.json');
    if (!existsSync(file)) continue;
    let parsed: unknown;
    try {
      parsed = JSON.parse(readFileSync(file, 'utf8'));
    } catch (e) {
      problems.push(`${file}: not valid JSON (${(e as Error).message}); the sweep is not shown`);
      continue;
    }
    const problem = shapeProblem(parsed);
    if (problem) {
      problems.push(`${file}: ${problem}; the sweep is not shown`);
      continue;
    }
    const record = parsed as SweepRecordFile;
    sweeps.push({ ...record, parameters: isMap(record.parameters) ? record.parameters : {},
      best: isMap(record.best) ? record.best : null,
      trials: (record.trials as unknown as Array<Record<string, unknown>>).map(normaliseTrial) });
  }
  return { sweeps, problems };
}
