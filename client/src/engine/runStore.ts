/**
 * Reads the runs of a workspace for the Experiments view: summaries at open (run.json only, never every
 * metrics file), epochs on demand for the selected runs.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { EpochMetrics, RunRecord } from '../../../server/src/core/tracking/types';

export function runsDir(workspace: string): string {
  return join(workspace, '.mlops', 'runs');
}

/** Every readable run record (unreadable or half-written ones are skipped: the next change re-reads them). */
export function listRunRecords(workspace: string): RunRecord[] {
  let ids: string[];
  try {
    ids = readdirSync(runsDir(workspace), { withFileTypes: true }).filter((e) => e.isDirectory()).map((e) => e.name);
  } catch {
    return [];
  }
  const runs: RunRecord[] = [];
  for (const id of ids) {
    try {
      runs.push(JSON.parse(readFileSync(join(runsDir(workspace), id, 'run.json'), 'utf8')) as RunRecord);
    } catch {
      // skipped: being written, or not a run folder
    }
  }
  return runs;
}

/** The epochs recorded so far for one run (a line being appended is skipped). */
export function readRunEpochs(workspace: string, id: string): EpochMetrics[] {
  let text: string;
  try {
    text = readFileSync(join(runsDir(workspace), id, 'metrics.jsonl'), 'utf8');
  } catch {
    return [];
  }
  const out: EpochMetrics[] = [];
  for (const line of text.split('\n')) {
    if (!line.trim()) continue;
    try {
      out.push(JSON.parse(line) as EpochMetrics);
    } catch {
      // partial last line
    }
  }
  return out;
}
