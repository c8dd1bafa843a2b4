/** The Experiments view bundle in headless Chromium, fed recorded host messages. */
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import type { Browser } from 'playwright-core';
import type { EpochPoint, ExperimentsToView, RunRow } from '../../webviews/src/protocol';
import { launchBrowser, openView, recorded, skipReason, type ViewPage } from './harness';
import { generateRuns } from './seeded';

const skip = skipReason();
const XSS = '<img src=x onerror=alert(1)>';

describe('experiments webview', { skip: skip ?? false }, () => {
  let browser: Browser;
  const runsMessage = () => recorded<Extract<ExperimentsToView, { type: 'runs' }>>('experiments-runs');
  const epochsMessage = () => recorded<Extract<ExperimentsToView, { type: 'epochs' }>>('experiments-epochs');
  before(async () => { browser = await launchBrowser(); });
  after(async () => { await browser?.close(); });

  async function openWithRuns(theme: 'light' | 'dark' = 'dark', runs?: RunRow[]): Promise<ViewPage> {
    const view = await openView(browser, 'experiments', theme);
    await view.waitForPosted('ready');
    await view.send(runs ? { type: 'runs', workspaceName: 'w', runs } : runsMessage());
    await view.page.waitForSelector('.row[data-run-id]');
    return view;
  }

  const rowIds = (v: ViewPage) => v.page.$$eval('.row[data-run-id]', (rows) => rows.map((r) => r.getAttribute('data-run-id')));

  it('says ready first, then renders the recorded runs with status, params and metrics', async () => {
    const v = await openWithRuns();
    assert.equal((await v.posted())[0]?.type, 'ready');
    const expected = runsMessage().runs.map((r) => r.id).sort().reverse(); // default sort: newest first
    assert.deepEqual(await rowIds(v), expected);
    const headers = await v.page.$$eval('[role=columnheader]', (hs) => hs.map((h) => h.textContent?.replace(/[▲▼]/g, '').trim()));
    assert.ok(headers.includes('training.learningRate') && headers.includes('model.layers[0].units'), headers.join(','));
    assert.ok(!headers.includes('training.epochs'), 'params equal in every run are not columns');
    assert.ok(headers.includes('val_auc'));
    const failed = await v.page.textContent('.row[data-run-id="20261126-102212-e5f6"] .status');
    assert.equal(failed, 'failed');
    assert.deepEqual(v.problems, []);
    await v.page.context().close();
  });

  it('sorts by a header and filters by param value', async () => {
    const v = await openWithRuns();
    await v.page.click('[role=columnheader] button:text("val_auc")');
    const desc = await rowIds(v);
    assert.deepEqual(desc.slice(0, 2), ['20261126-101502-a1b2', '20261126-102210-c3d4'], 'highest val_auc first, empty last');
    await v.page.fill('.filter', 'training.learningRate=0.01');
    assert.deepEqual(await rowIds(v), ['20261126-102210-c3d4']);
    await v.page.context().close();
  });

  it('selects with the keyboard, asks for epochs, draws curves and compares only what differs', async () => {
    const v = await openWithRuns('light');
    await v.page.click('[role=columnheader] button:text("Run")'); // sort by id, descending
    await v.page.click('[role=columnheader] button:text("Run")'); // ascending: a1b2, c3d4, e5f6, 0a9b...
    await v.page.focus('.grid-body');
    await v.page.keyboard.press('Home');
    await v.page.keyboard.press('Enter');
    await v.page.keyboard.press('Shift+ArrowDown');
    const selectMsg = await v.waitForPosted('selectRuns', 2);
    assert.deepEqual(selectMsg.runIds, ['20261126-101502-a1b2', '20261126-102210-c3d4']);
    await v.send(epochsMessage());
    await v.page.waitForSelector('.curves .uplot canvas');
    const legend = await v.page.$$eval('.u-legend .u-label', (ls) => ls.map((l) => l.textContent));
    assert.ok(legend.includes('20261126-101502-a1b2') && legend.includes('20261126-102210-c3d4'), legend.join(','));
    await v.page.click('button:text("Compare")');
    const fields = await v.page.$$eval('.compare tbody th .field', (fs) => fs.map((f) => f.textContent));
    assert.ok(fields.includes('training.learningRate') && fields.includes('val_auc'), fields.join(','));
    assert.ok(!fields.includes('training.epochs') && !fields.includes('train'), 'equal params and hashes are hidden');
    await v.screenshot('experiments-compare-light');
    assert.deepEqual(v.problems, []);
    await v.page.context().close();
  });

  it('appends live epochs of a running run to its curve', async () => {
    const v = await openWithRuns();
    await v.page.click('.row[data-run-id="20261126-103001-0a9b"]');
    await v.waitForPosted('selectRuns');
    await v.send({ type: 'epochs', series: [{ runId: '20261126-103001-0a9b', epochs: [] }] });
    for (let epoch = 1; epoch <= 3; epoch++) {
      const point: EpochPoint = { epoch, metrics: { loss: 0.7 - epoch * 0.05, val_loss: 0.72 - epoch * 0.04 } };
      await v.send({ type: 'epoch', runId: '20261126-103001-0a9b', point });
    }
    await v.page.waitForSelector('.curves .uplot canvas');
    const xTicks = await v.page.$$eval('.curves select option', (os) => os.map((o) => o.textContent));
    assert.deepEqual(xTicks, ['loss', 'val_loss']);
    await v.send({ type: 'runUpdated', run: { ...runsMessage().runs[3]!, status: 'completed', metrics: { val_loss: 0.6 } } });
    await v.page.waitForSelector('.row[data-run-id="20261126-103001-0a9b"] .status-completed');
    await v.page.context().close();
  });

  it('posts toggleStar from the star cell and from the S key', async () => {
    const v = await openWithRuns();
    await v.page.click('.row[data-run-id="20261126-102210-c3d4"] .cell.star');
    assert.equal((await v.waitForPosted('toggleStar')).runId, '20261126-102210-c3d4');
    await v.page.focus('.grid-body');
    await v.page.keyboard.press('Home');
    await v.page.keyboard.press('s');
    assert.equal((await v.waitForPosted('toggleStar', 2)).runId, runsMessage().runs[3]!.id);
    await v.page.context().close();
  });

  it('renders a param named like markup as text and runs nothing', async () => {
    const runs = runsMessage().runs.map((r, i) => ({ ...r, params: { ...r.params, [XSS]: `${XSS}${i}` }, id: i === 0 ? XSS : r.id }));
    const v = await openWithRuns('dark', runs);
    const headers = await v.page.$$eval('[role=columnheader]', (hs) => hs.map((h) => h.textContent?.trim()));
    assert.ok(headers.includes(XSS), headers.join(' | '));
    assert.equal(await v.page.textContent(`.row[data-run-id="${XSS}"] .cell.id`), XSS);
    assert.equal(await v.page.$$eval('img', (imgs) => imgs.length), 0);
    await v.page.fill('.filter', '<img');
    await v.page.waitForFunction(() => document.querySelectorAll('.row[data-run-id]').length === 4);
    assert.deepEqual(v.problems, [], 'no dialog, no request for "x", no CSP violation');
    await v.page.context().close();
  });

  it('keeps 1,000 runs virtualised and reaches the last one by keyboard', async () => {
    const runs = generateRuns(1000, 7);
    const v = await openWithRuns('dark', runs);
    const rendered = await v.page.$$eval('.row[data-run-id]', (rows) => rows.length);
    assert.ok(rendered > 5 && rendered < 80, `rendered ${rendered} rows for 1,000 runs`);
    assert.equal(await v.page.textContent('.summary'), '1000 of 1000 runs');
    await v.page.focus('.grid-body');
    await v.page.keyboard.press('End');
    await v.page.waitForSelector('.row[data-run-id="run-0000"].active');
    await v.page.context().close();
  });

  it('restores sort, filter and selection after the webview reloads', async () => {
    const v = await openWithRuns();
    await v.page.fill('.filter', 'sweep-7f3a');
    await v.page.click('.row[data-run-id="20261126-102210-c3d4"]');
    await v.page.reload();
    await v.page.evaluate(() => document.body.classList.add('vscode-dark'));
    await v.send(runsMessage());
    await v.page.waitForSelector('.row[data-run-id]');
    assert.equal(await v.page.inputValue('.filter'), 'sweep-7f3a');
    assert.deepEqual(await rowIds(v), ['20261126-102212-e5f6', '20261126-102210-c3d4']);
    assert.equal(await v.page.getAttribute('.row[data-run-id="20261126-102210-c3d4"]', 'aria-selected'), 'true');
    assert.ok((await v.posted()).some((m) => m.type === 'selectRuns'), 'asks for the restored selection\'s epochs');
    await v.page.context().close();
  });

  it('stays readable in a narrow side bar: columns keep their width and the grid scrolls sideways', async () => {
    const v = await openView(browser, 'experiments', 'light', { width: 300, height: 700 });
    await v.send(runsMessage());
    await v.page.waitForSelector('.row[data-run-id]');
    const idCell = await v.page.$eval('.row[data-run-id="20261126-101502-a1b2"] .cell.id', (c) => c.getBoundingClientRect().width);
    assert.ok(idCell >= 140, `run id column is ${idCell}px wide`);
    const [scrollWidth, clientWidth] = await v.page.$eval('.grid-body', (b) => [b.scrollWidth, b.clientWidth]);
    assert.ok(scrollWidth > clientWidth, 'the grid scrolls horizontally');
    const headerX = await v.page.$eval('[role=columnheader].metric', (h) => h.getBoundingClientRect().x);
    const cellX = await v.page.$eval('.row[data-run-id] .cell.metric', (c) => c.getBoundingClientRect().x);
    assert.equal(Math.round(headerX), Math.round(cellX), 'header and cells stay aligned');
    await v.screenshot('experiments-narrow-light');
    await v.page.context().close();
  });

  it('saves light and dark screenshots', async () => {
    for (const theme of ['light', 'dark', 'high-contrast'] as const) {
      const v = await openView(browser, 'experiments', theme);
      await v.send(runsMessage());
      await v.page.click('.row[data-run-id="20261126-101502-a1b2"]');
      await v.page.click('.row[data-run-id="20261126-102210-c3d4"]', { modifiers: ['Control'] });
      await v.send(epochsMessage());
      await v.page.waitForSelector('.curves .uplot canvas');
      await v.screenshot(`experiments-${theme}`);
      const bg = await v.page.evaluate(() => getComputedStyle(document.body).backgroundColor);
      assert.equal(bg, { light: 'rgb(248, 248, 248)', dark: 'rgb(24, 24, 24)', 'high-contrast': 'rgb(0, 0, 0)' }[theme]);
      assert.deepEqual(v.problems, []);
      await v.page.context().close();
    }
  });
});
