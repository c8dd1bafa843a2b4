/**
 * One side-bar webview view (Experiments, Drift, Pipeline, Serving): creates its page host when VS Code
 * resolves the view, holds messages while the page is hidden or loading, reveals the view, and re-creates
 * the view's frame when it stays without a document (frameRecovery.ts).
 */
import * as vscode from 'vscode';
import type { ViewMessages, ViewName } from '../../../webviews/src/protocol';
import { WebviewHost } from './webviewHost';
import { recreateFrame } from './frameRecovery';
import { stuckReason, WATCH_EVERY_MS } from './stuckPage';

/** Re-creations in a row without a started page: past this the log says what to do instead. */
const MAX_RECREATIONS = 3;

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
  private watchdog: ReturnType<typeof setInterval> | undefined;
  private recreations = 0;
  private pageWaiters: Array<() => void> = [];

  constructor(private readonly o: ViewProviderOptions<V>) {}

  resolveWebviewView(view: vscode.WebviewView): void {
    this.host?.dispose();
    const { id: _id, ...hostOptions } = this.o;
    this.host = new WebviewHost(view.webview, {
      ...hostOptions,
      onLoaded: () => this.pageLoaded(),
      onReady: () => { this.recreations = 0; this.o.onReady(); },
    });
    // The page is kept while hidden (retainContextWhenHidden below), so hiding does not lose it; when VS
    // Code does reload it (moved, or its frame recreated), the page's re-sent `ready` brings the state back.
    view.onDidChangeVisibility(() => {
      if (!view.visible) return;
      this.host?.shown();
      this.watch(view);
    });
    view.onDidDispose(() => {
      clearInterval(this.watchdog);
      this.host?.dispose();
      this.host = undefined;
    });
    this.watch(view);
  }

  /** A shown view whose page never loads or never starts is stuck for good: re-create it (a few times at most). */
  private watch(view: vscode.WebviewView): void {
    clearInterval(this.watchdog);
    const shownAt = Date.now();
    this.watchdog = setInterval(() => {
      if (!view.visible || !this.host || this.host.isReady()) return clearInterval(this.watchdog);
      const why = stuckReason(this.host, Date.now() - shownAt);
      if (!why) return;
      clearInterval(this.watchdog);
      if (this.recreations >= MAX_RECREATIONS) {
        this.o.log(`MLOps: the ${this.o.title} view is still blank after ${MAX_RECREATIONS} reloads; collapse and expand it, or run "Developer: Reload Window"`);
        return;
      }
      this.recreations++;
      recreateFrame({ id: this.o.id, title: this.o.title, nextPage: (ms) => this.nextPage(ms) },
        `the ${this.o.title} view ${why}`, this.o.log);
    }, WATCH_EVERY_MS);
  }

  private pageLoaded(): void {
    const waiters = this.pageWaiters;
    this.pageWaiters = [];
    for (const w of waiters) w();
  }

  /** Resolves when a page of this view next says it is loading, or after `ms`. */
  private nextPage(ms: number): Promise<void> {
    return new Promise((resolve) => {
      const done = () => {
        clearTimeout(timer);
        this.pageWaiters = this.pageWaiters.filter((w) => w !== done);
        resolve();
      };
      const timer = setTimeout(done, ms);
      this.pageWaiters.push(done);
    });
  }

  /** Registers the provider with VS Code. */
  register(): vscode.Disposable {
    // Kept while hidden: a side-bar switch (Explorer -> MLOps) then shows the page as it was instead of
    // reloading every view at once, which in VS Code for the web can leave a frame blank (frameRecovery.ts).
    // The views are small DOM pages; the memory this keeps is theirs.
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
    clearInterval(this.watchdog);
    this.host?.dispose();
  }
}
