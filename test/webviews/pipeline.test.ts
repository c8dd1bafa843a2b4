/**
 * The Pipeline view bundle in headless Chromium, fed the pipeline status the engine computes for a real
 * temporary workspace (a diamond, a changed dep, a dep path written like markup), then run events.
 */
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser } from 'playwright-core';
import { pipelineOverview } from '../../server/src/core/stages/overview';
import { viewStages } from '../../client/src/pipeline/pipelineState';
import type { PipelineToView } from '../../webviews/src/protocol';
import { mlops } from '../helpers/cli';
import { launchBrowser, openView, skipReason, type ViewPage } from './harness';

const skip = skipReason();
const XSS = '<img src=x onerror=alert(1)>.csv';

const SPEC = `apiVersion: mlops/v1
kind: Pipeline
metadata: { name: view }
data:
  train: { path: data/joined.txt }
stages:
  raw:
    cmd: mkdir -p data && cp src/a.txt data/raw.txt
    deps: [src/a.txt]
    outs: [data/raw.txt]
  left:
    cmd: cp data/raw.txt data/left.txt
    deps: [data/raw.txt]
    outs: [data/left.txt]
  right:
    cmd: cat data/raw.txt "src/${XSS}" > data/right.txt
    deps: [data/raw.txt, "src/${XSS}"]
    outs: [data/right.txt]
  join:
    cmd: cat data/left.txt data/right.txt > data/joined.txt
    deps: [data/left.txt, data/right.txt]
    outs: [data/joined.txt]
  check:
    uses: check
    with: { data: data/joined.txt, contract: c.odcs.yaml }
`;

describe('pipeline webview', { skip: skip ?? false }, () => {
  let browser: Browser;
  let dir: string;
  let message: Extract<PipelineToView, { type: 'pipeline' }>;
  before(async () => {
    browser = await launchBrowser();
    dir = mkdtempSync(join(tmpdir(), 'mlops-view-'));
    mkdirSync(join(dir, 'src'));
    writeFileSync(join(dir, 'src/a.txt'), 'a\n');
    writeFileSync(join(dir, `src/${XSS}`), 'b\n');
    writeFileSync(join(dir, 'mlops.yaml'), SPEC);
    assert.equal(mlops(['run', 'join'], dir).code, 0);
    writeFileSync(join(dir, `src/${XSS}`), 'changed\n');
    const overview = await pipelineOverview(join(dir, 'mlops.yaml'));
    message = { type: 'pipeline', specPath: 'mlops.yaml', stages: viewStages(overview) };
  });
  after(async () => { await browser?.close(); rmSync(dir, { recursive: true, force: true }); });

  async function open(theme: 'light' | 'dark' | 'high-contrast'): Promise<ViewPage> {
    const v = await openView(browser, 'pipeline', theme, { width: 460, height: 640 });
    await v.waitForPosted('ready');
    await v.send(message);
    await v.page.waitForSelector('g.stage');
    return v;
  }

  const stateOf = (v: ViewPage, name: string) => v.page.getAttribute(`g.stage[data-stage="${name}"]`, 'class');

  it('draws every stage and edge of the DAG with its state, edges pointing down', async () => {
    const v = await open('dark');
    const names = await v.page.$$eval('g.stage', (gs) => gs.map((g) => g.getAttribute('data-stage')));
    assert.deepEqual(names.sort(), ['check', 'join', 'left', 'raw', 'right']);
    const edges = await v.page.$$eval('path.edge[data-from]', (ps) => ps.map((p) => `${p.getAttribute('data-from')}->${p.getAttribute('data-to')}`));
    assert.deepEqual(edges.sort(), ['join->check', 'left->join', 'raw->left', 'raw->right', 'right->join']);
    const y = async (n: string) => Number((await v.page.getAttribute(`g.stage[data-stage="${n}"]`, 'transform'))!.split(' ')[1]!.replace(')', ''));
    for (const e of edges) { const [a, b] = e.split('->'); assert.ok((await y(a!)) < (await y(b!)), `${e} points down`); }
    assert.equal(await stateOf(v, 'left'), 'stage state-up-to-date');
    assert.equal(await stateOf(v, 'right'), 'stage state-stale');
    assert.equal(await stateOf(v, 'check'), 'stage state-stale');
    assert.equal(await v.page.textContent('li[data-stage="right"]'), `right: stale — src/${XSS} changed`);
    assert.match(await v.page.textContent('.summary') ?? '', /5 stages, 3 stale/);
    assert.equal(await v.page.$$eval('img', (i) => i.length), 0, 'a path written like markup stays text');
    assert.deepEqual(v.problems, []);
    await v.page.context().close();
  });

  it('clicking a stage asks to open it; its ▶ asks to run it; the toolbar runs all', async () => {
    const v = await open('light');
    await v.page.click('g.stage[data-stage="join"] rect.box');
    assert.deepEqual(await v.waitForPosted('openStage'), { type: 'openStage', name: 'join' });
    await v.page.click('g.stage[data-stage="right"] .run-button circle');
    assert.deepEqual(await v.waitForPosted('run'), { type: 'run', stage: 'right' });
    assert.equal((await v.posted()).filter((m) => m.type === 'openStage').length, 1, 'the ▶ does not also open the stage');
    await v.page.focus('g.stage[data-stage="left"]');
    await v.page.keyboard.press('Enter');
    assert.deepEqual(await v.waitForPosted('openStage', 2), { type: 'openStage', name: 'left' });
    await v.page.click('button:text("Run Pipeline")');
    assert.deepEqual(await v.waitForPosted('run', 2), { type: 'run' });
    await v.page.context().close();
  });

  it('follows a run: running, then failed with the reason; screenshots in three themes', async () => {
    for (const theme of ['light', 'dark', 'high-contrast'] as const) {
      const v = await open(theme);
      await v.send({ type: 'stageState', name: 'right', state: 'running', reasons: [] });
      assert.equal(await stateOf(v, 'right'), 'stage state-running');
      assert.match(await v.page.textContent('.summary') ?? '', /1 running/);
      await v.send({ type: 'stageState', name: 'right', state: 'failed', reasons: ['exit code 4'] });
      assert.equal(await stateOf(v, 'right'), 'stage state-failed');
      assert.equal(await v.page.textContent('g.stage[data-stage="right"] text.detail'), 'failed: exit code 4');
      await v.send({ type: 'stageState', name: 'join', state: 'not-run', reasons: ['upstream stage right failed'] });
      await v.screenshot(`pipeline-${theme}`);
      await v.send({ type: 'error', message: `mlops.yaml:3:1: error schema ${XSS}` });
      assert.equal(await v.page.textContent('.summary.error'), `mlops.yaml:3:1: error schema ${XSS}`);
      assert.deepEqual(v.problems, []);
      await v.page.context().close();
    }
  });
});
