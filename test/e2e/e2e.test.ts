/**
 * End to end in a real VS Code (code-server 4.100.3): package the VSIX, install it, open a copy of
 * examples/churn, and use it as a person would (palette, Problems, side bar), then run the
 * extension-host integration suite (test/e2e/suite) through the workbench payload.
 */
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { build } from 'esbuild';
import type { Browser } from 'playwright-core';
import { codeServerMissing, installVsix, sessionDirs, startCodeServer, type RunningCodeServer, type SessionDirs } from './codeServer';
import { ARTIFACTS, ROOT, Workbench, exampleWorkspace, launchChromium } from './workbench';

const skip = process.env.MLOPS_SKIP_E2E ? 'MLOPS_SKIP_E2E is set'
  : codeServerMissing() ?? (existsSync('/usr/bin/chromium') || process.env.CHROMIUM_PATH ? null : 'Debian chromium is not installed');
const VSIX = join(ROOT, 'dist', 'mlops-workbench.vsix');

/** Copies the extension's output channel to the artifacts and says how many stuck webview frames it re-created. */
function reportRecoveredFrames(userDir: string): void {
  const logs = join(userDir, 'logs');
  const found = existsSync(logs) ? readdirSync(logs, { recursive: true, encoding: 'utf8' }).filter((p) => p.endsWith(join('mlops-workbench.mlops-workbench', 'MLOps.log'))) : [];
  const text = found.map((p) => readFileSync(join(logs, p), 'utf8')).join('\n');
  writeFileSync(join(ARTIFACTS, 'mlops-output.log'), text);
  const recovery = text.split('\n').filter((l) => / view .*(re-creating its webview frame|still blank)|Experiments editor/.test(l));
  console.log(`webview frames re-created by the views in this session (VS Code for the web left them blank): ${recovery.filter((l) => l.includes('re-creating')).length}`);
  for (const line of recovery) console.log(`  ${line}`);
}

function sh(cmd: string, args: string[]): void {
  const r = spawnSync(cmd, args, { cwd: ROOT, encoding: 'utf8' });
  if (r.status !== 0) throw new Error(`${cmd} ${args.join(' ')} failed:\n${r.stdout}\n${r.stderr}`);
}

describe('VS Code end to end (code-server)', { skip: skip ?? false }, () => {
  let browser: Browser;
  const consoleLines: string[] = [];
  let dirs: SessionDirs;
  let server: RunningCodeServer;
  let workspace: string;
  let wb: Workbench;

  before(async () => {
    mkdirSync(ARTIFACTS, { recursive: true });
    sh(process.execPath, ['scripts/build.mjs']);
    sh(process.execPath, ['scripts/package.mjs']);
    dirs = sessionDirs();
    installVsix(VSIX, dirs);
    workspace = exampleWorkspace();
    server = await startCodeServer(dirs);
    browser = await launchChromium();
    const page = await browser.newPage({ viewport: { width: 1400, height: 900 } });
    page.setDefaultTimeout(30_000);
    // The browser's console (every frame, webviews included) goes to an artifact, for failures.
    page.on('console', (m) => consoleLines.push(`${m.type()}: ${m.text()}`));
    page.on('pageerror', (e) => consoleLines.push(`pageerror: ${e.message}`));
    wb = new Workbench(page);
    await wb.open(server.url(workspace));
  });

  after(async () => {
    writeFileSync(join(ARTIFACTS, 'browser-console.log'), consoleLines.join('\n'));
    await wb?.screenshot('last').catch(() => undefined);
    await browser?.close();
    await server?.stop();
    if (server) writeFileSync(join(ARTIFACTS, 'code-server.log'), server.output());
    if (dirs) reportRecoveredFrames(dirs.user);
  });

  it('installs from the VSIX and shows the MLOps side bar with Experiments, Drift and Models', async () => {
    const installed = readdirSync(dirs.extensions).find((d) => d.startsWith('mlops-workbench.mlops-workbench-'));
    assert.ok(installed, 'the extension folder exists after --install-extension');
    await wb.openMlopsSideBar();
    for (const name of ['Experiments', 'Drift', 'Models']) {
      await wb.page.locator('.sidebar .pane-header', { hasText: name }).first().waitFor();
    }
    const frame = await wb.webviewFrame('.grid[role=grid]');
    // The summary is filled in once the view has its first runs message: wait for it, do not read at once.
    await frame.locator('.summary', { hasText: /0 of 0 runs/ }).waitFor();
    assert.match(await frame.locator('.summary').innerText(), /0 of 0 runs/);
    await wb.screenshot('sidebar');
  });

  it('shows a planted spec error in Problems and clears it when fixed', async () => {
    await wb.openFile('mlops.yaml');
    const line = readFileSync(join(workspace, 'mlops.yaml'), 'utf8').split('\n').findIndex((l) => l.trim() === 'epochs: 30') + 1;
    assert.ok(line > 0);
    // Plant an error a user makes: a word where the schema wants an integer.
    await wb.retypeLine(line, 'epochs: thirty');
    const row = wb.page.locator('.markers-panel .monaco-list-row', { hasText: /epochs|integer|number/i }).first();
    await wb.problems();
    await row.waitFor({ timeout: 30_000 });
    await wb.screenshot('problems-planted');
    await wb.retypeLine(line, 'epochs: 30');
    await row.waitFor({ state: 'detached', timeout: 30_000 });
    assert.deepEqual(await wb.problems(), [], 'the fixed spec has no problems');
    await wb.page.keyboard.press('Control+S');
  });

  it('"MLOps: Train" from the palette completes and the run appears in Experiments', async () => {
    await wb.openFile('mlops.yaml');
    await wb.command('MLOps: Train');
    await wb.notification(/MLOps: Training/, 30_000);
    const done = await wb.notification(/Training.*(completed|finished)/, 300_000);
    const runId = /run (\S+?)[:\s(]/.exec(done)?.[1];
    assert.ok(runId, done);
    await wb.openMlopsSideBar();
    // The row shows up while the run trains (run.json is written at start) and turns completed.
    const frame = await wb.webviewFrame(`.row[data-run-id="${runId}"]`, 30_000);
    await frame.locator(`.row[data-run-id="${runId}"] .status-completed`).waitFor({ timeout: 30_000 });
    await wb.screenshot('experiments-after-train');
  });

  it('"MLOps: Check Drift" shows the shifted features in the Drift view', async () => {
    await wb.openFile('mlops.yaml');
    await wb.command('MLOps: Check Drift');
    const frame = await wb.webviewFrame('.verdict.drift, .verdict.stable', 120_000);
    const drifted = await frame.locator('tr.drifted[data-feature]').evaluateAll((rows) => rows.map((r) => r.getAttribute('data-feature')));
    assert.deepEqual([...drifted].sort(), ['monthly_charges', 'support_calls']);
    await wb.screenshot('drift');
  });

  // In VS Code for the web a webview frame can stay blank for good when several load at once (their
  // service workers replace each other mid-handshake); the views re-create such a frame by themselves
  // (client/src/webview/frameRecovery.ts). These two tests load every view together, as a user's
  // window does, with code-server's service worker as shipped.
  it('every view shows its content again after a side-bar switch and a theme change (all views expanded)', async () => {
    await wb.openFile('mlops.yaml'); // the Pipeline view shows the active spec
    await wb.openMlopsSideBar();
    for (const name of ['Experiments', 'Drift', 'Pipeline', 'Models', 'Serving']) await wb.expandView(name);
    // What each webview shows once it has its data; the body names the view, so frames are not confused.
    const content = {
      experiments: 'body[data-view="experiments"] .row[data-run-id] .status-completed',
      drift: 'body[data-view="drift"] .verdict.drift',
      pipeline: 'body[data-view="pipeline"] g.stage',
      serving: 'body[data-view="serving"] .header',
    };
    const allShown = async (when: string, timeout: number) => {
      for (const [view, selector] of Object.entries(content)) {
        const started = Date.now();
        await wb.shownWebviewFrame(selector, timeout).catch(async (e: Error) => {
          throw new Error(`${when}: the ${view} view is blank: ${e.message}\nwebview frames now:\n${await wb.describeWebviews()}`);
        });
        timeout = Math.max(1000, timeout - (Date.now() - started));
      }
    };
    await allShown('first shown', 60_000);
    await wb.screenshot('views-expanded');
    for (let round = 1; round <= 2; round++) {
      await wb.openExplorer();
      await wb.openMlopsSideBar();
      await allShown(`re-shown (${round})`, 8000);
      await wb.command('Preferences: Toggle between Light/Dark Themes');
      await allShown(`after a theme change (${round})`, 8000);
    }
    await wb.screenshot('views-reshown');
  });

  it('"MLOps: Show Drift Report" after a window reload shows the last report Check Drift kept', async () => {
    const kept = join(workspace, '.mlops', 'drift', 'mlops.yaml', 'last.json');
    assert.ok(existsSync(kept), 'Check Drift kept its report');
    // Marked with a time no check made, so what shows after the reload is read from the kept file (not
    // from the page's own saved state).
    const report = JSON.parse(readFileSync(kept, 'utf8'));
    writeFileSync(kept, JSON.stringify({ ...report, generatedAt: '2020-02-03T04:05:06.000Z' }));
    await wb.reload();
    await wb.command('MLOps: Show Drift Report', 60_000);
    const frame = await wb.shownWebviewFrame('body[data-view="drift"] .verdict.drift', 60_000);
    await frame.locator('.verdict .note', { hasText: '2020' }).first().waitFor({ timeout: 30_000 });
    const drifted = await frame.locator('tr.drifted[data-feature]').evaluateAll((rows) => rows.map((r) => r.getAttribute('data-feature')));
    assert.deepEqual([...drifted].sort(), ['monthly_charges', 'support_calls']);
    await wb.screenshot('drift-after-reload');
  });

  it('"MLOps: Register Model Version" adds a version to the Models tree', async () => {
    await wb.command('MLOps: Register Model Version');
    const pick = wb.page.locator('.quick-input-list .monaco-list-row').first();
    await pick.waitFor();
    await wb.page.keyboard.press('Enter');
    await wb.notification(/registered/, 60_000);
    await wb.openMlopsSideBar();
    await wb.page.locator('.sidebar .pane-body .monaco-list-row', { hasText: 'v1' }).first().waitFor();
    await wb.screenshot('models');
  });
});

describe('Restricted Mode (workspace not trusted)', { skip: skip ?? false }, () => {
  it('runs nothing: "MLOps: Train" explains why and records no run, diagnostics still work', async () => {
    if (!existsSync(VSIX)) sh(process.execPath, ['scripts/package.mjs']);
    const dirs = sessionDirs({ restricted: true });
    installVsix(VSIX, dirs);
    const workspace = exampleWorkspace();
    const server = await startCodeServer(dirs);
    const browser = await launchChromium();
    try {
      const page = await browser.newPage({ viewport: { width: 1400, height: 900 } });
      page.setDefaultTimeout(30_000);
      const wb = new Workbench(page);
      await wb.open(server.url(workspace));
      await page.locator('.statusbar-item', { hasText: 'Restricted Mode' }).first().waitFor();
      await wb.openFile('mlops.yaml');
      await wb.command('MLOps: Train');
      const toast = await wb.notification(/Restricted Mode/, 30_000);
      assert.match(toast, /Training is disabled in Restricted Mode/);
      await wb.command('MLOps: Check Drift');
      await wb.notification(/Checking drift is disabled in Restricted Mode/, 30_000);
      await wb.screenshot('restricted-mode');
      // Nothing ran: no run recorded, no drift report kept (the language server may cache spec hashes there).
      assert.equal(existsSync(join(workspace, '.mlops', 'runs')), false, 'no run recorded');
      assert.equal(existsSync(join(workspace, '.mlops', 'drift')), false, 'no drift report kept');
      const line = readFileSync(join(workspace, 'mlops.yaml'), 'utf8').split('\n').findIndex((l) => l.trim() === 'epochs: 30') + 1;
      await wb.retypeLine(line, 'epochs: thirty');
      await wb.problems();
      await page.locator('.markers-panel .monaco-list-row', { hasText: /epochs/ }).first().waitFor();
    } finally {
      await browser.close();
      await server.stop();
    }
  });
});

describe('extension-host integration tests (code-server payload)', { skip: skip ?? false }, () => {
  it('runs test/e2e/suite inside the real extension host', async () => {
    if (!existsSync(VSIX)) sh(process.execPath, ['scripts/package.mjs']);
    const dirs = sessionDirs();
    // The packaged extension, as installed, is the development extension of this session.
    const staging = sessionDirs();
    installVsix(VSIX, staging);
    const extPath = join(staging.extensions, readdirSync(staging.extensions).find((d) => d.startsWith('mlops-workbench.'))!);
    const suiteDir = mkdtempSync(join(tmpdir(), 'mlops-suite-'));
    await build({ entryPoints: [join(__dirname, 'suite', 'index.ts')], bundle: true, platform: 'node', format: 'cjs',
      target: 'node20', external: ['vscode'], outfile: join(suiteDir, 'index.js'), logLevel: 'warning' });
    const workspace = exampleWorkspace();
    const server = await startCodeServer(dirs);
    const browser = await launchChromium();
    const logs: string[] = [];
    try {
      const page = await browser.newPage();
      const exit = new Promise<number>((resolve) => void page.exposeFunction('codeAutomationExit', (code: number) => resolve(code)));
      await page.exposeFunction('codeAutomationLog', (_type: string, args: unknown[]) => logs.push(args.map(String).join(' ')));
      await page.goto(server.url(workspace, [
        ['extensionDevelopmentPath', `vscode-remote://${server.authority}${extPath}`],
        ['extensionTestsPath', `vscode-remote://${server.authority}${join(suiteDir, 'index.js')}`],
      ]), { waitUntil: 'domcontentloaded', timeout: 120_000 });
      const code = await exit;
      const report = logs.join('\n');
      writeFileSync(join(ARTIFACTS, 'extension-host-tests.log'), `${report}\n\n--- code-server ---\n${server.output()}`);
      const timing = /^startup-timing (\{.*\})$/m.exec(report)?.[1];
      if (timing) {
        // Extension activation -> language server ready -> first diagnostics, kept as an artifact.
        writeFileSync(join(ARTIFACTS, 'startup-timing.json'), `${JSON.stringify(JSON.parse(timing), null, 2)}\n`);
        console.log(`startup timing (ms after activation): ${timing}`);
      }
      const results = report.split('\n').filter((l) => /^[✔✖-] /.test(l));
      assert.ok(results.length >= 4, `the suite reported its tests:\n${report}`);
      assert.equal(code, 0, report);
    } finally {
      await browser.close();
      await server.stop();
    }
  });
});
