/** The status bar item of a running server: model, version and requests per second; click opens the Serving view. */
import * as vscode from 'vscode';
import { statusText } from './presentation';
import type { SessionState } from './session';

export class ServingStatusBar implements vscode.Disposable {
  private readonly item = vscode.window.createStatusBarItem('mlops.serving', vscode.StatusBarAlignment.Left, 40);

  constructor() {
    this.item.name = 'MLOps Serving';
    this.item.command = 'mlops.serving.focus';
  }

  show(s: SessionState): void {
    const text = statusText(s);
    if (!text) { this.item.hide(); return; }
    this.item.text = text;
    this.item.tooltip = s.kind === 'serving' ? `mlops serve at ${s.url} (alias ${s.choice.alias}${s.choice.shadow ? `, shadow ${s.choice.shadow}` : ''}). Click for the Serving view.` : 'Starting mlops serve';
    this.item.show();
  }

  dispose(): void {
    this.item.dispose();
  }
}
