/**
 * Every view survives being reloaded by VS Code (hidden and re-shown, moved, loaded while the host is
 * busy): `ready` is re-sent until the host answers it, and the last whole-view message is drawn again
 * from the state VS Code keeps before the host answers. Real bundles in headless Chromium.
 */
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import type { Browser } from 'playwright-core';
import type { DriftToView, ExperimentsToView, ServingToView, ViewName } from '../../webviews/src/protocol';
import { launchBrowser, openView, recorded, skipReason, type ViewPage } from './harness';

const skip = skipReason();

const serving: ServingToView = {
  type: 'status', url: 'http://127.0.0.1:40123',
  status: {
    model: 'churn-classifier', startedAt: '2025-03-01T10:00:00.000Z', primary: { alias: 'production', version: 2 }, shadow: null,
    live: { requests: 10, errors: 0, perSecond: 3, errorRate: 0, p50Ms: 1.5, p99Ms: 4 }, timeline: [],
  },
};

/** One whole-view message per view and what shows it was drawn. */
const CASES: Array<{ view: ViewName; message: () => unknown; shows: string }> = [
  { view: 'drift', message: () => recorded<DriftToView>('drift-report'), shows: 'tr[data-feature="support_calls"]' },
  { view: 'experiments', message: () => recorded<ExperimentsToView>('experiments-runs'), shows: '.row[data-run-id]' },
  { view: 'pipeline', message: () => ({ type: 'pipeline', specPath: 'mlops.yaml', stages: [
    { name: 'prepare', line: 3, kind: 'cmd', after: [], state: 'up-to-date', reasons: [] },
    { name: 'train', line: 7, kind: 'train', after: ['prepare'], state: 'stale', reasons: ['prepare changed'] }] }), shows: 'g.stage' },
  { view: 'serving', message: () => serving, shows: 'dd[data-metric="rps"]' },
];

const count = async (v: ViewPage, type: string) => (await v.posted()).filter((m) => m.type === type).length;

describe('webview ready handshake and state restore', { skip: skip ?? false }, () => {
  let browser: Browser;
  before(async () => { browser = await launchBrowser(); });
  after(async () => { await browser?.close(); });

  it('re-sends ready until the host answers, then stops', async () => {
    const v = await openView(browser, 'drift', 'dark');
    await v.waitForPosted('ready', 1);
    // No answer: the page asks again (a host that was busy, or a message lost while the frame reloaded).
    await v.waitForPosted('ready', 3);
    await v.send({ type: 'readyAck' });
    const answered = await count(v, 'ready');
    await v.page.waitForTimeout(4500); // longer than the slowest re-send: none may come after the answer
    assert.equal(await count(v, 'ready'), answered);
    assert.deepEqual(v.problems, []);
    await v.page.context().close();
  });

  for (const c of CASES) {
    it(`${c.view}: a reloaded page shows its last content before the host answers, and asks again`, async () => {
      const v = await openView(browser, c.view, 'light');
      await v.waitForPosted('ready');
      await v.send({ type: 'readyAck' });
      await v.send(c.message());
      await v.page.waitForSelector(c.shows);
      await v.page.reload();
      // Nothing is sent after the reload: what shows comes from the state VS Code keeps for the page.
      await v.page.waitForSelector(c.shows, { timeout: 5000 });
      await v.waitForPosted('ready');
      assert.deepEqual(v.problems, []);
      await v.page.context().close();
    });
  }

  it('a page with nothing saved shows its empty state (no stale content from another view)', async () => {
    const v = await openView(browser, 'drift', 'dark');
    await v.waitForPosted('ready');
    assert.match(await v.page.textContent('.verdict') ?? '', /No drift report yet/);
    assert.equal(await v.page.$$eval('tr[data-feature]', (r) => r.length), 0);
    await v.page.context().close();
  });
});
