/**
 * The runs of a workspace for the Experiments view, through the tracking core's readers (which report a
 * dead `running` record as `interrupted`): full records at open (run.json only, never every metrics
 * file, since the table shows params and data hashes), epochs on demand for the selected runs.
 */
import { readdirSync } from 'node:fs';
import { readEpochs, readRun, runsDir } from '../../../server/src/core/tracking/store';
import type { EpochMetrics, RunRecord } from '../../../server/src/core/tracking/types';

export { runsDir };

/** Every readable run record, newest first (a folder being written is skipped until its next change). */
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
      runs.push(readRun(workspace, id));
    } catch {
      // not a run folder, or run.json not written yet
    }
  }
  return runs.sort((a, b) => b.startedAt.localeCompare(a.startedAt));
}

/** The epochs recorded so far for one run. */
export function readRunEpochs(workspace: string, id: string): EpochMetrics[] {
  return readEpochs(workspace, id);
}
