// The bulk histogram renders exactly what prom-client's own Histogram renders for the same values.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { Histogram, Registry } from 'prom-client';
import { BulkHistogram } from '../../../server/src/core/serving/bulkHistogram';
import { mulberry32 } from '../../../server/src/core/random';

test('observeMany gives the exposition text prom-client gives for one observe() per value', async () => {
  const buckets = [0.1, 0.25, 0.5, 0.75, 0.9, 1];
  const ours = new Registry();
  const theirs = new Registry();
  const bulk = new BulkHistogram('h', 'predictions', ['model', 'version'], buckets, ours);
  const ref = new Histogram({ name: 'h', help: 'predictions', labelNames: ['model', 'version'], buckets, registers: [theirs] });
  const random = mulberry32(7);
  for (const version of ['v1', 'v2']) {
    const values = Float32Array.from({ length: 5000 }, () => Math.fround(random() * 1.2));
    bulk.observeMany({ model: 'm', version }, values);
    for (const v of values) ref.observe({ model: 'm', version }, v);
  }
  assert.equal(await ours.metrics(), await theirs.metrics());
});

test('a bound observer (the request duration) gives the text prom-client gives for the same observations', async () => {
  const buckets = [0.0005, 0.001, 0.002, 0.005, 0.01, 0.02, 0.05];
  const ours = new Registry();
  const theirs = new Registry();
  const bulk = new BulkHistogram('d', 'seconds', ['model'], buckets, ours);
  const ref = new Histogram({ name: 'd', help: 'seconds', labelNames: ['model'], buckets, registers: [theirs] });
  const observe = bulk.bind({ model: 'm' });
  const random = mulberry32(11);
  for (let i = 0; i < 3000; i++) {
    const v = random() * 0.06;
    observe(v);
    ref.observe({ model: 'm' }, v);
  }
  assert.equal(await ours.metrics(), await theirs.metrics());
});
