/**
 * The Experiments table in an editor panel (full width), like the DVC extension's experiments table:
 * the same bundle and handshake as the side-bar view, in a WebviewPanel beside the current editor.
 * The page is kept while its tab is hidden; sort, filter and columns live in the webview state.
 */
import * as vscode from 'vscode';
import { isExperimentsFromView, type ExperimentsFromView, type ExperimentsToView } from '../../../webviews/src/protocol';
import { WebviewHost } from '../webview/webviewHost';
import { STUCK_FRAME_MS } from '../webview/frameRecovery';

export interface ExperimentsPanelEvents {
  onReady(): void;
  onMessage(message: Exclude<ExperimentsFromView, { type: 'ready' }>): void;
  onDispose(): void;
  /** The panel's frame got no document within STUCK_FRAME_MS while shown (see webview/frameRecovery.ts). */
  onStuck(): void;
  log(line: string): void;
}

export class ExperimentsPanel implements vscode.Disposable {
  static readonly viewType = 'mlops.experimentsEditor';
  private readonly panel: vscode.WebviewPanel;
  private readonly host: WebviewHost<'experiments'>;
  private open = true;
  private readonly watchdog: ReturnType<typeof setTimeout>;

  constructor(extensionUri: vscode.Uri, events: ExperimentsPanelEvents) {
    this.panel = vscode.window.createWebviewPanel(ExperimentsPanel.viewType, 'MLOps: Experiments',
      { viewColumn: vscode.ViewColumn.Active, preserveFocus: false }, { retainContextWhenHidden: true });
    this.host = new WebviewHost(this.panel.webview, {
      view: 'experiments', title: 'Experiments', extensionUri, accept: isExperimentsFromView,
      onReady: () => events.onReady(), onMessage: (m) => events.onMessage(m), log: (l) => events.log(l),
    });
    // The page is kept while the tab is hidden (as the side-bar views are); shown again, it gets the
    // current state, since live updates may have been skipped meanwhile.
    this.panel.onDidChangeViewState((e) => e.webviewPanel.visible && this.host.shown());
    // Opened while other webviews load, its frame can stay without a document for good in VS Code for
    // the web; only a new panel gets a new frame.
    this.watchdog = setTimeout(() => {
      if (this.open && this.panel.visible && !this.host.isLoaded()) events.onStuck();
    }, STUCK_FRAME_MS);
    this.panel.onDidDispose(() => {
      clearTimeout(this.watchdog);
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
