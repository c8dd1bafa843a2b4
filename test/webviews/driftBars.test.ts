/**
 * The drift histograms as drawn: a bar's height must be proportional to its value, which holds only
 * when the value axis starts at 0. The heights are measured from the canvas pixels in headless
 * Chromium; the expected shares are computed here from the recorded report's counts.
 */
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import type { Browser } from 'playwright-core';
import type { DriftToView } from '../../webviews/src/protocol';
import { launchBrowser, openView, recorded, skipReason, type ViewPage } from './harness';

const skip = skipReason();
type ReportMessage = Extract<DriftToView, { type: 'report' }>;

/**
 * Pixel heights of the two bars (left, right half of each slot) of every bin, from the bottom of the plot.
 * A string, not a function: the test runner's transpiler would add helpers the page does not have.
 */
const MEASURE = `(n) => {
  const canvas = document.querySelector('.histogram .uplot canvas');
  const over = document.querySelector('.histogram .uplot .u-over');
  const c = canvas.getBoundingClientRect();
  const o = over.getBoundingClientRect();
  const scale = canvas.width / c.width;
  const px = canvas.getContext('2d').getImageData(0, 0, canvas.width, canvas.height).data;
  const at = (x, y) => {
    const i = (Math.round(y) * canvas.width + Math.round(x)) * 4;
    return px[i] + ',' + px[i + 1] + ',' + px[i + 2] + ',' + px[i + 3];
  };
  const left = (o.left - c.left) * scale;
  const bottom = Math.round((o.bottom - c.top) * scale) - 1;
  const height = Math.round(o.height * scale);
  const slot = (o.width * scale) / n;
  // A bar covers the rows where its column differs from the slot's empty edge (same gridlines, no bar).
  const measure = (x, empty) => {
    let rows = 0;
    for (let y = bottom; y > bottom - height; y--) if (at(x, y) !== at(empty, y)) rows = bottom - y + 1;
    return rows / scale;
  };
  const bars = [];
  for (let i = 0; i < n; i++) {
    const center = left + (i + 0.5) * slot;
    const empty = left + i * slot + 0.03 * slot;
    bars.push([measure(center - 0.2 * slot, empty), measure(center + 0.2 * slot, empty)]);
  }
  return { plotHeight: o.height, bars };
}`;

async function barHeights(v: ViewPage, bins: number): Promise<{ plotHeight: number; bars: Array<[number, number]> }> {
  return v.page.evaluate(`(${MEASURE})(${bins})`) as Promise<{ plotHeight: number; bars: Array<[number, number]> }>;
}

describe('drift histogram bars', { skip: skip ?? false }, () => {
  let browser: Browser;
  before(async () => { browser = await launchBrowser(); });
  after(async () => { await browser?.close(); });

  for (const feature of ['plan', 'contract_type', 'support_calls']) {
    it(`draws ${feature}'s bars from a value axis starting at 0 (heights proportional to the shares)`, async () => {
      const message = recorded<ReportMessage>('drift-report');
      const hist = message.report.features.find((f) => f.name === feature)!.histogram!;
      const v = await openView(browser, 'drift', 'dark', { width: 700, height: 720 });
      await v.waitForPosted('ready');
      await v.send(message);
      await v.page.click(`tr[data-feature="${feature}"]`);
      await v.page.waitForSelector('.histogram .uplot canvas');
      // Shares of each side's rows, computed here from the engine's counts.
      const share = (xs: number[]) => { const t = xs.reduce((a, b) => a + b, 0); return xs.map((x) => x / t); };
      const ref = share([...hist.reference, ...(hist.otherReference ? [hist.otherReference] : [])]);
      const cur = share([...hist.current, ...(hist.otherCurrent ? [hist.otherCurrent] : [])]);
      const { plotHeight, bars } = await barHeights(v, ref.length);
      const max = Math.max(...ref, ...cur);
      const tallest = Math.max(...bars.flat());
      assert.ok(tallest > plotHeight * 0.8, `the tallest bar fills most of the plot (${tallest} of ${plotHeight} px)`);
      bars.forEach(([r, c], i) => {
        // One pixel of antialiasing at each end of a bar, relative to the tallest.
        const tolerance = 3 / tallest;
        assert.ok(Math.abs(r / tallest - ref[i]! / max) <= tolerance, `${feature} bin ${i} reference: ${r} px of ${tallest} for ${ref[i]} of ${max}`);
        assert.ok(Math.abs(c / tallest - cur[i]! / max) <= tolerance, `${feature} bin ${i} current: ${c} px of ${tallest} for ${cur[i]} of ${max}`);
      });
      assert.deepEqual(v.problems, []);
      await v.page.context().close();
    });
  }
});
