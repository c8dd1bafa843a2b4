/**
 * The Serving view bundle in headless Chromium under its CSP: live numbers, the version timeline,
 * test results and the buttons; text from the server (a model name or an error written like markup)
 * stays text; screenshots in three themes.
 */
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import type { Browser } from 'playwright-core';
import type { ServingStatus, ServingToView } from '../../webviews/src/protocol';
import { launchBrowser, openView, skipReason, type ViewPage } from './harness';

const skip = skipReason();
const XSS = '<img src=x onerror=alert(1)>';

function status(perSecond: number, extra: Partial<ServingStatus> = {}): ServingToView {
  return {
    type: 'status', url: 'http://127.0.0.1:40123',
    status: {
      model: 'churn-classifier', startedAt: '2025-03-01T10:00:00.000Z',
      primary: { alias: 'production', version: 2 },
      shadow: { alias: 'staging', version: 3, queued: 0, dropped: 4, agreement: [{ version: 2, shadowVersion: 3, rows: 1200, agreement: 0.9725, meanAbsDiff: 0.031 }] },
      live: { requests: 5321, errors: 12, perSecond, errorRate: 0.004, p50Ms: 1.84, p99Ms: 7.5 },
      timeline: [
        { at: '2025-03-01T10:00:01.000Z', role: 'primary', alias: 'production', event: 'loaded', version: 1, ms: 80 },
        { at: '2025-03-01T10:00:01.500Z', role: 'shadow', alias: 'staging', event: 'loaded', version: 3, ms: 70 },
        { at: '2025-03-01T10:05:00.000Z', role: 'primary', alias: 'production', event: 'swapped', version: 2, from: 1, ms: 120 },
        { at: '2025-03-01T10:06:00.000Z', role: 'primary', alias: 'production', event: 'load-failed', version: 9, error: `v9 is not in this workspace ${XSS}` },
      ],
      ...extra,
    },
  };
}

describe('serving webview', { skip: skip ?? false }, () => {
  let browser: Browser;
  before(async () => { browser = await launchBrowser(); });
  after(async () => { await browser?.close(); });

  async function open(theme: 'light' | 'dark' | 'high-contrast'): Promise<ViewPage> {
    const v = await openView(browser, 'serving', theme, { width: 420, height: 640 });
    await v.waitForPosted('ready');
    return v;
  }

  const text = (v: ViewPage, sel: string) => v.page.textContent(sel).then((t) => t ?? '');

  it('stopped: says so, only Serve Model is enabled and asks the host to serve', async () => {
    const v = await open('light');
    await v.send({ type: 'stopped', message: 'Stopped.' });
    assert.match(await text(v, '.header'), /Stopped\. No model is served in this window/);
    assert.equal(await v.page.isEnabled('button:text("Serve Model")'), true);
    assert.equal(await v.page.isEnabled('button:text("Send Test Request")'), false);
    await v.page.click('button:text("Serve Model")');
    assert.deepEqual(await v.waitForPosted('serve'), { type: 'serve' });
    assert.deepEqual(v.problems, []);
    await v.page.context().close();
  });

  it('serving: live numbers, shadow agreement, the timeline newest first, and a sparkline that follows the polls', async () => {
    const v = await open('dark');
    for (const rate of [10, 40, 25]) await v.send(status(rate));
    assert.match(await text(v, '.header'), /churn-classifier production → v2, shadow staging → v3/);
    assert.equal(await text(v, 'dd[data-metric="rps"]'), '25');
    assert.equal(await text(v, 'dd[data-metric="p99"]'), '7.5 ms');
    assert.equal(await text(v, 'dd[data-metric="errors"]'), '0.4%');
    assert.equal(await text(v, 'dd[data-metric="agreement"]'), '97.25%, 4 dropped');
    const events = await v.page.$$eval('.timeline li', (lis) => lis.map((li) => li.getAttribute('data-event')));
    assert.deepEqual(events, ['load-failed', 'swapped', 'loaded', 'loaded']);
    assert.match(await text(v, '.timeline li.swapped'), /primary \(production\): v1 → v2 \(loaded and warmed in 120 ms, no request dropped\)/);
    assert.match(await text(v, '.timeline li.load-failed'), new RegExp(`v9 could not be loaded.*${XSS.replace(/[()]/g, '\\$&')}`));
    const d = await v.page.getAttribute('.spark path', 'd');
    assert.equal(d!.split(/[ML]/).filter((p) => p.trim()).length, 3, 'one point per poll');
    assert.equal(await v.page.$$eval('img', (i) => i.length), 0, 'an error written like markup stays text');
    await v.page.click('button:text("Send Test Request")');
    assert.deepEqual(await v.waitForPosted('sendTestRequest'), { type: 'sendTestRequest' });
    await v.page.click('button:text("Stop Serving")');
    assert.deepEqual(await v.waitForPosted('stop'), { type: 'stop' });
    assert.deepEqual(v.problems, []);
    await v.page.context().close();
  });

  it('shows the test answer (or the refusal) and screenshots in three themes', async () => {
    for (const theme of ['light', 'dark', 'high-contrast'] as const) {
      const v = await open(theme);
      await v.send(status(33.3));
      await v.send({ type: 'testResult', summary: 'POST /v2/models/churn-classifier/infer: first 5 rows of data/current.csv', status: 200, ms: 4,
        body: { model_name: 'churn-classifier', model_version: 'v2', outputs: [{ name: 'prediction', datatype: 'FP32', shape: [2], data: [0.5687469244003296, 0.19122955203056335] }, { name: 'label', datatype: 'BYTES', shape: [2], data: ['1', XSS] }] } });
      assert.equal(await text(v, '[data-status="200"]'), 'HTTP 200 in 4 ms, answered by v2');
      assert.equal(await text(v, '[data-output="prediction"]'), 'prediction: 0.5687, 0.1912');
      assert.equal(await text(v, '[data-output="label"]'), `label: 1, ${XSS}`);
      await v.screenshot(`serving-${theme}`);
      await v.send({ type: 'testResult', summary: 'POST …', status: 400, ms: 2, body: { error: 'input "age" row 1: "x" is not a number' } });
      assert.equal(await text(v, '[data-status="400"]'), 'HTTP 400 in 2 ms: input "age" row 1: "x" is not a number');
      assert.equal(await v.page.$$eval('img', (i) => i.length), 0);
      assert.deepEqual(v.problems, []);
      await v.page.context().close();
    }
  });
});
