// Columnar reads from DuckDB on the drift fixtures: counts, caps, failed number parses, NaN for
// missing values, and the seeded row sample.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { resolve } from 'node:path';
import { profileColumns, readNumericColumns } from '../../../server/src/core/data/columns';
import { openDataSource } from '../../../server/src/core/data/source';

const FIX = resolve(__dirname, '../../fixtures/drift');

test('profile: rows, category counts (nulls left out), the cap, and text that is not a number', async () => {
  const source = await openDataSource(resolve(FIX, 'current.csv'));
  try {
    const p = await profileColumns(source, { categorical: ['color', 'empty_col'], numberChecks: ['mixed'], categoryCap: 3 });
    assert.equal(p.rows, 40);
    // Rows 1..40 cycle red, green, blue, purple from i % 4: 10 each; the cap keeps 3 and the 4th becomes "other".
    const color = p.categories.get('color')!;
    assert.equal(color.distinct, 4);
    assert.equal(color.counts.size, 3);
    assert.equal(color.other, 10);
    assert.deepEqual([...color.counts.values()], [10, 10, 10]);
    assert.deepEqual(p.categories.get('empty_col'), { counts: new Map(), distinct: 0, other: 0 });
    assert.equal(p.nonNull.get('empty_col'), 0);
    assert.equal(p.notNumbers.get('mixed')!.count, 40);
    assert.ok(['n/a', 'x', '?', 'none'].includes(p.notNumbers.get('mixed')!.example));
  } finally { source.close(); }
});

test('numeric read: values in file order, NaN where a value is missing', async () => {
  const source = await openDataSource(resolve(FIX, 'reference.csv'));
  try {
    const [amount, vanish] = await readNumericColumns(source, [{ name: 'amount', as: 'number' }, { name: 'vanish', as: 'number' }], { rows: 40 });
    assert.deepEqual(Array.from(amount!), Array.from({ length: 40 }, (_, i) => (i + 1) * 1.5));
    assert.deepEqual(Array.from(vanish!), Array.from({ length: 40 }, (_, i) => (i + 1) % 7));
  } finally { source.close(); }
  const current = await openDataSource(resolve(FIX, 'current.csv'));
  try {
    const [vanish, mixed] = await readNumericColumns(current, [{ name: 'vanish', as: 'number' }, { name: 'mixed', as: 'number' }], { rows: 40, shared: true });
    assert.ok(vanish!.buffer instanceof SharedArrayBuffer);
    assert.ok(vanish!.every((x) => Number.isNaN(x)) && mixed!.every((x) => Number.isNaN(x)));
  } finally { current.close(); }
});

test('numeric read with maxRows: exactly that many rows, the same ones every time, in file order', async () => {
  const source = await openDataSource(resolve(FIX, 'reference.csv'));
  try {
    const read = () => readNumericColumns(source, [{ name: 'amount', as: 'number' }], { rows: 40, maxRows: 10, seed: 3 });
    const [a] = await read();
    const [b] = await read();
    assert.equal(a!.length, 10);
    assert.deepEqual(a, b);
    assert.ok(a!.every((x, i) => i === 0 || x > a![i - 1]!), 'a subsequence of the file, order kept');
    assert.ok(a!.every((x) => Number.isInteger(x / 1.5) && x >= 1.5 && x <= 60));
  } finally { source.close(); }
});
