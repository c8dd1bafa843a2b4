/**
 * The HTML document of a webview, shared by the extension's hosts and the headless-browser tests so both
 * run the bundle under the same Content-Security-Policy. Pure: no vscode, no DOM.
 */
import type { ViewName } from './protocol';

export interface PageOptions {
  view: ViewName;
  title: string;
  /** `webview.cspSource`: the only origin scripts, styles, fonts and images may come from. */
  cspSource: string;
  /** A fresh random nonce per render; only the boot script and the bundle's script tag carry it. */
  nonce: string;
  /** URIs (already converted with asWebviewUri) of the view's bundle and stylesheet. */
  scriptUri: string;
  styleUri: string;
  /** Extra stylesheets from cspSource (tests use it for a theme; the extension passes none). */
  extraStyleUris?: string[];
}

/** Escapes text for an HTML attribute or text node of the template (URIs, the title). */
function escapeHtml(s: string): string {
  return s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

/**
 * The page's first script, inline so it runs as soon as the document exists (the bundle comes later,
 * through the webview's resource loader): it takes the one VS Code API object a page may acquire, leaves
 * it for the bundle (webviews/src/api.ts) and says `loading`.
 */
export const BOOT_SCRIPT = "(function(){var a=acquireVsCodeApi();window.__mlopsVsCodeApi=a;a.postMessage({type:'loading'});})();";

/** Builds the page: strict CSP with a nonce (the boot script and the bundle carry it), no inline style, the bundle loaded last. */
export function renderPage(o: PageOptions): string {
  const csp = [
    "default-src 'none'",
    `img-src ${o.cspSource} data:`,
    `style-src ${o.cspSource}`,
    `font-src ${o.cspSource}`,
    `script-src 'nonce-${o.nonce}'`,
  ].join('; ');
  const links = [o.styleUri, ...(o.extraStyleUris ?? [])]
    .map((u) => `<link rel="stylesheet" href="${escapeHtml(u)}">`)
    .join('\n  ');
  return `<!DOCTYPE html>
<html lang="en">
<head>
  <meta charset="UTF-8">
  <meta http-equiv="Content-Security-Policy" content="${escapeHtml(csp)}">
  <meta name="viewport" content="width=device-width, initial-scale=1.0">
  ${links}
  <title>${escapeHtml(o.title)}</title>
</head>
<body data-view="${o.view}">
  <script nonce="${escapeHtml(o.nonce)}">${BOOT_SCRIPT}</script>
  <div id="app" class="app"></div>
  <script nonce="${escapeHtml(o.nonce)}" src="${escapeHtml(o.scriptUri)}"></script>
</body>
</html>
`;
}
