/**
 * One side-bar webview view (Experiments, Drift): creates its page host when VS Code resolves the view,
 * holds messages while the page is hidden or loading, and reveals the view. Views differ only in what
 * they send on `ready` and how they answer messages.
 */
import * as vscode from 'vscode';
import type { ViewMessages, ViewName } from '../../../webviews/src/protocol';
import { WebviewHost } from './webviewHost';
import { SILENT_VIEW_MS, wakeWebviewFrames } from './wake';

/** Wake-ups per resolved view: a page that still says nothing after these is broken in another way (see the log). */
const MAX_WAKES = 3;

export interface ViewProviderOptions<V extends ViewName> {
  /** The view id in package.json `contributes.views`. */
  id: string;
  view: V;
  title: string;
  extensionUri: vscode.Uri;
  accept(message: unknown): message is ViewMessages[V]['fromView'];
  /** Called on every `ready` (first load and reloads): send the view its data. */
  onReady(): void;
  onMessage(message: Exclude<ViewMessages[V]['fromView'], { type: 'ready' }>): void;
  log(line: string): void;
}

export class WebviewViewProvider<V extends ViewName> implements vscode.WebviewViewProvider, vscode.Disposable {
  private host: WebviewHost<V> | undefined;
  private watchdog: ReturnType<typeof setTimeout> | undefined;
  private wakes = 0;

  constructor(private readonly o: ViewProviderOptions<V>) {}

  resolveWebviewView(view: vscode.WebviewView): void {
    this.host?.dispose();
    const { id: _id, ...hostOptions } = this.o;
    this.host = new WebviewHost(view.webview, hostOptions);
    // The page is kept while hidden (retainContextWhenHidden below), so hiding does not lose it; when VS
    // Code does reload it (moved, or its frame recreated), the page's re-sent `ready` brings the state back.
    view.onDidChangeVisibility(() => {
      if (!view.visible) return;
      this.host?.shown();
      this.watch(view);
    });
    view.onDidDispose(() => {
      clearTimeout(this.watchdog);
      this.host?.dispose();
      this.host = undefined;
    });
    this.wakes = 0;
    this.watch(view);
  }

  /** A shown view whose page stays silent is stuck before its page loads: wake the frames (a few times at most). */
  private watch(view: vscode.WebviewView): void {
    clearTimeout(this.watchdog);
    this.watchdog = setTimeout(() => {
      if (!view.visible || !this.host || this.host.isReady() || this.wakes >= MAX_WAKES) return;
      this.wakes++;
      void wakeWebviewFrames(this.o.log, `the ${this.o.title} view did not load within ${SILENT_VIEW_MS / 1000} s`)
        .then(() => this.watch(view));
    }, SILENT_VIEW_MS);
  }

  /** Registers the provider with VS Code. */
  register(): vscode.Disposable {
    // Kept while hidden: a side-bar switch (Explorer -> MLOps) then shows the page as it was instead of
    // reloading every view at once, which in VS Code for the web can leave a frame blank while its
    // service worker starts. The views are small DOM pages; the memory this keeps is theirs.
    return vscode.window.registerWebviewViewProvider(this.o.id, this, { webviewOptions: { retainContextWhenHidden: true } });
  }

  /** Shows the view (opening the MLOps side bar). */
  async reveal(): Promise<void> {
    await vscode.commands.executeCommand(`${this.o.id}.focus`);
  }

  /** Whether the view has been opened (its page exists, ready or loading). */
  isOpen(): boolean {
    return this.host !== undefined;
  }

  /** Whether the page is listening now (live updates are skipped otherwise: it re-reads on ready). */
  isReady(): boolean {
    return this.host?.isReady() ?? false;
  }

  /** Sends to the page (held until it is ready); nothing when the view was never opened. */
  post(message: ViewMessages[V]['toView']): void {
    this.host?.post(message);
  }

  dispose(): void {
    clearTimeout(this.watchdog);
    this.host?.dispose();
  }
}
