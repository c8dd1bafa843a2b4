// Every requested method on every kind of column, in both modes (issue 12 item 2): each pair either runs
// a test that yields a result, or is refused with a note and left out of the drifted share. A feature is
// never reported as compared with nothing computed. Columns come from real samples through the same
// functions the engine runs (compareNumeric, measureCategorical, comparedFeature).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { CategoryCounts } from '../../../server/src/core/data/columns';
import type { DriftConfig } from '../../../server/src/core/drift/config';
import type { FeaturePlan } from '../../../server/src/core/drift/input/plan';
import type { FeatureDrift, TestMethod } from '../../../server/src/core/drift/model';
import { compareNumeric } from '../../../server/src/core/drift/statistics/numeric';
import { chiSquareSf } from '../../../server/src/core/drift/statistics/special';
import { comparedFeature, type Measured } from '../../../server/src/core/drift/verdict/feature';
import { measureCategorical, measuredNumeric } from '../../../server/src/core/drift/verdict/measure';
import type { DriftMethod } from '../../../server/src/core/pipeline/spec';
import { normal, rng } from '../../bench/driftRandom';

const METHODS: DriftMethod[] = ['auto', 'ks', 'wasserstein', 'psi', 'jensenshannon', 'chisquare', 'ztest'];

function plan(name: string, kind: 'numeric' | 'categorical'): FeaturePlan {
  return { name, kind, read: kind === 'numeric' ? 'number' : 'category', notes: [], explicit: false, inferred: true,
    numberChecks: { reference: false, current: false },
    integer: { reference: kind === 'numeric' && name !== 'continuous', current: kind === 'numeric' && name !== 'continuous' } };
}

function sortedSample(n: number, seed: number, draw: (rand: () => number) => number): Float64Array {
  const rand = rng(seed);
  return Float64Array.from({ length: n }, () => draw(rand)).sort();
}

function counts(entries: [string, number][]): CategoryCounts {
  return { counts: new Map(entries), distinct: entries.length, other: 0 };
}

type Column = { plan: FeaturePlan; measure: (compat: 'none' | 'evidently') => Measured; values: { reference: number; current: number } };

const COLUMNS: Column[] = [
  { name: 'continuous', draw: (r: () => number) => normal(r), shift: 0.3 },
  { name: 'three values', draw: (r: () => number) => Math.floor(r() * 3), shift: 1 },
  { name: 'two values', draw: (r: () => number) => (r() < 0.4 ? 0 : 1), shift: 0 },
].map(({ name, draw, shift }) => {
  const reference = sortedSample(400, 1, draw);
  const current = sortedSample(300, 2, (r) => Math.min(name === 'continuous' ? Infinity : 2, draw(r) + (r() < 0.2 ? shift : 0)));
  return {
    plan: plan(name, 'numeric'), values: { reference: 400, current: 300 },
    measure: (compat: 'none' | 'evidently') => measuredNumeric(compareNumeric(reference, current, { compat: compat === 'evidently' ? 'evidently' : undefined, integers: name !== 'continuous', currentIntegers: name !== 'continuous', inferred: true }), undefined),
  };
}).concat([
  { plan: plan('colors', 'categorical'), values: { reference: 100, current: 100 },
    measure: (compat) => measureCategorical(counts([['red', 40], ['green', 35], ['blue', 25]]), counts([['red', 30], ['green', 30], ['blue', 30], ['pink', 10]]), 10_000, compat) },
  { plan: plan('yes/no', 'categorical'), values: { reference: 100, current: 100 },
    measure: (compat) => measureCategorical(counts([['yes', 60], ['no', 40]]), counts([['yes', 45], ['no', 55]]), 10_000, compat) },
]);

function config(method: DriftMethod, compat: 'none' | 'evidently'): DriftConfig {
  return { method, driftShare: 0.5, features: 'all', perFeature: {}, compat };
}

/** The invariant: compared means a deciding number exists; otherwise skipped with the reason first. */
function assertHonest(f: FeatureDrift, what: string): void {
  if (f.status === 'compared') {
    assert.ok(f.method !== null, `${what}: compared without a method`);
    assert.ok(f.statistic !== null || f.pValue !== null, `${what}: compared with no statistic and no p-value`);
  } else {
    assert.equal(f.method, null, what);
    assert.match(f.notes[0]!, /not tested, left out of the drifted share/, what);
    assert.equal(f.drifted, false, what);
  }
}

test('default mode: every method x kind pair runs a test with a result (a test that cannot apply falls back to auto with a note)', () => {
  for (const column of COLUMNS) {
    const measured = column.measure('none');
    for (const method of METHODS) {
      const what = `${method} on ${column.plan.name}`;
      const f = comparedFeature(column.plan, measured, { ...column.values, referenceMissing: 0, currentMissing: 0 }, config(method, 'none'));
      assertHonest(f, what);
      assert.equal(f.status, 'compared', what);
      if (method !== 'auto' && f.method !== method) assert.match(f.notes.join(), new RegExp(`method ${method} was requested but`), what);
    }
  }
});

test('chi-squared on a continuous numeric column is a homogeneity test on the reference deciles', () => {
  const reference = sortedSample(400, 1, (r) => normal(r));
  const current = sortedSample(300, 2, (r) => normal(r) + 0.4);
  const column = COLUMNS[0]!;
  const measured = measuredNumeric(compareNumeric(reference, current), undefined);
  const f = comparedFeature(column.plan, measured, { ...column.values, referenceMissing: 0, currentMissing: 0 }, config('chisquare', 'none'));
  assert.equal(f.method, 'chisquare');
  assert.match(f.notes.join(), /chi-squared homogeneity on the reference's deciles \(10 bins\)/);
  // Independently: decile edges of the reference (the ceil(k·n/10)-th value), counts by direct comparison,
  // then Pearson's statistic on the 2×10 table.
  const edges = Array.from({ length: 9 }, (_, k) => reference[Math.ceil(((k + 1) * 400) / 10) - 1]!);
  const bin = (x: number) => edges.filter((e) => x > e).length;
  const r = new Array(10).fill(0);
  const c = new Array(10).fill(0);
  reference.forEach((x) => r[bin(x)]++);
  current.forEach((x) => c[bin(x)]++);
  let chi2 = 0;
  for (let j = 0; j < 10; j++) {
    const col = r[j] + c[j];
    chi2 += (r[j] - (400 * col) / 700) ** 2 / ((400 * col) / 700) + (c[j] - (300 * col) / 700) ** 2 / ((300 * col) / 700);
  }
  assert.ok(Math.abs(f.statistic! - chi2) < 1e-9 * chi2, `${f.statistic} vs ${chi2}`);
  assert.ok(Math.abs(f.pValue! / chiSquareSf(chi2, 9) - 1) < 1e-9, 'p on 9 degrees of freedom');
  assert.equal(f.drifted, true, 'a 0.4 SD shift over 700 values');
});

/** Evidently's allowed column types per test, as its stattest registry declares them. */
const EVIDENTLY_TYPES: Record<TestMethod, string[]> = {
  ks: ['numerical'], wasserstein: ['numerical'], chisquare: ['categorical'], ztest: ['categorical'], psi: ['numerical', 'categorical'], jensenshannon: ['numerical', 'categorical'],
};

test('compat evidently: a test Evidently would refuse for the column type is refused per feature, never counted', () => {
  for (const column of COLUMNS) {
    const measured = column.measure('evidently');
    // Evidently types an integer column with at most 10 current values as categorical (no contract here).
    const type = column.plan.name === 'continuous' ? 'numerical' : 'categorical';
    assert.equal(measured.evidentlyType, type, column.plan.name);
    for (const method of METHODS) {
      const what = `${method} on ${column.plan.name}`;
      const f = comparedFeature(column.plan, measured, { ...column.values, referenceMissing: 0, currentMissing: 0 }, config(method, 'evidently'));
      assertHonest(f, what);
      if (method === 'auto') continue;
      const allowed = EVIDENTLY_TYPES[method].includes(type);
      assert.equal(f.status, allowed ? 'compared' : 'skipped', what);
      if (allowed) assert.equal(f.method, method, what);
      else assert.match(f.notes[0]!, new RegExp(`Evidently's ${method} test takes only`), what);
    }
  }
});
