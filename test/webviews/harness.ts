/**
 * Loads a webview bundle in headless Chromium the way VS Code does: the same HTML and Content-Security-
 * Policy (renderPage), files served from one origin standing in for `webview.cspSource`, and an
 * `acquireVsCodeApi` that records what the view posts. Tests send recorded host messages and assert on
 * the DOM. Anything that would show the view is broken is collected: page errors, CSP violations,
 * dialogs (an injected `alert` would land there).
 */
import { readFileSync, mkdirSync, existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { randomBytes } from 'node:crypto';
import { chromium, type Browser, type Page } from 'playwright-core';
import { renderPage } from '../../webviews/src/page';
import type { ViewName } from '../../webviews/src/protocol';
import { THEMES, type ThemeName } from './themes';

const ORIGIN = 'https://webview.test';
const ROOT = resolve(__dirname, '../..');
export const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
export const ARTIFACTS = join(ROOT, 'test-results', 'webviews');

/** Why the browser tests cannot run here, or null when they can. */
export function skipReason(): string | null {
  if (!existsSync(CHROMIUM)) return `${CHROMIUM} not found (Debian package "chromium"; .ci/run installs it)`;
  if (!existsSync(join(ROOT, 'dist/webviews/experiments.js'))) return 'dist/webviews is not built (run npm run build)';
  return null;
}

export function launchBrowser(): Promise<Browser> {
  return chromium.launch({
    executablePath: CHROMIUM,
    headless: true,
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
      '--disable-background-networking', '--disable-component-update', '--disable-sync', '--disable-dev-shm-usage'],
  });
}

export interface ViewPage {
  page: Page;
  /** Problems seen so far: page errors, CSP violations, dialogs. */
  problems: string[];
  /** Delivers a host message to the view. */
  send(message: unknown): Promise<void>;
  /** Messages the view posted, in order. */
  posted(): Promise<Array<{ type: string; [k: string]: unknown }>>;
  /** Waits until the view has posted a message of this type (count-th occurrence), then returns it. */
  waitForPosted(type: string, count?: number): Promise<{ type: string; [k: string]: unknown }>;
  screenshot(name: string): Promise<string>;
}

const FAKE_API = `
  (() => {
    const posted = [];
    window.__posted = posted;
    window.acquireVsCodeApi = () => ({
      postMessage: (m) => posted.push(JSON.parse(JSON.stringify(m))),
      getState: () => { const s = localStorage.getItem('vscode-state'); return s ? JSON.parse(s) : undefined; },
      setState: (s) => localStorage.setItem('vscode-state', JSON.stringify(s)),
    });
  })();`;

/** Opens a view's bundle under its CSP in the given theme. */
export async function openView(browser: Browser, view: ViewName, theme: ThemeName, size = { width: 900, height: 760 }): Promise<ViewPage> {
  const context = await browser.newContext({ viewport: size });
  const page = await context.newPage();
  page.setDefaultTimeout(10_000);
  const problems: string[] = [];
  page.on('pageerror', (e) => problems.push(`page error: ${e.message}`));
  page.on('console', (m) => {
    if (m.type() === 'error' || /Content Security Policy/i.test(m.text())) problems.push(`console: ${m.text()}`);
  });
  page.on('dialog', (d) => { problems.push(`dialog: ${d.type()} ${d.message()}`); void d.dismiss(); });
  await page.addInitScript(FAKE_API);
  const html = renderPage({ view, title: view, cspSource: ORIGIN, nonce: randomBytes(16).toString('base64'),
    scriptUri: `${ORIGIN}/dist/${view}.js`, styleUri: `${ORIGIN}/dist/${view}.css`, extraStyleUris: [`${ORIGIN}/theme.css`] });
  await page.route(`${ORIGIN}/**`, async (route) => {
    const path = new URL(route.request().url()).pathname;
    if (path === '/' || path === '/index.html') return route.fulfill({ contentType: 'text/html', body: html });
    if (path === '/theme.css') return route.fulfill({ contentType: 'text/css', body: THEMES[theme].css });
    const file = path.startsWith('/dist/') ? join(ROOT, 'dist/webviews', path.slice('/dist/'.length)) : null;
    if (file && existsSync(file)) {
      return route.fulfill({ contentType: file.endsWith('.css') ? 'text/css' : 'text/javascript', body: readFileSync(file) });
    }
    // Anything else (an injected <img src=x>, a CDN) is refused and recorded.
    problems.push(`request: ${route.request().url()}`);
    return route.fulfill({ status: 404, body: '' });
  });
  await page.goto(`${ORIGIN}/index.html`);
  await page.evaluate((cls) => document.body.classList.add(cls), THEMES[theme].bodyClass);
  return {
    page,
    problems,
    send: (message) => page.evaluate((m) => window.postMessage(m, '*'), message),
    posted: () => page.evaluate(() => (window as unknown as { __posted: Array<{ type: string }> }).__posted),
    async waitForPosted(type, count = 1) {
      const handle = await page.waitForFunction(([t, n]) => {
        const all = (window as unknown as { __posted: Array<{ type: string }> }).__posted.filter((m) => m.type === t);
        return all.length >= (n as number) ? all[(n as number) - 1] : null;
      }, [type, count] as const, { timeout: 10_000 });
      return (await handle.jsonValue()) as { type: string };
    },
    async screenshot(name) {
      mkdirSync(ARTIFACTS, { recursive: true });
      const path = join(ARTIFACTS, `${name}.png`);
      await page.screenshot({ path, fullPage: true });
      return path;
    },
  };
}

/** Reads a recorded host message (test/webviews/recorded/<name>.json). */
export function recorded<T>(name: string): T {
  return JSON.parse(readFileSync(join(__dirname, 'recorded', `${name}.json`), 'utf8')) as T;
}
