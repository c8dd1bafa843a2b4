/** The Drift view bundle in headless Chromium, fed a recorded `mlops drift --format json` report. */
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import type { Browser } from 'playwright-core';
import type { DriftToView } from '../../webviews/src/protocol';
import type { ThemeName } from './themes';
import { launchBrowser, openView, recorded, skipReason, type ViewPage } from './harness';

const skip = skipReason();
const XSS = '<img src=x onerror=alert(1)>';
type ReportMessage = Extract<DriftToView, { type: 'report' }>;

describe('drift webview', { skip: skip ?? false }, () => {
  let browser: Browser;
  const reportMessage = () => recorded<ReportMessage>('drift-report');
  before(async () => { browser = await launchBrowser(); });
  after(async () => { await browser?.close(); });

  async function openWithReport(theme: ThemeName, message: ReportMessage = reportMessage()): Promise<ViewPage> {
    const v = await openView(browser, 'drift', theme, { width: 700, height: 720 });
    await v.waitForPosted('ready');
    await v.send(message);
    await v.page.waitForSelector('tr[data-feature]');
    return v;
  }

  const featureOrder = (v: ViewPage) => v.page.$$eval('tr[data-feature]', (rows) => rows.map((r) => r.getAttribute('data-feature')));

  it('shows the verdict on top and drifted features first, by severity', async () => {
    const v = await openWithReport('dark');
    const verdict = await v.page.textContent('.verdict');
    assert.match(verdict ?? '', /Dataset drift detected/);
    assert.match(verdict ?? '', /2 of 6 features drifted/);
    const order = await featureOrder(v);
    const drifted = reportMessage().report.features.filter((f) => f.drifted).sort((a, b) => b.statistic! / b.threshold! - a.statistic! / a.threshold!);
    assert.deepEqual(drifted.map((f) => f.name).sort(), ['monthly_charges', 'support_calls'], 'the recording has the two shifted features drifted');
    assert.deepEqual(order.slice(0, 2), drifted.map((f) => f.name), 'most drifted first');
    assert.deepEqual(order.slice(2).sort(), ['age', 'contract_type', 'plan', 'tenure_months']);
    assert.equal(await v.page.textContent('tr[data-feature="monthly_charges"] td.yes'), 'yes');
    assert.equal(await v.page.textContent('.histogram h3'), drifted[0]!.name);
    assert.match(await v.page.textContent('.histogram .stats') ?? '', /KS D .*Wasserstein .*PSI .*Jensen–Shannon/, 'every distance is shown');
    await v.page.waitForSelector('.histogram .uplot canvas');
    assert.deepEqual(v.problems, []);
    await v.page.context().close();
  });

  it('moves between features with the keyboard and shows each histogram', async () => {
    const v = await openWithReport('light');
    await v.page.focus('tr[aria-selected="true"]');
    await v.page.keyboard.press('ArrowDown');
    assert.equal(await v.page.textContent('.histogram h3'), (await featureOrder(v))[1]);
    await v.page.keyboard.press('End');
    const last = (await featureOrder(v)).at(-1);
    assert.equal(await v.page.textContent('.histogram h3'), last);
    assert.equal(await v.page.evaluate(() => document.activeElement?.getAttribute('data-feature')), last);
    const legend = await v.page.$$eval('.histogram .u-legend .u-label', (ls) => ls.map((l) => l.textContent));
    assert.deepEqual(legend.slice(1), ['reference', 'current']);
    await v.page.context().close();
  });

  it('renders a feature named like markup as text and runs nothing', async () => {
    const message = reportMessage();
    message.report.features[0] = { ...message.report.features[0]!, name: XSS, drifted: true, statistic: 9 };
    const cats = message.report.features.find((f) => f.kind === 'categorical')!;
    cats.histogram = { ...cats.histogram!, categories: [XSS, 'b', 'c'] };
    const v = await openWithReport('dark', message);
    assert.equal(await v.page.textContent('tr[data-feature] th'), XSS);
    assert.equal(await v.page.textContent('.histogram h3'), XSS);
    await v.page.click(`tr[data-feature="${cats.name}"]`);
    await v.page.waitForSelector('.histogram .uplot canvas');
    assert.equal(await v.page.$$eval('img', (imgs) => imgs.length), 0);
    assert.deepEqual(v.problems, []);
    await v.page.context().close();
  });

  it('asks the host to check drift, shows busy and errors as text', async () => {
    const v = await openView(browser, 'drift', 'dark');
    await v.page.click('button:text("Check Drift")');
    await v.waitForPosted('checkDrift');
    await v.send({ type: 'busy', message: 'Checking drift…' });
    assert.equal(await v.page.textContent('.verdict'), 'Checking drift…');
    await v.send({ type: 'error', message: `mlops drift failed: ${XSS}` });
    assert.equal(await v.page.textContent('.verdict.error'), `mlops drift failed: ${XSS}`);
    assert.deepEqual(v.problems, []);
    await v.page.context().close();
  });

  it('saves light and dark screenshots and keeps the selection after reload', async () => {
    for (const theme of ['light', 'dark', 'high-contrast'] as const) {
      const v = await openWithReport(theme);
      await v.page.click('tr[data-feature="support_calls"]');
      await v.page.waitForSelector('.histogram .uplot canvas');
      await v.screenshot(`drift-${theme}`);
      if (theme === 'dark') {
        await v.page.reload();
        await v.send(reportMessage());
        await v.page.waitForSelector('tr[data-feature]');
        assert.equal(await v.page.textContent('.histogram h3'), 'support_calls');
      }
      assert.deepEqual(v.problems, []);
      await v.page.context().close();
    }
  });
});
