// The radix sort against the engine's own Float64Array sort, on the values that break naive ones.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { sortDecimal } from '../../../server/src/core/drift/sorting/decimalSort';
import { sortFinite } from '../../../server/src/core/drift/sorting/sort';
import { rng } from '../../bench/driftRandom';

test('sorts like Float64Array.prototype.sort, with NaN and ±Infinity moved out and counted', () => {
  const rand = rng(42);
  const specials = [0, -0, 5e-324, -5e-324, Number.MAX_VALUE, -Number.MAX_VALUE, 1, 1, -1, 2 ** 52 + 1];
  const values = Float64Array.from({ length: 20_000 }, (_, i) => {
    if (i % 997 === 0) return NaN;
    if (i % 1999 === 0) return i % 2 ? Infinity : -Infinity;
    if (i % 101 === 0) return specials[i % specials.length]!;
    return (rand() - 0.5) * 10 ** Math.floor(rand() * 12 - 6);
  });
  const finite = values.filter((x) => Number.isFinite(x)).sort();
  const nans = values.filter((x) => Number.isNaN(x)).length;
  const infinities = values.filter((x) => x === Infinity || x === -Infinity).length;
  const r = sortFinite(values);
  assert.ok(nans > 0 && infinities > 0);
  assert.equal(r.missing, nans);
  assert.equal(r.infinite, infinities);
  assert.equal(r.length, finite.length);
  assert.deepEqual(Array.from(values.subarray(0, r.length)), Array.from(finite));
});

test('integers, a constant column, and an empty column', () => {
  const ints = Float64Array.from({ length: 5000 }, (_, i) => (i * 7919) % 13);
  const expected = ints.slice().sort();
  sortFinite(ints);
  assert.deepEqual(ints, expected);
  const constant = new Float64Array(100).fill(3.25);
  assert.deepEqual(sortFinite(constant), { length: 100, missing: 0, infinite: 0 });
  assert.ok(constant.every((x) => x === 3.25));
  assert.deepEqual(sortFinite(new Float64Array(0)), { length: 0, missing: 0, infinite: 0 });
});

test('a scratch buffer is reused and a view into a larger buffer is sorted in place', () => {
  const backing = Float64Array.of(9, 3, 2, 1, 9);
  const view = backing.subarray(1, 4);
  sortFinite(view, new Float64Array(10));
  assert.deepEqual(Array.from(backing), [9, 1, 2, 3, 9]);
});

/** The sorted finite values, as sortFinite leaves them (compared by value: -0 and 0 are equal). */
function sortedAndCounted(values: Float64Array) {
  const expected = values.filter((x) => Number.isFinite(x)).sort();
  const nans = values.filter((x) => Number.isNaN(x)).length;
  const r = sortFinite(values, new Float64Array(values.length));
  assert.equal(r.length, expected.length);
  assert.equal(r.missing, nans);
  for (let i = 0; i < r.length; i++) if (values[i] !== expected[i]) assert.fail(`index ${i}: ${values[i]} vs ${expected[i]}`);
  return r;
}

test('few decimals (the integer-key path): prices, negatives, ties, NaN and infinities', () => {
  const rand = rng(5);
  const prices = Float64Array.from({ length: 50_000 }, (_, i) =>
    i % 1000 === 7 ? NaN : i % 4999 === 3 ? -Infinity : Math.round((rand() - 0.3) * 100_000) / 100);
  const infinities = prices.filter((x) => x === -Infinity).length;
  assert.ok(sortDecimal(prices.slice(), new Float64Array(prices.length)), 'takes the integer-key path');
  assert.equal(sortedAndCounted(prices).infinite, infinities);
  sortedAndCounted(Float64Array.from({ length: 10_000 }, () => Math.floor(rand() * 5) - 2));
  sortedAndCounted(Float64Array.from({ length: 10_000 }, () => Math.round(rand() * 1e6) / 1e6));
});

test('the integer-key path steps aside when a late value has more decimals, or the range is too wide', () => {
  const rand = rng(6);
  const late = Float64Array.from({ length: 5000 }, (_, i) => (i === 4000 ? Math.PI : Math.round(rand() * 1e4) / 100));
  assert.equal(sortDecimal(late.slice(), new Float64Array(late.length)), undefined);
  sortedAndCounted(late);
  const wide = Float64Array.from({ length: 5000 }, (_, i) => (i % 2 ? 1e7 + i / 1000 : -i / 1000));
  assert.equal(sortDecimal(wide.slice(), new Float64Array(wide.length)), undefined);
  sortedAndCounted(wide);
  sortedAndCounted(Float64Array.of(2 ** 53, 3, 2 ** 52, -(2 ** 53), 1));
});
