/**
 * The Experiments table in an editor panel (full width), like the DVC extension's experiments table:
 * the same bundle and handshake as the side-bar view, in a WebviewPanel beside the current editor.
 * VS Code keeps the panel's page state (sort, filter, columns) across hides through the webview state.
 */
import * as vscode from 'vscode';
import { isExperimentsFromView, type ExperimentsFromView, type ExperimentsToView } from '../../../webviews/src/protocol';
import { WebviewHost } from '../webview/webviewHost';

export interface ExperimentsPanelEvents {
  onReady(): void;
  onMessage(message: Exclude<ExperimentsFromView, { type: 'ready' }>): void;
  onDispose(): void;
  log(line: string): void;
}

export class ExperimentsPanel implements vscode.Disposable {
  static readonly viewType = 'mlops.experimentsEditor';
  private readonly panel: vscode.WebviewPanel;
  private readonly host: WebviewHost<'experiments'>;
  private open = true;

  constructor(extensionUri: vscode.Uri, events: ExperimentsPanelEvents) {
    this.panel = vscode.window.createWebviewPanel(ExperimentsPanel.viewType, 'MLOps: Experiments',
      { viewColumn: vscode.ViewColumn.Active, preserveFocus: false }, { retainContextWhenHidden: false });
    this.host = new WebviewHost(this.panel.webview, {
      view: 'experiments', title: 'Experiments', extensionUri, accept: isExperimentsFromView,
      onReady: () => events.onReady(), onMessage: (m) => events.onMessage(m), log: (l) => events.log(l),
    });
    // A hidden panel's page is gone: hold messages until the re-created page says ready again.
    this.panel.onDidChangeViewState((e) => e.webviewPanel.visible || this.host.hidden());
    this.panel.onDidDispose(() => {
      this.open = false;
      this.host.dispose();
      events.onDispose();
    });
  }

  post(message: ExperimentsToView): void {
    if (this.open) this.host.post(message);
  }

  isOpen(): boolean {
    return this.open;
  }

  isReady(): boolean {
    return this.open && this.host.isReady();
  }

  reveal(): void {
    this.panel.reveal();
  }

  dispose(): void {
    this.panel.dispose();
  }
}
