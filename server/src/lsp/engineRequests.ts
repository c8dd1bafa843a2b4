import type { Connection } from 'vscode-languageserver/node';
import { isPipelineSpec } from '../core/pipeline/detect';
import { summarizeSpec } from '../core/pipeline/summary';
import { pipelineOverview } from '../core/stages/overview';
import { aliasHistory, listModels } from '../core/registry/catalog';
import { listRunRecords, readEpochs, runDir } from '../core/tracking/store';
import { listSweepRecords } from '../core/tracking/sweepRecords';
import {
  IsPipelineSpecRequest, ModelHistoryRequest, ModelsRequest, PipelineStatusRequest, RunEpochsRequest, RunsRequest, SpecSummaryRequest,
  SweepRecordsRequest, type Answer, type EpochMetrics, type ListedRun, type SweepRecordsResult,
} from '../protocol';
import type { ServerHost } from './host';
import { uriToPath } from './paths';

/** Every run under the roots, newest first; an id seen under an earlier root is not listed again. */
export function listWorkspaceRuns(roots: string[]): ListedRun[] {
  const seen = new Set<string>();
  const runs: ListedRun[] = [];
  for (const root of roots) {
    for (const record of listRunRecords(root)) {
      if (seen.has(record.id)) continue;
      seen.add(record.id);
      runs.push({ root, folder: runDir(root, record.id), record });
    }
  }
  return runs.sort((a, b) => b.record.startedAt.localeCompare(a.record.startedAt));
}

/** Every sweep record under the roots (an id seen under an earlier root is not listed again). */
export function listWorkspaceSweeps(roots: string[]): SweepRecordsResult {
  const out: SweepRecordsResult = { sweeps: [], problems: [] };
  const seen = new Set<string>();
  for (const root of roots) {
    const { sweeps, problems } = listSweepRecords(root);
    out.problems.push(...problems);
    for (const s of sweeps.filter((x) => !seen.has(x.id))) {
      seen.add(s.id);
      out.sweeps.push({ ...s, root });
    }
  }
  return out;
}

/** An answer, or the error's first line (the core's errors name the file and what to do). */
function answer<T extends object>(read: () => T): Answer<T> {
  try {
    return read();
  } catch (e) {
    return { error: String((e as Error).message ?? e).split('\n')[0]! };
  }
}

/**
 * The reads the editor asks the engine for (declared in protocol.ts). Each handler calls the core and
 * returns plain data; nothing here knows a folder layout of its own.
 */
export function registerEngineRequests(connection: Connection, host: ServerHost, openText: (uri: string) => string | undefined): void {
  connection.onRequest(RunsRequest, (p) => listWorkspaceRuns(p.roots));
  connection.onRequest(SweepRecordsRequest, (p) => listWorkspaceSweeps(p.roots));
  connection.onRequest(RunEpochsRequest, (p) => p.runs.map(({ root, runId }) => ({ runId, epochs: epochsOf(root, runId) })));
  connection.onRequest(SpecSummaryRequest, (p) => answer(() => {
    const text = host.readText(p.path);
    if (text === undefined) throw new Error(`${p.path}: cannot read the pipeline spec (no such file, or not readable)`);
    return { summary: summarizeSpec(p.path, text) };
  }));
  connection.onRequest(IsPipelineSpecRequest, (p) => {
    const path = uriToPath(p.uri);
    return isPipelineSpec(path, openText(p.uri) ?? host.readText(path));
  });
  connection.onRequest(ModelsRequest, (p) => answer(() => ({ models: listModels(p.workspace) })));
  connection.onRequest(ModelHistoryRequest, (p) => answer(() => ({ history: aliasHistory(p.workspace, p.model) })));
  connection.onRequest(PipelineStatusRequest, async (p) => pipelineOverview(p.path, { saveHashes: p.readOnly !== true }).then(
    (pipeline) => ({ pipeline }), (e: unknown) => ({ error: String((e as Error).message ?? e).split('\n').slice(0, 4).join('\n') })));
}

/** The epochs of a run; none for a string that is not a run id (it would name another folder) or an unreadable file. */
function epochsOf(root: string, runId: string): EpochMetrics[] {
  if (!/^[\w.-]+$/.test(runId) || runId.startsWith('..')) return [];
  try {
    return readEpochs(root, runId);
  } catch {
    return [];
  }
}
