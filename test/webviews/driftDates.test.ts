/** Issue 11: the Drift view's dates were locale-formatted while the rest of the product writes ISO dates. */
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import type { Browser } from 'playwright-core';
import type { DriftToView } from '../../webviews/src/protocol';
import { launchBrowser, openView, recorded, skipReason } from './harness';

const skip = skipReason();
type ReportMessage = Extract<DriftToView, { type: 'report' }>;

describe('drift webview dates', { skip: skip ?? false }, () => {
  let browser: Browser;
  before(async () => { browser = await launchBrowser(); });
  after(async () => { await browser?.close(); });

  it('says when the report was made as an ISO date and time, in the local time zone', async () => {
    const v = await openView(browser, 'drift', 'light', { width: 700, height: 720 });
    await v.waitForPosted('ready');
    // 13:05 UTC on a day whose month and day differ, so a day-month swap would show.
    const generatedAt = '2026-11-03T13:05:42.000Z';
    await v.send({ ...recorded<ReportMessage>('drift-report'), generatedAt });
    await v.page.waitForSelector('tr[data-feature]');
    const note = await v.page.textContent('.verdict .note') ?? '';
    const local = await v.page.evaluate((iso) => {
      const d = new Date(iso);
      return { y: d.getFullYear(), mo: d.getMonth() + 1, d: d.getDate(), h: d.getHours(), mi: d.getMinutes() };
    }, generatedAt);
    const two = (n: number) => String(n).padStart(2, '0');
    assert.ok(note.includes(`checked ${local.y}-${two(local.mo)}-${two(local.d)} ${two(local.h)}:${two(local.mi)}`), note);
    assert.doesNotMatch(note, /\d{1,2}\/\d{1,2}\/\d{4}|[AP]M/, 'no locale date');
    assert.deepEqual(v.problems, []);
    await v.page.context().close();
  });
});
