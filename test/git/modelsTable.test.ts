// Issue 11: the models table (mlops models, and the demo's listing) showed the training `auc` while the
// gate had read `val_auc`. The metrics a version's gates read come first.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { cli, makeRun, sandbox } from './helpers';

test('mlops models shows the metric the gates read first, with its value', async () => {
  const s = sandbox();
  try {
    // A bare `auc` gate reads the validation value (key val_auc), as training records it.
    makeRun(s.dir, 'run-1', {
      metrics: { accuracy: 0.77, auc: 0.91, f1: 0.6, loss: 0.41, val_auc: 0.83 },
      gates: [{ metric: 'auc', condition: '>= 0.75', value: 0.83, passed: true, key: 'val_auc' }],
    });
    assert.equal((await cli(s, 'register', 'run-1', '--model', 'churn')).code, 0);
    const table = (await cli(s, 'models')).out.split('\n');
    const head = table[1]!.split(/\s{2,}/);
    assert.deepEqual(head, ['VERSION', 'ALIASES', 'RUN', 'CREATED', 'val_auc', 'accuracy', 'auc', 'GATES']);
    const row = table[2]!.split(/\s{2,}/);
    assert.equal(row[head.indexOf('val_auc')], '0.83');
    const json = JSON.parse((await cli(s, 'models', '--format', 'json')).out);
    assert.deepEqual(json.models[0].versions[0].gateMetrics, ['val_auc']);
  } finally {
    s.cleanup();
  }
});
