import { test } from 'node:test';
import assert from 'node:assert/strict';
import { buildCard, formatBytes, formatNumber, renderCardMarkdown } from '../../../server/src/core/registry/card';
import type { RunRecord } from '../../../server/src/core/tracking/types';

function run(over: Partial<RunRecord> = {}): RunRecord {
  return {
    id: 'run-7', specPath: 'mlops.yaml', specHash: 'h', params: { model: { layers: [{ units: 32 }] } }, backend: 'wasm', seed: 42,
    startedAt: '2025-01-01T00:00:00Z', endedAt: '2025-01-01T00:01:00Z', status: 'completed',
    data: { train: { path: 'data/train.csv', sha256: 'd'.repeat(64), rows: 5000 } },
    contract: { path: 'contracts/c.odcs.yaml', id: 'customers', version: '1.2.0' }, git: { commit: 'e'.repeat(40), dirty: true },
    gates: [{ metric: 'auc', condition: '>= 0.9', value: 0.81, passed: false }, { metric: 'f1', condition: '>= 0.5', value: 0.6, passed: true }],
    metrics: { auc: 0.81234, loss: Number.NaN }, ...over,
  };
}

const ctx = { name: 'churn', version: 4, createdAt: '2025-02-01T00:00:00.000Z', createdBy: 'A <a@b>', message: 'pipe | in text', files: [] };

test('card.json carries lineage, gates and contract; non-finite metrics become null, never NaN', () => {
  const card = buildCard(run(), { ...ctx, forceReason: 'baseline for the A/B test' });
  assert.equal(card.tag, 'churn@v4');
  assert.deepEqual(card.metrics, { auc: 0.81234, loss: null });
  assert.equal(card.gatesPassed, false);
  assert.deepEqual(card.forced, { reason: 'baseline for the A/B test', failedGates: ['auc >= 0.9'] });
  assert.deepEqual(card.lineage, { runId: 'run-7', sweepId: null, trial: null, sourceCommit: 'e'.repeat(40), sourceDirty: true });
  assert.deepEqual(card.contract, { path: 'contracts/c.odcs.yaml', id: 'customers', version: '1.2.0' });
  assert.doesNotMatch(JSON.stringify(card), /NaN/);
});

test('a run without git info or contract gives nulls, not missing keys', () => {
  const card = buildCard(run({ git: undefined, contract: undefined, gates: [] }), { ...ctx, forceReason: null });
  assert.equal(card.lineage.sourceCommit, null);
  assert.equal(card.lineage.sourceDirty, null);
  assert.equal(card.contract, null);
  assert.equal(card.gatesPassed, true);
  assert.equal(card.forced, null);
});

test('card.md shows the forced reason, failed gates, escaped table cells and the dirty source', () => {
  const md = renderCardMarkdown(buildCard(run(), { ...ctx, forceReason: 'needed | now', files: [{ path: 'model/w.bin', bytes: 2_500_000, sha256: 'f', lfs: true }] }));
  assert.match(md, /^# churn v4\n/);
  assert.match(md, /> \*\*Registered with failed gates\*\* \(auc >= 0\.9\)\. Reason given: needed \| now/);
  assert.match(md, /\| auc \| >= 0\.9 \| 0\.81 \| FAILED \|/);
  assert.match(md, /\| loss \| n\/a \|/);
  assert.match(md, /Source commit: `e{40}` \(with uncommitted changes\)/);
  assert.match(md, /\| model\/w\.bin \| 2\.5 MB \| f \| git-lfs \|/);
  assert.match(md, /- Contract: `contracts\/c\.odcs\.yaml` id customers version 1\.2\.0/);
});

test('numbers and sizes as people read them', () => {
  assert.equal(formatNumber(0.812345), '0.8123');
  assert.equal(formatNumber(3), '3');
  assert.equal(formatNumber(null), 'n/a');
  assert.equal(formatBytes(999), '999 B');
  assert.equal(formatBytes(52_400_000), '52.4 MB');
});
