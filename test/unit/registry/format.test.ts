import { test } from 'node:test';
import assert from 'node:assert/strict';
import { formatDiff, formatHistory, formatModels, textTable } from '../../../server/src/core/registry/format';

test('text tables align columns on the widest cell', () => {
  assert.equal(textTable(['A', 'BB'], [['xxx', 'y'], ['z', '']]), 'A    BB\nxxx  y\nz');
});

test('the model listing shows versions, aliases and up to three metrics', () => {
  const text = formatModels([{ name: 'churn', path: 'models/churn', latest: 2, aliases: { production: 1 }, versions: [
    { version: 1, tag: 'churn@v1', path: 'models/churn/v1', runId: 'r1', createdAt: '2025-01-01T10:00:00.000Z', metrics: { auc: 0.81, loss: 0.4, a: 1, z: 2 }, gatesPassed: true, forced: false, aliases: ['production'] },
    { version: 2, tag: 'churn@v2', path: 'models/churn/v2', runId: 'r2', createdAt: '2025-01-02T10:00:00.000Z', metrics: { auc: 0.7 }, gatesPassed: false, forced: true, aliases: [] },
  ] }], '/ws');
  const lines = text.trimEnd().split('\n');
  assert.equal(lines[0], 'churn  (2 versions, models/churn/)');
  assert.match(lines[1]!, /^VERSION\s+ALIASES\s+RUN\s+CREATED\s+a\s+auc\s+loss\s+GATES$/);
  assert.match(lines[2]!, /^v1\s+production\s+r1\s+2025-01-01 10:00:00\s+1\s+0\.81\s+0\.4\s+passed$/);
  assert.match(lines[3]!, /^v2\s+-\s+r2\s+.*0\.7\s+-\s+forced$/);
  assert.match(formatModels([], '/ws'), /No models registered in \/ws yet/);
});

test('history and diff say so when there is nothing to show', () => {
  assert.match(formatHistory('churn', []), /churn has no promotions yet/);
  assert.match(formatDiff('churn', 1, 2, []), /identical cards/);
  assert.match(formatDiff('churn', 1, 2, [{ key: 'metrics.auc', from: 0.8, to: 0.85, delta: 0.05 }]), /metrics\.auc\s+0\.8\s+0\.85\s+\+0\.05/);
});
