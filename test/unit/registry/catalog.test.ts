import { test } from 'node:test';
import assert from 'node:assert/strict';
import { diffCards } from '../../../server/src/core/registry/catalog';
import { buildCard } from '../../../server/src/core/registry/card';
import type { RunRecord } from '../../../server/src/core/tracking/types';

const base: RunRecord = {
  id: 'r1', specPath: 'mlops.yaml', specHash: 'h', params: { lr: 0.003 }, backend: 'wasm', seed: 1, startedAt: 's', status: 'completed',
  data: {}, gates: [{ metric: 'auc', condition: '>= 0.75', value: 0.8, passed: true }], metrics: { auc: 0.8, loss: 0.5 },
};
const file = (path: string, sha256: string) => ({ path, bytes: 10, sha256, lfs: false });

test('diff lists only what differs, with numeric deltas, keyed list items and one-sided keys', () => {
  const a = buildCard(base, { name: 'm', version: 1, createdAt: 't', createdBy: 'A', message: null, forceReason: null,
    files: [file('model/model.json', 'x'), file('model/w.bin', 'y')] });
  const b = buildCard({ ...base, id: 'r2', params: { lr: 0.01 }, metrics: { auc: 0.85, f1: 0.7, loss: 0.5 },
    gates: [{ metric: 'auc', condition: '>= 0.75', value: 0.85, passed: true }] }, {
    name: 'm', version: 2, createdAt: 't', createdBy: 'A', message: null, forceReason: null,
    files: [file('model/extra.json', 'z'), file('model/model.json', 'x'), file('model/w.bin', 'y2')],
  });
  const byKey = new Map(diffCards(a, b).map((c) => [c.key, c]));
  assert.deepEqual(byKey.get('metrics.auc'), { key: 'metrics.auc', from: 0.8, to: 0.85, delta: 0.05 });
  assert.deepEqual(byKey.get('metrics.f1'), { key: 'metrics.f1', from: null, to: 0.7, delta: null });
  assert.equal(byKey.get('params.lr')?.to, 0.01);
  assert.equal(byKey.get('gates[auc].value')?.to, 0.85);
  assert.equal(byKey.get('files[model/w.bin].sha256')?.to, 'y2');
  assert.equal(byKey.get('files[model/extra.json].path')?.from, null);
  assert.equal(byKey.has('files[model/model.json].sha256'), false, 'an inserted file does not shift the others');
  assert.equal(byKey.has('metrics.loss'), false);
  assert.equal(byKey.has('backend'), false);
  assert.deepEqual(diffCards(a, a), []);
});
