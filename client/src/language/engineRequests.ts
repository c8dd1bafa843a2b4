/**
 * The reads the editor asks of the engine, as typed requests to the language server (declared in
 * server/src/protocol.ts and answered there from the core). A request that fails (the server is not
 * running) comes back as an error answer, never as an exception in a command.
 */
import * as vscode from 'vscode';
import type { LanguageClient } from 'vscode-languageclient/node';
import {
  IsPipelineSpecRequest, ModelHistoryRequest, ModelsRequest, PipelineStatusRequest, RunEpochsRequest, RunsRequest, SpecSummaryRequest,
  SweepRecordsRequest, type SweepRecordsResult, type AliasEvent, type Answer, type EpochMetrics, type ListedRun, type ModelSummary, type PipelineOverview, type SpecSummary,
} from '../../../server/src/protocol';

function failed(e: unknown): { error: string } {
  return { error: `the MLOps language server did not answer (${(e as Error).message ?? String(e)})` };
}

export class EngineRequests {
  constructor(private readonly client: LanguageClient) {}

  /** Every run under the roots, newest first ([] when the server cannot answer). */
  async runs(roots: string[]): Promise<ListedRun[]> {
    return this.client.sendRequest(RunsRequest, { roots }).catch(() => []);
  }

  /** Every sweep record under the roots (none when the server cannot answer). */
  async sweeps(roots: string[]): Promise<SweepRecordsResult> {
    return this.client.sendRequest(SweepRecordsRequest, { roots }).catch(() => ({ sweeps: [], problems: [] }));
  }

  /** The epochs of each run so far. */
  async epochs(runs: Array<{ root: string; runId: string }>): Promise<Array<{ runId: string; epochs: EpochMetrics[] }>> {
    return this.client.sendRequest(RunEpochsRequest, { runs }).catch(() => runs.map(({ runId }) => ({ runId, epochs: [] })));
  }

  /** Data links, stages and settings of a spec, or why it cannot be read. */
  async specSummary(path: string): Promise<Answer<{ summary: SpecSummary }>> {
    return this.client.sendRequest(SpecSummaryRequest, { path }).catch(failed);
  }

  /** Whether the document is a pipeline spec (false when the server cannot answer). */
  async isPipelineSpec(uri: string): Promise<boolean> {
    return this.client.sendRequest(IsPipelineSpecRequest, { uri }).catch(() => false);
  }

  async models(workspace: string): Promise<Answer<{ models: ModelSummary[] }>> {
    return this.client.sendRequest(ModelsRequest, { workspace }).catch(failed);
  }

  async modelHistory(workspace: string, model: string): Promise<Answer<{ history: AliasEvent[] }>> {
    return this.client.sendRequest(ModelHistoryRequest, { workspace, model }).catch(failed);
  }

  /** The stage DAG of a spec with each stage up to date or stale and why (as `mlops status`). */
  async pipelineStatus(path: string): Promise<Answer<{ pipeline: PipelineOverview }>> {
    // Restricted Mode reads an untrusted folder but writes nothing into it (not even the stat cache).
    return this.client.sendRequest(PipelineStatusRequest, { path, readOnly: !vscode.workspace.isTrusted }).catch(failed);
  }
}
