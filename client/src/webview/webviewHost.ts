/**
 * The extension side of one webview: strict CSP with a fresh nonce, resources only from dist/webviews,
 * and the ready handshake: messages wait until the view says `ready`; every `ready` (a reloaded page,
 * or the page re-sending it because no answer came yet) is answered with `readyAck` and the current
 * state, so a page never stays blank waiting for data.
 */
import { randomBytes } from 'node:crypto';
import * as vscode from 'vscode';
import { renderPage } from '../../../webviews/src/page';
import { isLoading, type ReadyAckMessage, type ViewMessages, type ViewName } from '../../../webviews/src/protocol';

export interface WebviewHostOptions<V extends ViewName> {
  view: V;
  title: string;
  extensionUri: vscode.Uri;
  /** The protocol guard for what this view may send. */
  accept(message: unknown): message is ViewMessages[V]['fromView'];
  /** Called on every `ready` (first load and reloads): send the view its data. */
  onReady(): void;
  onMessage(message: Exclude<ViewMessages[V]['fromView'], { type: 'ready' }>): void;
  log(line: string): void;
  /** Called when the page's document first exists (its boot script runs). */
  onLoaded?(): void;
}

export class WebviewHost<V extends ViewName> implements vscode.Disposable {
  private ready = false;
  /** When the page's document said `loading` (Date.now()), or undefined before it did. */
  private loadedAt: number | undefined;
  private queue: Array<ViewMessages[V]['toView']> = [];
  private readonly subscription: vscode.Disposable;

  constructor(private readonly webview: vscode.Webview, private readonly o: WebviewHostOptions<V>) {
    const root = vscode.Uri.joinPath(o.extensionUri, 'dist', 'webviews');
    webview.options = { enableScripts: true, localResourceRoots: [root] };
    webview.html = renderPage({
      view: o.view,
      title: o.title,
      cspSource: webview.cspSource,
      nonce: randomBytes(16).toString('base64'),
      scriptUri: webview.asWebviewUri(vscode.Uri.joinPath(root, `${o.view}.js`)).toString(),
      styleUri: webview.asWebviewUri(vscode.Uri.joinPath(root, `${o.view}.css`)).toString(),
    });
    this.subscription = webview.onDidReceiveMessage((m: unknown) => this.receive(m));
  }

  /** Sends now if the view is ready, else when it is. */
  post(message: ViewMessages[V]['toView']): void {
    if (this.ready) void this.webview.postMessage(message);
    else this.queue.push(message);
  }

  /** Whether the page is listening now (live updates are skipped otherwise: it re-reads on ready). */
  isReady(): boolean {
    return this.ready;
  }

  /** How long ago the page's document said `loading` (ms), or undefined before it did. */
  sinceLoaded(): number | undefined {
    return this.loadedAt === undefined ? undefined : Date.now() - this.loadedAt;
  }

  /** The view is shown again with its page kept: send it the current state (it may have missed updates). */
  shown(): void {
    if (this.ready) this.o.onReady();
  }

  private receive(message: unknown): void {
    if (isLoading(message)) {
      this.markLoaded();
      return;
    }
    if (!this.o.accept(message)) {
      this.o.log(`${this.o.view} view: ignored an unknown message`);
      return;
    }
    if (message.type === 'ready') {
      this.markLoaded();
      this.ready = true;
      void this.webview.postMessage({ type: 'readyAck' } satisfies ReadyAckMessage);
      this.o.onReady();
      const queued = this.queue;
      this.queue = [];
      for (const m of queued) void this.webview.postMessage(m);
      return;
    }
    this.o.onMessage(message as Exclude<ViewMessages[V]['fromView'], { type: 'ready' }>);
  }

  private markLoaded(): void {
    if (this.loadedAt !== undefined) return;
    this.loadedAt = Date.now();
    this.o.onLoaded?.();
  }

  dispose(): void {
    this.subscription.dispose();
  }
}
