/**
 * The Experiments table as issue 11 asks for it, in headless Chromium on recorded runs of the example:
 * column order, only varying params, short names with full names in tooltips, the column chooser,
 * relative times, the default metric, the Compare toggle, and screenshots at 300 px and full width.
 */
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import type { Browser } from 'playwright-core';
import type { ExperimentsToView, RunRow } from '../../webviews/src/protocol';
import { launchBrowser, openView, recorded, skipReason, type ViewPage } from './harness';

const skip = skipReason();

describe('experiments table', { skip: skip ?? false }, () => {
  let browser: Browser;
  const runs = () => recorded<Extract<ExperimentsToView, { type: 'runs' }>>('experiments-runs').runs;
  before(async () => { browser = await launchBrowser(); });
  after(async () => { await browser?.close(); });

  async function open(rows: RunRow[], theme: 'light' | 'dark' = 'light', size = { width: 900, height: 700 }): Promise<ViewPage> {
    const v = await openView(browser, 'experiments', theme, size);
    await v.waitForPosted('ready');
    await v.send({ type: 'runs', workspaceName: 'w', runs: rows });
    await v.page.waitForSelector('.row[data-run-id]');
    return v;
  }
  const headerKeys = (v: ViewPage) => v.page.$$eval('[role=columnheader]', (hs) => hs.map((h) => h.getAttribute('data-key')!));

  /** Params whose JSON value differs between the runs, worked out here from the recorded rows. */
  function varyingParamsOf(rows: RunRow[]): string[] {
    const all = new Set(rows.flatMap((r) => Object.keys(r.params)));
    return [...all].filter((p) => new Set(rows.map((r) => JSON.stringify(r.params[p] ?? '<absent>'))).size > 1).sort();
  }

  it('orders columns: status, run, the gate metric, other metrics, varying params, then times', async () => {
    const v = await open(runs());
    const keys = await headerKeys(v);
    assert.deepEqual(keys.slice(0, 3), ['status', 'name', 'metric:val_auc'], keys.join(','));
    const kinds = keys.map((k) => k.split(':')[0]);
    const lastMetric = kinds.lastIndexOf('metric');
    const firstParam = kinds.indexOf('param');
    assert.ok(lastMetric < firstParam, `metrics before params: ${keys.join(',')}`);
    assert.deepEqual(keys.slice(-2), ['started', 'duration']);
    const params = keys.filter((k) => k.startsWith('param:')).map((k) => k.slice('param:'.length)).sort();
    assert.deepEqual(params, varyingParamsOf(runs()));
    assert.ok(params.length >= 2 && !params.includes('training.epochs'), params.join(','));
    // val_logloss repeats val_loss in every run: hidden, but offered by the chooser.
    assert.ok(keys.includes('metric:val_loss') && !keys.includes('metric:val_logloss'), keys.join(','));
    await v.page.context().close();
  });

  it('shows no param columns for a single run, and names runs by what tells them apart', async () => {
    const one = await open(runs().slice(0, 1));
    assert.deepEqual((await headerKeys(one)).filter((k) => k.startsWith('param:')), []);
    await one.page.context().close();
    const v = await open(runs());
    const names = await v.page.$$eval('.row[data-run-id]', (rs) => rs.map((r) => [r.getAttribute('data-run-id'), r.querySelector('.cell.name .short')!.textContent, r.querySelector('.cell.name')!.getAttribute('title')]));
    assert.equal(new Set(names.map(([, n]) => n)).size, names.length, 'every short name differs');
    for (const [id, name, title] of names) {
      assert.ok(id!.endsWith(name!) && name!.length < id!.length, `${name} is a tail of ${id}`);
      assert.ok(title!.startsWith(id!), `tooltip has the full id: ${title}`);
    }
    await v.page.context().close();
  });

  it('puts full names in header and cell tooltips', async () => {
    const v = await open(runs());
    const head = await v.page.$eval('[role=columnheader][data-key="param:model.layers[0].units"] button', (b) => [b.textContent, b.getAttribute('title')]);
    assert.equal(head[0], 'units', 'the header is short');
    assert.match(head[1]!, /^model\.layers\[0\]\.units/, 'the tooltip names the full path');
    const row = runs()[0]!;
    const cell = await v.page.$eval(`.row[data-run-id="${row.id}"] .cell.param`, (c) => c.getAttribute('title'));
    assert.match(cell!, /^[\w.[\]]+ = /);
    const metric = await v.page.$eval(`.row[data-run-id="${row.id}"] .cell.metric`, (c) => c.getAttribute('title'));
    assert.equal(metric, `val_auc = ${row.metrics.val_auc}`, 'the full value, not the rounded one');
    await v.page.context().close();
  });

  it('hides and shows columns with the chooser and keeps the choice across a reload', async () => {
    const v = await open(runs());
    await v.page.click('.columns-button');
    assert.equal(await v.page.getAttribute('.columns-button', 'aria-expanded'), 'true');
    await v.page.uncheck('.chooser input[data-key="metric:val_f1"]');
    await v.page.check('.chooser input[data-key="param:training.epochs"]');
    let keys = await headerKeys(v);
    assert.ok(!keys.includes('metric:val_f1') && keys.includes('param:training.epochs'), keys.join(','));
    await v.page.reload();
    await v.send({ type: 'runs', workspaceName: 'w', runs: runs() });
    await v.page.waitForSelector('.row[data-run-id]');
    keys = await headerKeys(v);
    assert.ok(!keys.includes('metric:val_f1') && keys.includes('param:training.epochs'), `after reload: ${keys.join(',')}`);
    await v.page.click('.columns-button');
    await v.page.click('.chooser .reset');
    keys = await headerKeys(v);
    assert.ok(keys.includes('metric:val_f1') && !keys.includes('param:training.epochs'), `after reset: ${keys.join(',')}`);
    await v.page.context().close();
  });

  it('shows start times relative to now with the ISO time in the tooltip', async () => {
    const now = Date.now();
    const ago = (ms: number) => new Date(now - ms).toISOString();
    const base = runs()[0]!;
    const rows: RunRow[] = [
      { ...base, id: 'r-5min', startedAt: ago(5 * 60_000) },
      { ...base, id: 'r-3h', startedAt: ago(3 * 3600_000) },
      { ...base, id: 'r-2d', startedAt: ago(2 * 86400_000) },
      { ...base, id: 'r-old', startedAt: '2025-01-15T10:00:00.000Z' },
    ];
    const v = await open(rows);
    const started = (id: string) => v.page.$eval(`.row[data-run-id="${id}"] .cell.started`, (c) => [c.textContent, c.getAttribute('title')]);
    assert.deepEqual(await started('r-5min'), ['5 min ago', rows[0]!.startedAt]);
    assert.deepEqual(await started('r-3h'), ['3 h ago', rows[1]!.startedAt]);
    assert.deepEqual(await started('r-2d'), ['2 d ago', rows[2]!.startedAt]);
    assert.deepEqual(await started('r-old'), ['2025-01-15', rows[3]!.startedAt]);
    await v.page.context().close();
  });

  it('defaults the Metric picker to the gate metric before anything is selected', async () => {
    const v = await open(runs());
    const options = await v.page.$$eval('.curves select option', (os) => os.map((o) => o.textContent));
    assert.ok(options.length > 3, `options: ${options.join(',')}`);
    assert.equal(await v.page.inputValue('.curves select'), 'val_auc');
    await v.page.context().close();
  });

  it('takes the sweep metric over the gate metric', async () => {
    const rows = runs().map((r) => (r.sweepId ? { ...r, keyMetric: { name: 'val_loss', goal: 'minimize' as const, source: 'sweep' as const } } : r));
    const v = await open(rows);
    assert.deepEqual((await headerKeys(v)).slice(0, 3), ['status', 'name', 'metric:val_loss']);
    assert.match(await v.page.getAttribute('[data-key="metric:val_loss"] button', 'title') ?? '', /sweep metric, lower is better/);
    assert.equal(await v.page.inputValue('.curves select'), 'val_loss');
    await v.page.context().close();
  });

  it('never shows Compare active with fewer than two selected runs', async () => {
    const v = await open(runs());
    const compare = async () => v.page.$eval('button.toggle:text("Compare")', (b) => [b.getAttribute('aria-pressed'), (b as HTMLButtonElement).disabled]);
    assert.deepEqual(await compare(), ['false', true], 'no selection');
    const [a, b] = runs().filter((r) => r.status === 'completed');
    await v.page.click(`.row[data-run-id="${a!.id}"]`);
    assert.deepEqual(await compare(), ['false', true], 'one selected');
    await v.page.click(`.row[data-run-id="${b!.id}"]`, { modifiers: ['Control'] });
    await v.page.click('button.toggle:text("Compare")');
    assert.deepEqual(await compare(), ['true', false], 'two selected, compare on');
    await v.page.click(`.row[data-run-id="${b!.id}"]`, { modifiers: ['Control'] });
    assert.deepEqual(await compare(), ['false', true], 'back to one: not shown active');
    assert.equal(await v.page.$('.compare'), null);
    await v.page.context().close();
  });

  it('offers Register model only for a completed run', async () => {
    const v = await open(runs());
    const failed = runs().find((r) => r.status === 'failed')!;
    const done = runs().find((r) => r.status === 'completed')!;
    await v.page.click(`.row[data-run-id="${failed.id}"]`);
    assert.deepEqual(await v.page.$$eval('.actions button', (bs) => bs.map((b) => b.textContent)), ['Open run folder', 'Reproduce']);
    await v.page.click(`.row[data-run-id="${done.id}"]`);
    assert.deepEqual(await v.page.$$eval('.actions button', (bs) => bs.map((b) => b.textContent)), ['Open run folder', 'Reproduce', 'Register model']);
    await v.page.context().close();
  });

  it('labels compared model versions v1, v2 instead of run ids', async () => {
    const v = await open(runs());
    const [a, b] = runs().filter((r) => r.status === 'completed');
    await v.send({ type: 'compare', runIds: [a!.id, b!.id], labels: ['v1', 'v2'] });
    await v.page.waitForSelector('.compare thead');
    assert.deepEqual(await v.page.$$eval('.compare thead th', (ths) => ths.map((t) => t.textContent)), ['Field', 'v1', 'v2']);
    assert.match(await v.page.getAttribute('.compare thead th:nth-child(2)', 'title') ?? '', new RegExp(`run ${a!.id}`));
    await v.page.context().close();
  });

  for (const theme of ['light', 'dark'] as const) {
    it(`keeps status, run and the gate metric in view at 300 px and fills a wide editor (${theme})`, async () => {
      const narrow = await open(runs(), theme, { width: 300, height: 560 });
      const right = await narrow.page.$eval('.grid-body', (b) => b.getBoundingClientRect().right);
      for (const key of ['status', 'name', 'metric:val_auc']) {
        const edge = await narrow.page.$eval(`[role=columnheader][data-key="${key}"]`, (h) => h.getBoundingClientRect().right);
        assert.ok(edge <= right, `${key} ends at ${edge}, inside ${right}`);
      }
      await narrow.screenshot(`experiments-table-300-${theme}`);
      await narrow.page.context().close();
      const wide = await open(runs(), theme, { width: 1600, height: 700 });
      const [scroll, client] = await wide.page.$eval('.grid-body', (b) => [b.scrollWidth, b.clientWidth]);
      assert.ok(scroll <= client + 1, `no sideways scroll at full width (${scroll} > ${client})`);
      const last = await wide.page.$eval('[role=columnheader][data-key="duration"]', (h) => h.getBoundingClientRect().right);
      assert.ok(last > 1500, `the columns spread over the width (last ends at ${last})`);
      await wide.screenshot(`experiments-table-wide-${theme}`);
      assert.deepEqual([...narrow.problems, ...wide.problems], []);
      await wide.page.context().close();
    });
  }
});
