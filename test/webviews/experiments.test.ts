/** The Experiments view bundle in headless Chromium, fed recorded host messages. */
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import type { Browser } from 'playwright-core';
import type { ExperimentsToView, RunRow } from '../../webviews/src/protocol';
import { launchBrowser, openView, recorded, skipReason, type ViewPage } from './harness';
import { generateRuns } from './seeded';

const skip = skipReason();
const XSS = '<img src=x onerror=alert(1)>';

describe('experiments webview', { skip: skip ?? false }, () => {
  let browser: Browser;
  // Recorded from real runs of the example by record.ts: two trainings, one that failed on broken data, two sweep trials.
  const runsMessage = () => recorded<Extract<ExperimentsToView, { type: 'runs' }>>('experiments-runs');
  const epochsMessage = () => recorded<Extract<ExperimentsToView, { type: 'epochs' }>>('experiments-epochs');
  const runs = () => runsMessage().runs;
  const find = (pick: (r: RunRow) => boolean) => runs().find(pick)!;
  const baseline = () => find((r) => r.status === 'completed' && !r.sweepId && r.params['training.learningRate'] === 0.003);
  const tuned = () => find((r) => !r.sweepId && r.params['training.learningRate'] === 0.01);
  const failed = () => find((r) => r.status === 'failed');
  const newestFirst = () => runs().map((r) => r.id).sort().reverse();
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

  it('says loading (boot script) then ready first, then renders the recorded runs with status, params and metrics', async () => {
    const v = await openWithRuns();
    assert.deepEqual((await v.posted()).slice(0, 2).map((m) => m.type), ['loading', 'ready']);
    assert.deepEqual(await rowIds(v), newestFirst(), 'default sort: newest first');
    const headers = await v.page.$$eval('[role=columnheader]', (hs) => hs.map((h) => h.getAttribute('data-key')));
    assert.ok(headers.includes('param:training.learningRate') && headers.includes('param:model.layers[0].units'), headers.join(','));
    assert.ok(!headers.includes('param:training.epochs'), 'params equal in every run are not columns');
    assert.ok(headers.includes('metric:val_auc'));
    assert.equal(await v.page.textContent(`.row[data-run-id="${failed().id}"] .status .word`), 'failed');
    assert.match(await v.page.getAttribute(`.row[data-run-id="${failed().id}"] .status`, 'title') ?? '', /^failed: the data breaks its contract/, 'the failure reason is the tooltip');
    assert.deepEqual(v.problems, []);
    await v.page.context().close();
  });

  it('sorts by a header and filters by param value', async () => {
    const v = await openWithRuns();
    await v.page.click('[role=columnheader] button:text("val_auc")');
    const byAuc = runs().filter((r) => r.metrics.val_auc !== undefined).sort((a, b) => b.metrics.val_auc! - a.metrics.val_auc!).map((r) => r.id);
    assert.deepEqual(await rowIds(v), [...byAuc, failed().id], 'highest val_auc first, no value last');
    await v.page.fill('.filter', 'training.learningRate=0.01');
    assert.deepEqual(await rowIds(v), [tuned().id]);
    await v.page.context().close();
  });

  it('selects with the keyboard, asks for epochs, draws curves and compares only what differs', async () => {
    const v = await openWithRuns('light');
    await v.page.click('[role=columnheader] button:text("Run")'); // sort by id, descending
    await v.page.click('[role=columnheader] button:text("Run")'); // ascending: ids start with their start time
    await v.page.focus('.grid-body');
    await v.page.keyboard.press('Home');
    await v.page.keyboard.press('Enter');
    await v.page.keyboard.press('Shift+ArrowDown');
    const selectMsg = await v.waitForPosted('selectRuns', 2);
    assert.deepEqual(selectMsg.runIds, [baseline().id, tuned().id]);
    await v.send(epochsMessage());
    await v.page.waitForSelector('.curves .uplot canvas');
    const legend = await v.page.$$eval('.u-legend .u-label', (ls) => ls.map((l) => l.textContent));
    assert.ok(legend.includes(baseline().id) && legend.includes(tuned().id), legend.join(','));
    await v.page.click('button:text("Compare")');
    const fields = await v.page.$$eval('.compare tbody th .field', (fs) => fs.map((f) => f.textContent));
    assert.ok(fields.includes('training.learningRate') && fields.includes('val_auc'), fields.join(','));
    assert.ok(!fields.includes('training.epochs') && !fields.includes('train'), 'equal params and hashes are hidden');
    await v.screenshot('experiments-compare-light');
    assert.deepEqual(v.problems, []);
    await v.page.context().close();
  });

  it('appends live epochs of a running run to its curve', async () => {
    const live: RunRow = { ...baseline(), id: 'live-run', status: 'running', durationMs: null, metrics: {} };
    const v = await openWithRuns('dark', [...runs(), live]);
    await v.page.click('.row[data-run-id="live-run"]');
    await v.waitForPosted('selectRuns');
    await v.send({ type: 'epochs', series: [{ runId: 'live-run', epochs: [] }] });
    for (const point of epochsMessage().series[0]!.epochs.slice(0, 3)) await v.send({ type: 'epoch', runId: 'live-run', point });
    await v.page.waitForSelector('.curves .uplot canvas');
    const metricNames = await v.page.$$eval('.curves select option', (os) => os.map((o) => o.textContent));
    assert.ok(metricNames.includes('loss') && metricNames.includes('val_auc'), metricNames.join(','));
    assert.equal(await v.page.inputValue('.curves select'), 'val_auc', 'the gate metric is the default');
    await v.send({ type: 'runUpdated', run: { ...live, status: 'completed', metrics: { val_loss: 0.6 } } });
    await v.page.waitForSelector('.row[data-run-id="live-run"] .status-completed');
    await v.page.context().close();
  });

  it('posts toggleStar from the star cell and from the S key', async () => {
    const v = await openWithRuns();
    await v.page.click(`.row[data-run-id="${tuned().id}"] .cell.name .star`);
    assert.equal((await v.waitForPosted('toggleStar')).runId, tuned().id);
    await v.page.focus('.grid-body');
    await v.page.keyboard.press('Home');
    await v.page.keyboard.press('s');
    assert.equal((await v.waitForPosted('toggleStar', 2)).runId, newestFirst()[0]);
    await v.page.context().close();
  });

  it('renders a param named like markup as text and runs nothing', async () => {
    const hostile = runs().map((r, i) => ({ ...r, params: { ...r.params, [XSS]: `${XSS}${i}` }, id: i === 0 ? XSS : r.id }));
    const v = await openWithRuns('dark', hostile);
    const headers = await v.page.$$eval('[role=columnheader]', (hs) => hs.map((h) => h.textContent?.trim()));
    assert.ok(headers.includes(XSS), headers.join(' | '));
    assert.equal(await v.page.textContent(`.row[data-run-id="${XSS}"] .cell.name .short`), XSS);
    assert.equal(await v.page.$$eval('img', (imgs) => imgs.length), 0);
    await v.page.fill('.filter', '<img');
    await v.page.waitForFunction((n) => document.querySelectorAll('.row[data-run-id]').length === n, hostile.length);
    assert.deepEqual(v.problems, [], 'no dialog, no request for "x", no CSP violation');
    await v.page.context().close();
  });

  it('keeps 1,000 runs virtualised and reaches the last one by keyboard', async () => {
    const v = await openWithRuns('dark', generateRuns(1000, 7));
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
    const trials = runs().filter((r) => r.sweepId).map((r) => r.id).sort().reverse();
    await v.page.fill('.filter', 'sweep-');
    await v.page.click(`.row[data-run-id="${trials[1]}"]`);
    await v.page.reload();
    await v.page.evaluate(() => document.body.classList.add('vscode-dark'));
    await v.send(runsMessage());
    await v.page.waitForSelector('.row[data-run-id]');
    assert.equal(await v.page.inputValue('.filter'), 'sweep-');
    assert.deepEqual(await rowIds(v), trials);
    assert.equal(await v.page.getAttribute(`.row[data-run-id="${trials[1]}"]`, 'aria-selected'), 'true');
    assert.ok((await v.posted()).some((m) => m.type === 'selectRuns'), 'asks for the restored selection\'s epochs');
    await v.page.context().close();
  });

  it('stays readable in a narrow side bar: columns keep their width and the grid scrolls sideways', async () => {
    const v = await openView(browser, 'experiments', 'light', { width: 300, height: 700 });
    await v.send(runsMessage());
    await v.page.waitForSelector('.row[data-run-id]');
    const idCell = await v.page.$eval(`.row[data-run-id="${baseline().id}"] .cell.name`, (c) => c.getBoundingClientRect().width);
    assert.ok(idCell >= 90, `run name column is ${idCell}px wide`);
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
      await v.page.click(`.row[data-run-id="${baseline().id}"]`);
      await v.page.click(`.row[data-run-id="${tuned().id}"]`, { modifiers: ['Control'] });
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
