/**
 * Where the runs of this window live. The engine records a run under `.mlops/runs/` of the spec's
 * folder, so every folder holding a pipeline spec is a runs root (plus each workspace folder). The index
 * remembers which root each run came from, for the commands that act on a run.
 */
import { dirname } from 'node:path';
import * as vscode from 'vscode';
import type { RunRecord } from '../../server/src/core/tracking/types';
import { SPEC_GLOB } from './commands/pick';
import { listRunRecords, readRunEpochs, runsDir } from './engine/runStore';

export class RunIndex implements vscode.Disposable {
  private specFolders: string[] = [];
  private readonly rootOfRun = new Map<string, string>();
  private readonly watcher = vscode.workspace.createFileSystemWatcher(SPEC_GLOB, false, true, false);
  private scan: Promise<void> | null = null;

  constructor() {
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
    const runs: RunRecord[] = [];
    for (const root of await this.roots()) {
      for (const run of listRunRecords(root)) {
        if (this.rootOfRun.has(run.id) && this.rootOfRun.get(run.id) !== root && runs.some((r) => r.id === run.id)) continue;
        this.rootOfRun.set(run.id, root);
        runs.push(run);
      }
    }
    return runs.sort((a, b) => b.startedAt.localeCompare(a.startedAt));
  }

  /** The folder a run belongs to (its spec's folder), once listed. */
  rootOf(runId: string): string | undefined {
    return this.rootOfRun.get(runId);
  }

  /** Remembers a run announced by a job before the next listing. */
  remember(runId: string, root: string): void {
    this.rootOfRun.set(runId, root);
  }

  epochs(runId: string) {
    const root = this.rootOf(runId);
    return root ? readRunEpochs(root, runId) : [];
  }

  /** The run's folder (`<root>/.mlops/runs/<id>`). */
  runFolder(runId: string): vscode.Uri | undefined {
    const root = this.rootOf(runId);
    return root ? vscode.Uri.joinPath(vscode.Uri.file(runsDir(root)), runId) : undefined;
  }

  dispose(): void {
    this.watcher.dispose();
  }
}
