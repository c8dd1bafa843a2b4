/** The status bar item of a running server: model, version and requests per second; click opens the Serving view. */
import * as vscode from 'vscode';
import type { SessionState } from './session';

/** The item's text for a state (undefined: hidden). */
export function statusText(s: SessionState): string | undefined {
  if (s.kind === 'stopped') return undefined;
  if (s.kind === 'starting') return `$(loading~spin) Serving ${s.choice.model}…`;
  const live = s.status?.live;
  const version = s.status?.primary.version;
  return `$(radio-tower) ${s.choice.model}${version ? ` v${version}` : ''} · ${live ? live.perSecond.toFixed(1) : '0.0'} req/s`;
}

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
