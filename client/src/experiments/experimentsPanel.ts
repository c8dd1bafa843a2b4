/**
 * The Experiments table in an editor panel (full width), like the DVC extension's experiments table:
 * the same bundle and handshake as the side-bar view, in a WebviewPanel beside the current editor.
 * The page is kept while its tab is hidden; sort, filter and columns live in the webview state.
 */
import * as vscode from 'vscode';
import { isExperimentsFromView, type ExperimentsFromView, type ExperimentsToView } from '../../../webviews/src/protocol';
import { WebviewHost } from '../webview/webviewHost';
import { stuckReason, WATCH_EVERY_MS } from '../webview/stuckPage';

export interface ExperimentsPanelEvents {
  onReady(): void;
  onMessage(message: Exclude<ExperimentsFromView, { type: 'ready' }>): void;
  onDispose(): void;
  /** The panel's page never loaded or never started while shown (see webview/frameRecovery.ts); `why` says which. */
  onStuck(why: string): void;
  log(line: string): void;
}

export class ExperimentsPanel implements vscode.Disposable {
  static readonly viewType = 'mlops.experimentsEditor';
  private readonly panel: vscode.WebviewPanel;
  private readonly host: WebviewHost<'experiments'>;
  private open = true;
  private readonly watchdog: ReturnType<typeof setInterval>;

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
    // Opened while other webviews load, its frame can stay without a document (or without its script)
    // for good in VS Code for the web; only a new panel gets a new frame.
    const openedAt = Date.now();
    this.watchdog = setInterval(() => {
      if (!this.open || this.host.isReady()) return clearInterval(this.watchdog);
      const why = this.panel.visible ? stuckReason(this.host, Date.now() - openedAt) : undefined;
      if (!why) return;
      clearInterval(this.watchdog);
      events.onStuck(why);
    }, WATCH_EVERY_MS);
    this.panel.onDidDispose(() => {
      clearInterval(this.watchdog);
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
