/**
 * The long jobs running now (training, sweeps, reproductions): a status bar item while any is active,
 * and cancellation by id or of the latest one.
 */
import * as vscode from 'vscode';
import { COMMANDS } from '../../../server/src/cliProtocol';
import type { CliProcess } from './cliProcess';

export interface ActiveRun {
  key: number;
  label: string;
  runId?: string;
  detail: string;
  process: CliProcess;
}

export class ActiveRuns implements vscode.Disposable {
  private readonly runs = new Map<number, ActiveRun>();
  private next = 1;
  private readonly item = vscode.window.createStatusBarItem('mlops.activeRun', vscode.StatusBarAlignment.Left, 10);
  private readonly changed = new vscode.EventEmitter<void>();
  readonly onDidChange = this.changed.event;

  constructor() {
    this.item.name = 'MLOps run';
    this.item.command = COMMANDS.showExperiments;
  }

  add(label: string, process: CliProcess): ActiveRun {
    const run: ActiveRun = { key: this.next++, label, detail: 'starting…', process };
    this.runs.set(run.key, run);
    void vscode.commands.executeCommand('setContext', 'mlops.runActive', true);
    this.refresh();
    return run;
  }

  update(run: ActiveRun, detail: string, runId?: string): void {
    run.detail = detail;
    if (runId) run.runId = runId;
    this.refresh();
  }

  remove(run: ActiveRun): void {
    this.runs.delete(run.key);
    void vscode.commands.executeCommand('setContext', 'mlops.runActive', this.runs.size > 0);
    this.refresh();
  }

  list(): ActiveRun[] {
    return [...this.runs.values()];
  }

  private refresh(): void {
    const runs = this.list();
    if (runs.length === 0) {
      this.item.hide();
    } else {
      const latest = runs[runs.length - 1]!;
      this.item.text = `$(sync~spin) MLOps: ${latest.label} ${latest.detail}${runs.length > 1 ? ` (+${runs.length - 1})` : ''}`;
      this.item.tooltip = `${runs.map((r) => `${r.label}: ${r.detail}`).join('\n')}\nRun "MLOps: Cancel Run" to stop.`;
      this.item.show();
    }
    this.changed.fire();
  }

  dispose(): void {
    for (const r of this.runs.values()) r.process.cancel();
    this.item.dispose();
    this.changed.dispose();
  }
}
