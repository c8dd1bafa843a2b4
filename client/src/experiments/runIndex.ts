/**
 * Where the runs of this window live. The engine records a run under `.mlops/runs/` of the spec's
 * folder, so every folder holding a pipeline spec is a runs root (plus each workspace folder). The
 * language server lists them; the index remembers which root and folder each run came from, for the
 * commands that act on a run.
 */
import { dirname } from 'node:path';
import * as vscode from 'vscode';
import type { EpochMetrics, ListedRun, RunRecord, SweepRecordFile } from '../../../server/src/protocol';
import type { EngineRequests } from '../language/engineRequests';
import { SPEC_GLOB } from '../pick';

export class RunIndex implements vscode.Disposable {
  private specFolders: string[] = [];
  private readonly listed = new Map<string, { root: string; folder?: string }>();
  private readonly watcher = vscode.workspace.createFileSystemWatcher(SPEC_GLOB, false, true, false);
  private scan: Promise<void> | null = null;

  constructor(private readonly engine: EngineRequests) {
    const rescan = () => { this.scan = null; };
    this.watcher.onDidCreate(rescan);
    this.watcher.onDidDelete(rescan);
  }

  /** The folders whose `.mlops/runs` hold runs: workspace folders and every spec's folder. */
  async roots(): Promise<string[]> {
    this.scan ??= Promise.resolve(vscode.workspace.findFiles(SPEC_GLOB, '**/{node_modules,.git,.mlops}/**', 500))
      .then((uris) => { this.specFolders = uris.map((u) => dirname(u.fsPath)); });
    await this.scan;
    const folders = (vscode.workspace.workspaceFolders ?? []).map((f) => f.uri.fsPath);
    return [...new Set([...folders, ...this.specFolders])].sort();
  }

  /**
   * The folder whose models the Models tree lists: the only spec's folder when there is one spec (the
   * registry writes next to the runs it registers), else the first workspace folder.
   */
  async primaryRoot(): Promise<string | undefined> {
    await this.roots();
    const specs = [...new Set(this.specFolders)];
    return specs.length === 1 ? specs[0] : vscode.workspace.workspaceFolders?.[0]?.uri.fsPath;
  }

  /** Every run of every root, newest first. */
  async list(): Promise<RunRecord[]> {
    const runs: ListedRun[] = await this.engine.runs(await this.roots());
    for (const r of runs) this.listed.set(r.record.id, { root: r.root, folder: r.folder });
    return runs.map((r) => r.record);
  }

  /** Every sweep record of every root, newest first, and a line per record that could not be read. */
  async sweeps(): Promise<{ sweeps: SweepRecordFile[]; problems: string[] }> {
    return this.engine.sweeps(await this.roots());
  }

  /** The folder a run belongs to (its spec's folder), once listed. */
  rootOf(runId: string): string | undefined {
    return this.listed.get(runId)?.root;
  }

  /** Remembers a run announced by a job before the next listing. */
  remember(runId: string, root: string): void {
    this.listed.set(runId, { root });
  }

  /** The epochs recorded so far of each listed run (runs not listed yet have none). */
  async epochs(runIds: string[]): Promise<Array<{ runId: string; epochs: EpochMetrics[] }>> {
    const known = runIds.flatMap((runId) => {
      const root = this.rootOf(runId);
      return root ? [{ root, runId }] : [];
    });
    const read = await this.engine.epochs(known);
    return runIds.map((runId) => read.find((r) => r.runId === runId) ?? { runId, epochs: [] });
  }

  /** The run's own folder, as the engine listed it (a run only announced so far is listed first). */
  async runFolder(runId: string): Promise<vscode.Uri | undefined> {
    if (!this.listed.get(runId)?.folder) await this.list();
    const folder = this.listed.get(runId)?.folder;
    return folder ? vscode.Uri.file(folder) : undefined;
  }

  dispose(): void {
    this.watcher.dispose();
  }
}
