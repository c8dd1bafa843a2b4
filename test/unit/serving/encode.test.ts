// Batch scoring's feature matrix from category codes (encode.ts) is exactly the matrix training's
// transformRows builds from the same rows given as values: numbers, categories, values outside the
// categories and missing values with and without a fill.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { countUnknownCodes, encodeRows } from '../../../server/src/core/serving/encode';
import { transformRows, type Preprocessing } from '../../../server/src/core/training/preprocess';
import { mulberry32 } from '../../../server/src/core/random';

const PREP: Preprocessing = {
  format: 'mlops-preprocessing/v1',
  steps: [
    { column: 'age', type: 'numeric', transform: 'standardize', center: 41.37, scale: 12.9, fill: 40 },
    { column: 'plan', type: 'onehot', categories: ['basic', 'standard', 'premium'], fill: 'standard' },
    { column: 'region', type: 'onehot', categories: ['north', 'south'], fill: null },
    { column: 'charges', type: 'numeric', transform: 'normalize', center: 18.25, scale: 100.5, fill: null },
  ],
  featureNames: ['age', 'plan=basic', 'plan=standard', 'plan=premium', 'plan=?', 'region=north', 'region=south', 'region=?', 'charges'],
  target: { column: 'churned', task: 'binary', classes: ['0', '1'] },
  missing: 'mean',
};

test('encodeRows gives transformRows\'s matrix bit for bit, over any slice of the rows', () => {
  const random = mulberry32(5);
  const rows = 500;
  const pick = <T>(xs: T[]) => xs[Math.floor(random() * xs.length)]!;
  // Values as the checked path gives them (null missing), and as fastRead's codes (fill applied to numbers).
  const age = Array.from({ length: rows }, () => (random() < 0.1 ? null : Math.round(random() * 80 * 100) / 100));
  const plan = Array.from({ length: rows }, () => pick<string | null>(['basic', 'standard', 'premium', 'gold', null]));
  const region = Array.from({ length: rows }, () => pick<string | null>(['north', 'south', 'east', null]));
  const charges = Array.from({ length: rows }, () => random() * 120 - 3);
  const code = (cats: string[], v: string | null) => (v === null ? -1 : cats.indexOf(v) + 1);
  const columns = [
    Float64Array.from(age, (v) => v ?? 40),
    Float64Array.from(plan, (v) => code(['basic', 'standard', 'premium'], v)),
    Float64Array.from(region, (v) => code(['north', 'south'], v)),
    Float64Array.from(charges),
  ];
  const values = new Map<string, unknown[]>([['age', age], ['plan', plan], ['region', region], ['charges', charges]]);
  for (const [start, end] of [[0, rows], [0, 1], [137, 402], [499, 500]] as const) {
    const index = Array.from({ length: end - start }, (_, i) => start + i);
    const expected = transformRows(PREP, values, index);
    const got = encodeRows(PREP, columns, start, end);
    assert.deepEqual(Buffer.from(got.buffer), Buffer.from(expected.buffer), `rows ${start}..${end}`);
  }
  const unknownPlan = plan.filter((v) => v === 'gold').length;
  const unknownRegion = region.filter((v) => v === 'east').length;
  assert.ok(unknownPlan > 0 && unknownRegion > 0);
  assert.deepEqual(countUnknownCodes(PREP, columns, 0, rows), new Map([['plan', unknownPlan], ['region', unknownRegion]]));
});
