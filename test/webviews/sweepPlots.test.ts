/**
 * The sweep plots in headless Chromium on a hand-made sweep record in the agreed shape: a 2x2 full
 * factorial design (learning rate x units) plus a pruned and a failed trial. The expected importance
 * shares are worked out by hand below: metric = 0.70/0.72/0.80/0.82, mean 0.76, total variance
 * (0.06² + 0.04² + 0.04² + 0.06²) / 4 = 0.0026; learning-rate means 0.71/0.81 give 0.0025 between
 * groups (25/26), units means 0.75/0.77 give 0.0001 (1/26).
 */
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import type { Browser } from 'playwright-core';
import type { ExperimentsToView, RunRow, SweepRecord } from '../../webviews/src/protocol';
import { binValues, correlationRatio } from '../../webviews/src/experiments/importance';
import { launchBrowser, openView, recorded, skipReason, type ViewPage } from './harness';

const LR = 'training.learningRate';
const UNITS = 'model.layers[0].units';
const trial = (number: number, lr: number, units: number, status: SweepRecord['trials'][number]['status'], value: number | null, intermediate: Array<[number, number]> = []) =>
  ({ number, runId: value === null && status === 'failed' ? null : `run-${number}`, params: { [LR]: lr, [UNITS]: units }, status, value,
    intermediate: intermediate.map(([epoch, v]) => ({ epoch, value: v })) });

const SWEEP: SweepRecord = {
  id: 'sweep-fixture', spec: 'mlops.yaml', strategy: 'tpe', seed: 1, metric: 'val_auc', goal: 'maximize',
  pruner: { type: 'asha', minEpochs: 1, reductionFactor: 3, metric: 'val_auc' }, budget: { trials: 6, maxEpochs: 5, minutes: 10 },
  status: 'completed', parameters: { [LR]: { values: [0.001, 0.01] }, [UNITS]: { values: [16, 32] } },
  trials: [
    trial(0, 0.001, 16, 'completed', 0.70, [[1, 0.6], [2, 0.7]]),
    trial(1, 0.001, 32, 'completed', 0.72),
    trial(2, 0.01, 16, 'completed', 0.80),
    trial(3, 0.01, 32, 'completed', 0.82),
    trial(4, 0.001, 16, 'pruned', null, [[1, 0.55]]),
    trial(5, 0.01, 32, 'failed', null),
  ],
  best: { number: 3, runId: 'run-3', value: 0.82, params: { [LR]: 0.01, [UNITS]: 32 } },
  startedAt: '2026-11-30T10:00:00.000Z', endedAt: '2026-11-30T10:05:00.000Z',
};

describe('importance arithmetic', () => {
  it('bins many distinct numbers into four equal-count bins by rank, ties together', () => {
    assert.deepEqual(binValues([8, 1, 7, 2, 6, 3, 5, 4]), [3, 0, 3, 0, 2, 1, 2, 1]);
    assert.deepEqual(binValues([1, 1, 1, 2, 3, 4, 5, 6]), [0, 0, 0, 1, 2, 2, 3, 3]);
    assert.deepEqual(binValues(['adam', 'sgd', 'adam']), [0, 1, 0]);
  });
  it('eta² is between-group over total variance', () => {
    assert.equal(correlationRatio([1, 1, 3, 3], [0, 0, 1, 1]), 1);
    assert.equal(correlationRatio([1, 3, 1, 3], [0, 0, 1, 1]), 0);
    assert.equal(correlationRatio([2, 2], [0, 1]), 0, 'a constant metric explains nothing');
  });
});

describe('sweep plots', { skip: skipReason() ?? false }, () => {
  let browser: Browser;
  before(async () => { browser = await launchBrowser(); });
  after(async () => { await browser?.close(); });

  async function open(theme: 'light' | 'dark', sweep: SweepRecord = SWEEP, width = 900): Promise<ViewPage> {
    const runs = recorded<Extract<ExperimentsToView, { type: 'runs' }>>('experiments-runs').runs;
    const v = await openView(browser, 'experiments', theme, { width, height: 1000 });
    await v.waitForPosted('ready');
    await v.send({ type: 'runs', workspaceName: 'w', runs: runs as RunRow[] });
    await v.send({ type: 'sweeps', sweeps: [sweep] });
    await v.page.waitForSelector('svg.parallel');
    return v;
  }

  it('draws one line per trial with a value: pruned dashed apart, the best bold, better values higher', async () => {
    const v = await open('light');
    const lines = await v.page.$$eval('svg.parallel polyline', (ls) => ls.map((l) => ({
      trial: Number(l.getAttribute('data-trial')), cls: l.getAttribute('class'),
      ys: l.getAttribute('points')!.split(' ').map((p) => Number(p.split(',')[1])), dash: getComputedStyle(l).strokeDasharray })));
    assert.deepEqual(lines.map((l) => l.trial).sort(), [0, 1, 2, 3, 4], 'the failed trial has no line');
    const byTrial = new Map(lines.map((l) => [l.trial, l]));
    assert.match(byTrial.get(4)!.cls!, /\bpruned\b/);
    assert.notEqual(byTrial.get(4)!.dash, 'none', 'pruned trials are dashed');
    assert.equal(byTrial.get(0)!.dash, 'none');
    assert.match(byTrial.get(3)!.cls!, /\bbest\b/);
    const metricY = (t: number) => byTrial.get(t)!.ys.at(-1)!;
    assert.ok(metricY(3) < metricY(2) && metricY(2) < metricY(1) && metricY(1) < metricY(0), 'higher val_auc is higher up');
    assert.ok(metricY(4) > metricY(0), 'the pruned trial ends at its last report, 0.55, below every completed one');
    assert.deepEqual(await v.page.$$eval('svg.parallel .axis .label', (ts) => ts.map((t) => t.firstChild!.textContent)), ['learningRate', 'units', 'val_auc']);
    assert.match(await v.page.textContent('.sweep .caption') ?? '', /^4 completed, 1 pruned .*, 1 without a value; higher val_auc is better; best: trial 3 \(0\.82, bold\)\.$/);
    assert.match(await v.page.$eval('polyline[data-trial="4"] title', (t) => t.textContent!), /pruned after epoch 1/);
    await v.screenshot('experiments-sweep-light');
    assert.deepEqual(v.problems, []);
    await v.page.context().close();
  });

  it('ranks parameter importance by the share of variance each explains, and names the method', async () => {
    const v = await open('dark');
    const rows = await v.page.$$eval('.importance-row', (rs) => rs.map((r) => [r.getAttribute('data-param'), r.querySelector('.share')!.textContent, r.getAttribute('title')]));
    assert.deepEqual(rows.map((r) => r.slice(0, 2)), [[LR, `${Math.round((25 / 26) * 100)}%`], [UNITS, `${Math.round((1 / 26) * 100)}%`]]);
    assert.match(rows[0]![2]!, new RegExp(`${((25 / 26) * 100).toFixed(1)}% over 2 bins`));
    assert.match(await v.page.textContent('.importance .method') ?? '', /fANOVA-style.*Pruned and failed trials are left out/);
    await v.screenshot('experiments-sweep-dark');
    assert.deepEqual(v.problems, []);
    await v.page.context().close();
  });

  it('says why there is no importance with fewer than three completed trials', async () => {
    const few = { ...SWEEP, trials: SWEEP.trials.filter((t) => t.number === 0 || t.number >= 3) };
    const v = await open('light', few, 300);
    assert.equal(await v.page.$$eval('.importance-row', (rs) => rs.length), 0);
    assert.match(await v.page.textContent('.importance') ?? '', /needs 3 or more completed trials/);
    assert.equal(await v.page.$$eval('svg.parallel polyline', (ls) => ls.length), 3);
    await v.page.context().close();
  });
});
