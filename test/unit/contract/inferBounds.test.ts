// Bounds of integers beyond 2^53, checked with exact BigInt arithmetic written here: the bound is a
// double (every reader reads it back as written), lies outside the data, and no double lies between.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mulberry32 } from '../../../server/src/core/random';
import { nextDouble, widenedBound } from '../../../server/src/core/contract/inferBounds';

/** The spacing of doubles at a positive integer x >= 2^53: 2^(bit length of x - 53). */
function ulpAbove(x: bigint): bigint {
  const bits = x.toString(2).length;
  return bits <= 53 ? 1n : 1n << BigInt(bits - 53);
}

function isDouble(x: bigint): boolean {
  return BigInt(Number(x)) === x;
}

function randomBig(rnd: () => number, bits: number): bigint {
  let x = 1n;
  for (let i = 1; i < bits; i++) x = (x << 1n) | (rnd() < 0.5 ? 1n : 0n);
  return x;
}

test('widened bounds: doubles on the outer side of the data, within one step of it', () => {
  const rnd = mulberry32(53);
  const cases: bigint[] = [2n ** 53n, 2n ** 53n + 1n, 2n ** 53n + 3n, 2n ** 63n - 1n, 2n ** 64n + 7n, 10n ** 18n, 10n ** 30n + 1n, 2n ** 126n + 12345n];
  for (let i = 0; i < 400; i++) cases.push(randomBig(rnd, 54 + Math.floor(rnd() * 70)));
  for (const x of cases) {
    for (const v of [x, -x]) {
      const lo = widenedBound(v, 'down')!;
      const hi = widenedBound(v, 'up')!;
      const [l, h] = [BigInt(lo), BigInt(hi)];
      assert.ok(isDouble(l) && isDouble(h), `${v}: bounds are doubles`);
      assert.ok(l <= v && v <= h, `${v}: ${l} <= v <= ${h}`);
      // No double strictly between the bound and the value: the gap is under one spacing.
      const step = ulpAbove(v < 0n ? -v : v);
      assert.ok(v - l < step * 2n && h - v < step * 2n, `${v}: within a step (${step})`);
      if (isDouble(v)) assert.ok(l === v && h === v, `${v} is a double and stays exact`);
    }
  }
});

test('safe integers and their neighbours come back unchanged', () => {
  for (const v of [0n, 1n, -1n, 42n, 2n ** 53n - 1n, -(2n ** 53n) + 1n]) {
    assert.equal(widenedBound(v, 'down'), Number(v));
    assert.equal(widenedBound(v, 'up'), Number(v));
  }
  assert.equal(widenedBound('9007199254740993', 'down'), 9007199254740992);
  assert.equal(widenedBound('9007199254740993', 'up'), 9007199254740994);
  assert.equal(widenedBound(null, 'up'), null);
});

test('nextDouble steps one double at a time, across zero and powers of two', () => {
  assert.equal(nextDouble(1, 'up'), 1 + Number.EPSILON);
  assert.equal(nextDouble(1, 'down'), 1 - Number.EPSILON / 2);
  assert.equal(nextDouble(0, 'up'), Number.MIN_VALUE);
  assert.equal(nextDouble(-(2 ** 53), 'down'), -(2 ** 53) - 2);
  assert.equal(nextDouble(2 ** 53, 'down'), 2 ** 53 - 1);
  assert.equal(nextDouble(-1, 'up'), -1 + Number.EPSILON / 2);
});
