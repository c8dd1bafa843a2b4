/**
 * Recovery for side-bar webview frames that never get their document.
 *
 * Why frames get stuck (VS Code for the web, e.g. code-server): every webview frame there shares one
 * service-worker scope, and each registers the worker under its own script URL, so each new frame
 * replaces the worker the others use. A frame only loads its content after its worker answers a
 * version message; when another frame's worker takes over between that message and the answer, the
 * answer never comes and the frame stays blank for good ("Found unexpected service worker controller"
 * in the browser console). It happens when several webviews load at once (a window reload with the
 * MLOps views expanded). Nothing inside the page can help: it never loads. A new frame can, so the
 * view is hidden and shown again (VS Code then disposes the stuck frame and resolves the view anew).
 *
 * Re-creating a frame is itself a new registration that can break frames loading at that moment, so
 * re-creations run one at a time, each waiting for its new page (or a time limit) before the next.
 */
import * as vscode from 'vscode';

/** How long a re-created view gets to show a page before the next queued re-creation starts. */
const SETTLE_MS = 10_000;

/** One view that can be re-created: its id (package.json) and a promise for its next page. */
export interface RecoverableView {
  id: string;
  title: string;
  /** Resolves when the view's page next says it is loading (or after `ms`). */
  nextPage(ms: number): Promise<void>;
}

let queue: Promise<void> = Promise.resolve();
const pending = new Set<string>();

/** Queues a re-creation of the view's frame (once per view at a time); `why` goes to the log. */
export function recreateFrame(view: RecoverableView, why: string, log: (line: string) => void): void {
  if (pending.has(view.id)) return;
  pending.add(view.id);
  queue = queue.then(() => recreate(view, why, log)).finally(() => pending.delete(view.id));
}

async function recreate(view: RecoverableView, why: string, log: (line: string) => void): Promise<void> {
  log(`MLOps: ${why}; re-creating its webview frame (VS Code for the web can leave a frame blank when several load at once)`);
  const page = view.nextPage(SETTLE_MS);
  try {
    // Hidden and shown again: VS Code disposes the view's webview and resolves the view with a new one.
    await vscode.commands.executeCommand(`${view.id}.toggleVisibility`);
    await vscode.commands.executeCommand(`${view.id}.toggleVisibility`);
  } catch (e) {
    log(`MLOps: could not re-create the ${view.title} view (${e instanceof Error ? e.message : String(e)}); collapse and expand it to reload it`);
    return;
  }
  await page;
}
