/**
 * Driving the code-server workbench with playwright-core and Debian's Chromium: palette, quick open,
 * Problems, notifications, side bar views, and the nested iframes webviews live in.
 */
import { cpSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { spawnSync } from 'node:child_process';
import { chromium, type Browser, type Frame, type Page } from 'playwright-core';

export const ROOT = resolve(__dirname, '../..');
export const ARTIFACTS = join(ROOT, 'test-results', 'e2e');

export function launchChromium(): Promise<Browser> {
  return chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    headless: true,
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking',
      '--disable-component-update', '--disable-sync', '--disable-dev-shm-usage'],
  });
}

/** A copy of examples/churn in a temp folder, made a git repository (the registry commits there). */
export function exampleWorkspace(): string {
  const dir = join(mkdtempSync(join(tmpdir(), 'mlops-e2e-ws-')), 'churn');
  cpSync(join(ROOT, 'examples', 'churn'), dir, { recursive: true, filter: (src) => !src.includes(`${join('churn', '.mlops')}`) });
  const git = (...args: string[]) => {
    const r = spawnSync('git', args, { cwd: dir, encoding: 'utf8' });
    if (r.status !== 0) throw new Error(`git ${args.join(' ')}: ${r.stderr}`);
  };
  git('init', '-q', '-b', 'main');
  git('config', 'user.email', 'e2e@example.invalid');
  git('config', 'user.name', 'E2E Test');
  git('add', '-A');
  git('commit', '-q', '-m', 'example workspace');
  return dir;
}

export class Workbench {
  constructor(readonly page: Page) {}

  async open(url: string): Promise<void> {
    // The workbench's own readiness is awaited below; on a busy machine its page load event can take longer
    // than Playwright's default 30 s.
    await this.page.goto(url, { waitUntil: 'domcontentloaded', timeout: 120_000 });
    await this.page.waitForSelector('.monaco-workbench', { timeout: 60_000 });
    await this.page.waitForSelector('.explorer-folders-view .monaco-list-row', { timeout: 60_000 });
  }

  /**
   * Reloads the window (a new extension host) and waits for the workbench and the MLOps activity bar
   * item. The side bar it had comes back by itself: clicking its item while it is restored would hide it.
   */
  async reload(): Promise<void> {
    await this.page.reload({ waitUntil: 'domcontentloaded', timeout: 120_000 });
    await this.page.waitForSelector('.monaco-workbench', { timeout: 60_000 });
    await this.page.locator('.activitybar .action-item a[aria-label^="MLOps"]').first().waitFor({ timeout: 60_000 });
  }

  /**
   * Runs a palette command by its full title ("MLOps: Train"). `timeout`: for it to be listed; the
   * palette lists the commands known when it opens, so while extensions still load (after a reload) it
   * is closed and opened again until the command is there.
   */
  async command(title: string, timeout = 15_000): Promise<void> {
    const deadline = Date.now() + timeout;
    for (;;) {
      await this.page.keyboard.press('Control+Shift+P');
      const input = this.page.locator('.quick-input-widget input');
      await input.waitFor({ state: 'visible' });
      await input.fill(`>${title}`);
      const row = this.page.locator('.quick-input-list .monaco-list-row', { hasText: title }).first();
      const left = deadline - Date.now();
      const listed = await row.waitFor({ timeout: Math.max(1000, Math.min(left, 15_000)) }).then(() => true, (e: Error) => {
        if (Date.now() >= deadline) throw e;
        return false;
      });
      if (listed) break;
      await this.page.keyboard.press('Escape');
    }
    await this.page.keyboard.press('Enter');
  }

  /** Opens a workspace file by name with Quick Open. */
  async openFile(name: string): Promise<void> {
    await this.page.keyboard.press('Control+P');
    const input = this.page.locator('.quick-input-widget input');
    await input.waitFor({ state: 'visible' });
    await input.fill(name);
    await this.page.locator('.quick-input-list .monaco-list-row', { hasText: name }).first().waitFor();
    await this.page.keyboard.press('Enter');
    await this.page.locator(`.tabs-container .tab.active`, { hasText: name }).waitFor();
    await this.page.waitForSelector('.monaco-editor .view-lines');
  }

  /** Replaces the text of a 1-based line (after its indentation) by typing, as a user would. */
  async retypeLine(line: number, text: string): Promise<void> {
    await this.page.locator('.monaco-editor .view-lines').first().click();
    // Close a suggestion list left open by earlier typing: Enter below would accept it instead.
    await this.page.keyboard.press('Escape');
    await this.page.keyboard.press('Escape');
    await this.page.keyboard.press('Control+G');
    await this.page.locator('.quick-input-widget input').waitFor({ state: 'visible' });
    await this.page.keyboard.type(String(line));
    await this.page.keyboard.press('Enter');
    await this.page.locator('.quick-input-widget').waitFor({ state: 'hidden' });
    await this.page.locator('.statusbar-item', { hasText: `Ln ${line},` }).first().waitFor();
    await this.page.keyboard.press('End');
    await this.page.keyboard.press('Shift+Home');
    // One input event for the whole text: typed key by key, quick suggestions open after each word
    // and, on a slow machine, a late one can swallow the keys that follow.
    await this.page.keyboard.insertText(text);
    await this.page.keyboard.press('Escape');
  }

  /** The Problems panel rows' text. */
  async problems(): Promise<string[]> {
    if (!(await this.page.locator('.markers-panel').isVisible())) await this.page.keyboard.press('Control+Shift+M');
    await this.page.waitForSelector('.markers-panel', { state: 'visible' });
    return this.page.locator('.markers-panel .monaco-list-row').allInnerTexts();
  }

  /** Waits for a notification toast containing the text; returns its text. */
  async notification(text: string | RegExp, timeout = 60_000): Promise<string> {
    const toast = this.page.locator('.notification-toast', { hasText: text }).first();
    await toast.waitFor({ timeout });
    return toast.innerText();
  }

  /** Opens the MLOps view container in the activity bar. */
  async openMlopsSideBar(): Promise<void> {
    const item = this.page.locator('.activitybar .action-item a[aria-label^="MLOps"]').first();
    await item.waitFor({ timeout: 30_000 });
    const container = this.page.locator('.sidebar .composite.title', { hasText: 'MLOps' });
    if (!(await container.isVisible())) await item.click();
    await container.waitFor();
  }

  /** Shows the Explorer in the side bar (hiding the MLOps views, as a user switching does). */
  async openExplorer(): Promise<void> {
    const item = this.page.locator('.activitybar .action-item a[aria-label^="Explorer"]').first();
    const container = this.page.locator('.sidebar .composite.title', { hasText: 'Explorer' });
    if (!(await container.isVisible())) await item.click();
    await container.waitFor();
  }

  /** Expands a collapsed view of the side bar by its header. */
  async expandView(name: string): Promise<void> {
    const header = this.page.locator('.sidebar .pane-header', { hasText: name }).first();
    await header.waitFor();
    if ((await header.getAttribute('aria-expanded')) === 'false') await header.click();
    await this.page.locator('.sidebar .pane-header[aria-expanded="true"]', { hasText: name }).first().waitFor();
  }

  /**
   * The webview frame whose document has `selector` and that the user sees now: every iframe it sits in
   * is displayed with a real size (a kept, hidden webview still has its document but no visible frame).
   */
  async shownWebviewFrame(selector: string, timeout: number): Promise<Frame> {
    const deadline = Date.now() + timeout;
    while (Date.now() < deadline) {
      for (const f of this.page.frames()) {
        if (await f.$(selector).catch(() => null) && await this.isShown(f)) return f;
      }
      await this.page.waitForTimeout(100); // frames appear asynchronously; re-scan the frame tree
    }
    throw new Error(`no shown webview frame with ${selector} within ${timeout} ms`);
  }

  /** One line per webview frame (what it shows, whether it is shown): said when a view stays blank. */
  async describeWebviews(): Promise<string> {
    const lines: string[] = [];
    for (const f of this.page.frames()) {
      // A webview is a host frame holding a content frame; a host frame without one never got its page.
      if (!f.url().includes('/webview/browser/pre/') || f.childFrames().length) continue;
      const what = await f.evaluate(() => {
        const view = document.body?.getAttribute('data-view');
        const text = (document.body?.innerText ?? '').replace(/\s+/g, ' ').trim().slice(0, 100);
        return view ? `${view} view: "${text}"` : `no view document (${document.readyState}, ${location.pathname.split('/').pop()})`;
      }).catch((e: Error) => `unreadable (${e.message.split('\n')[0]})`);
      lines.push(`${await this.isShown(f) ? 'shown' : 'hidden'}: ${what}`);
    }
    return lines.join('\n') || 'no webview frames';
  }

  private async isShown(frame: Frame): Promise<boolean> {
    for (let f: Frame | null = frame; f?.parentFrame(); f = f.parentFrame()) {
      const element = await f.frameElement().catch(() => null);
      if (!element || !(await element.isVisible())) return false;
      const box = await element.boundingBox();
      if (!box || box.width < 20 || box.height < 20) return false;
    }
    return true;
  }

  /** The frame of a webview whose document has `selector` (webviews sit two iframes deep). */
  async webviewFrame(selector: string, timeout = 30_000): Promise<Frame> {
    const found = await this.findFrame(selector, timeout);
    if (found) return found;
    throw new Error(`no webview frame with ${selector}`);
  }

  private async findFrame(selector: string, timeout: number): Promise<Frame | undefined> {
    const deadline = Date.now() + timeout;
    while (Date.now() < deadline) {
      for (const f of this.page.frames()) {
        if (await f.$(selector).catch(() => null)) return f;
      }
      await this.page.waitForTimeout(200); // frames appear asynchronously; re-scan the frame tree
    }
    return undefined;
  }

  async screenshot(name: string): Promise<void> {
    await this.page.screenshot({ path: join(ARTIFACTS, `${name}.png`) });
  }
}
