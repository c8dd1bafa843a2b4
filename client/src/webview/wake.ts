/**
 * Recovery for webview frames that never load their page.
 *
 * Every VS Code webview frame registers the shared webview service worker under its own id and, when
 * another frame's worker took control first, waits for the next `controllerchange` before it loads its
 * content. When several webviews load at once on a slow machine, a frame can check too late: the last
 * change already happened, it waits for one that never comes, and the view stays blank (VS Code for the
 * web, "Found unexpected service worker controller ... Waiting for controllerchange"). Nothing inside our
 * page can help (it is never loaded); any new webview frame can, because its worker's activation changes
 * the controller of every waiting frame. So a view that stays silent while shown briefly opens a tiny
 * webview beside the editor, without focus, and closes it as soon as its own page has loaded.
 */
import { randomBytes } from 'node:crypto';
import * as vscode from 'vscode';

/** How long a shown view may stay silent before the frames are woken (a loaded page answers in well under this). */
export const SILENT_VIEW_MS = 6000;
/** The wake-up webview is closed after this long even if its own page never loads. */
const WAKE_CLOSE_MS = 10_000;

let waking: Promise<void> | undefined;

/** Opens and closes a throwaway webview once (concurrent callers share it); `log` says why it appeared. */
export function wakeWebviewFrames(log: (line: string) => void, why: string): Promise<void> {
  waking ??= openWakePanel(log, why).finally(() => { waking = undefined; });
  return waking;
}

function openWakePanel(log: (line: string) => void, why: string): Promise<void> {
  log(`MLOps: ${why}; reloading stalled webview frames`);
  const panel = vscode.window.createWebviewPanel('mlops.wake', 'MLOps', { viewColumn: vscode.ViewColumn.Active, preserveFocus: true },
    { enableScripts: true, localResourceRoots: [] });
  const nonce = randomBytes(16).toString('base64');
  panel.webview.html = `<!DOCTYPE html><html><head><meta http-equiv="Content-Security-Policy" content="default-src 'none'; script-src 'nonce-${nonce}'">`
    + `</head><body><script nonce="${nonce}">acquireVsCodeApi().postMessage('loaded')</script></body></html>`;
  return new Promise((resolve) => {
    const close = () => { clearTimeout(timer); sub.dispose(); panel.dispose(); resolve(); };
    const timer = setTimeout(close, WAKE_CLOSE_MS);
    const sub = panel.webview.onDidReceiveMessage(close);
  });
}
