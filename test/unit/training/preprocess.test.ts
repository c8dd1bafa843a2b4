import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { FeatureColumn } from '../../../server/src/core/training/columns';
import { fitPreprocessing, transformRows, usableRows } from '../../../server/src/core/training/preprocess';
import { splitRows } from '../../../server/src/core/training/dataset';

const target = { column: 'y', task: 'binary' as const, classes: ['0', '1'] };

test('numeric transforms are fitted on the training rows only', () => {
  const columns: FeatureColumn[] = [
    { name: 's', transform: 'standardize', values: [1, 3, 100] },
    { name: 'n', transform: 'normalize', values: [2, 6, -50] },
    { name: 'r', transform: 'none', values: [5, 7, 9] },
  ];
  const prep = fitPreprocessing(columns, [0, 1], target, 'error', new Map());
  assert.deepEqual(prep.steps.map((s) => s.type === 'numeric' && [s.center, s.scale]), [[2, 1], [2, 4], [0, 1]]);
  const x = transformRows(prep, new Map(columns.map((c) => [c.name, c.values])), [0, 1, 2]);
  assert.deepEqual([...x], [-1, 0, 5, 1, 1, 7, 98, -13, 9]);
});

test('one-hot: declared categories in their order, an unknown bucket, and mode imputation', () => {
  const columns: FeatureColumn[] = [{ name: 'plan', transform: 'onehot', values: ['b', 'a', null, 'b', 'zzz'] }];
  const declared = fitPreprocessing(columns, [0, 1, 2, 3, 4], target, 'mode', new Map([['plan', ['c', 'b', 'a']]]));
  assert.deepEqual(declared.featureNames, ['plan=c', 'plan=b', 'plan=a', 'plan=<unknown>']);
  const x = transformRows(declared, new Map([['plan', columns[0]!.values]]), [0, 2, 4]);
  assert.deepEqual([...x], [0, 1, 0, 0, /* missing -> mode "b" */ 0, 1, 0, 0, /* never declared */ 0, 0, 0, 1]);
  const seen = fitPreprocessing(columns, [0, 1], target, 'error', new Map());
  assert.deepEqual(seen.featureNames, ['plan=a', 'plan=b', 'plan=<unknown>']);
});

test('missing values: error lists every column\'s rows, drop keeps complete rows, impute keeps all', () => {
  const cols = [{ name: 'a', values: [1, null, 3, 4] }, { name: 'b', values: ['x', 'y', null, 'z'] }];
  const y = { name: 'y', values: [0, 1, 0, 1] };
  assert.throws(() => usableRows(cols, y, 'error', 'csv'), /missing values in "a" at line 3; "b" at line 4; set features.missing/);
  assert.deepEqual(usableRows(cols, y, 'drop', 'csv'), [0, 3]);
  assert.deepEqual(usableRows(cols, y, 'mean', 'parquet'), [0, 1, 2, 3]);
  assert.throws(() => usableRows(cols, { name: 'y', values: [0, null, 0, 1] }, 'mean', 'parquet'), /"y" at row 2; a missing target cannot be imputed/);
});

test('the validation split is seeded, disjoint and covers every row', () => {
  const rows = Array.from({ length: 100 }, (_, i) => i);
  const a = splitRows(rows, 0.2, 42);
  assert.equal(a.val.length, 20);
  assert.deepEqual([...a.train, ...a.val].sort((x, y) => x - y), rows);
  assert.deepEqual(splitRows(rows, 0.2, 42), a);
  assert.notDeepEqual(splitRows(rows, 0.2, 43).val, a.val);
  assert.deepEqual(splitRows(rows, 0, 1).val, []);
  assert.throws(() => splitRows([7], 0.5, 1), /too few to hold out 50% for validation/);
});
