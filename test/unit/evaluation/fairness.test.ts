// Fairness metrics against confusion tables counted by hand per group (the counts are written out
// below, read off the rows by a person, not computed by the code under test), Fairlearn's formulas
// applied to them here, and per-group AUC against a pairwise Mann-Whitney count.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { computeFairness, type FairnessReport } from '../../../server/src/core/evaluation/fairness';
import { fairnessGates, checkFairnessSpec } from '../../../server/src/core/evaluation/fairnessSpec';
import { binIndex, groupRows } from '../../../server/src/core/evaluation/groups';

// row:          0     1     2     3     4     5     6     7     8     9
const Y =     [1,    1,    0,    0,    1,    1,    0,    0,    1,    0];
const SCORE = [0.9,  0.4,  0.7,  0.2,  0.8,  0.6,  0.3,  0.55, 0.1,  0.65];
const GROUP = ['A',  'A',  'A',  'A',  'A',  'B',  'C',  'C',  null, null];
const AGE =   [25,   40,   35,   18,   60,   30,   45,   22,   null, 51];
// predicted (score >= 0.5): 1 0 1 0 1 1 0 1 0 1

interface Table { tp: number; fp: number; tn: number; fn: number }
// Counted by hand from the rows above.
const BY_GROUP: Record<string, Table> = {
  A: { tp: 2, fp: 1, tn: 1, fn: 1 },
  B: { tp: 1, fp: 0, tn: 0, fn: 0 }, // one row
  C: { tp: 0, fp: 1, tn: 1, fn: 0 }, // no positives
  null: { tp: 0, fp: 1, tn: 0, fn: 1 }, // missing group value
};
const BY_AGE: Record<string, Table> = {
  '(-inf, 18]': { tp: 0, fp: 0, tn: 1, fn: 0 }, // 18 sits on the first edge: right-closed, so below (18, 30]
  '(18, 30]': { tp: 2, fp: 1, tn: 0, fn: 0 }, // 25, 30 (on an edge: closed on the right), 22
  '(30, 50]': { tp: 0, fp: 1, tn: 1, fn: 1 }, // 40, 35, 45
  '(50, inf)': { tp: 1, fp: 1, tn: 0, fn: 0 }, // 60, 51
  null: { tp: 0, fp: 0, tn: 0, fn: 1 },
};

// Fairlearn's definitions, with undefined rates as null.
const n = (t: Table) => t.tp + t.fp + t.tn + t.fn;
const expected = (t: Table) => ({
  selection_rate: (t.tp + t.fp) / n(t),
  true_positive_rate: t.tp + t.fn ? t.tp / (t.tp + t.fn) : null,
  false_positive_rate: t.fp + t.tn ? t.fp / (t.fp + t.tn) : null,
  accuracy: (t.tp + t.tn) / n(t),
});
const known = (xs: Array<number | null>) => xs.filter((x): x is number => x !== null);
const diff = (xs: number[]) => Math.max(...xs) - Math.min(...xs);
const rat = (xs: number[]) => (Math.max(...xs) > 0 ? Math.min(...xs) / Math.max(...xs) : null);

/** AUC as the share of (positive, negative) pairs ordered right, ties half: no ranks, no sorting. */
function mannWhitney(scores: number[], labels: number[]): number | null {
  let pairs = 0, wins = 0;
  scores.forEach((p, i) => scores.forEach((q, j) => {
    if (labels[i] !== 1 || labels[j] !== 0) return;
    pairs++;
    wins += p > q ? 1 : p === q ? 0.5 : 0;
  }));
  return pairs ? wins / pairs : null;
}

function report(): FairnessReport {
  return computeFairness({ sensitive: ['group', 'age'], bins: { age: [18, 30, 50] } }, {
    task: 'binary', y: Y, score: SCORE, sensitive: new Map([['group', { values: GROUP }], ['age', { values: AGE }]]),
  });
}

function checkColumn(r: FairnessReport, column: string, tables: Record<string, Table>, values: Array<string | number | null>) {
  const groups = r.groups.filter((g) => g.column === column);
  assert.deepEqual(groups.map((g) => (g.value === null ? 'null' : String(g.value))), Object.keys(tables), 'groups in order, null last');
  for (const g of groups) {
    const t = tables[g.value === null ? 'null' : String(g.value)]!;
    assert.equal(g.n, n(t));
    const e = expected(t);
    for (const k of Object.keys(e) as Array<keyof typeof e>) {
      if (e[k] === null) assert.equal(g.metrics[k], null, `${column}=${g.value} ${k}`);
      else assert.ok(Math.abs(g.metrics[k]! - e[k]!) < 1e-12, `${column}=${g.value} ${k}: ${g.metrics[k]} vs ${e[k]}`);
    }
    const rows = values.flatMap((v, i) => (rowIn(column, v, g.value) ? [i] : []));
    assert.equal(rows.length, g.n);
    assert.equal(g.metrics.auc, mannWhitney(rows.map((i) => SCORE[i]!), rows.map((i) => Y[i]!)), `${column}=${g.value} auc`);
  }
  const tabs = Object.values(tables).map(expected);
  const sel = tabs.map((x) => x.selection_rate), tpr = known(tabs.map((x) => x.true_positive_rate)), fpr = known(tabs.map((x) => x.false_positive_rate));
  const s = r.byColumn[column]!;
  assert.ok(Math.abs(s.demographic_parity_difference! - diff(sel)) < 1e-12);
  assert.equal(s.demographic_parity_ratio, rat(sel));
  assert.equal(s.equalized_odds_difference, Math.max(diff(tpr), diff(fpr)));
  const ratios = known([rat(tpr), rat(fpr)]);
  assert.equal(s.equalized_odds_ratio, ratios.length ? Math.min(...ratios) : null);
}

// Which group a raw value belongs to, by the documented rule (right-closed bins, null its own group).
function rowIn(column: string, v: string | number | null, group: string | number | null): boolean {
  if (v === null || group === null) return v === group;
  if (column !== 'age') return v === group;
  const x = Number(v);
  const label = x <= 18 ? '(-inf, 18]' : x <= 30 ? '(18, 30]' : x <= 50 ? '(30, 50]' : '(50, inf)';
  return label === group;
}

test('per-group rates equal the hand-counted confusion tables: a one-row group, a group without positives, nulls as a group', () => {
  checkColumn(report(), 'group', BY_GROUP, GROUP);
});

test('a binned numeric column: right-closed intervals, values on and outside the edges, a null', () => {
  checkColumn(report(), 'age', BY_AGE, AGE);
});

test('the summary is the worst value over the sensitive columns: the largest gap, the smallest ratio', () => {
  const r = report();
  for (const k of ['demographic_parity_difference', 'equalized_odds_difference']) {
    assert.equal(r.summary[k], Math.max(r.byColumn.group![k]!, r.byColumn.age![k]!));
  }
  assert.equal(r.summary.equalized_odds_ratio, Math.min(r.byColumn.group!.equalized_odds_ratio!, r.byColumn.age!.equalized_odds_ratio!));
  assert.deepEqual(JSON.parse(JSON.stringify(r)), r, 'the report is plain JSON: no NaN, no Infinity, no undefined');
});

test('group C has no positives: its TPR is null and stays out of the TPR gap (Fairlearn would report 0)', () => {
  const r = report();
  const c = r.groups.find((g) => g.column === 'group' && g.value === 'C')!;
  assert.equal(c.metrics.true_positive_rate, null);
  // A case where it matters: A has only positives (TPR 1, FPR undefined), C only negatives (TPR
  // undefined, FPR 1/2). Each rate is defined by one group, so both gaps are 0. Fairlearn (through
  // scikit-learn's confusion_matrix, which turns 0/0 into 0) would count C's TPR and A's FPR as 0: 1.
  const two = computeFairness({ sensitive: ['g'] }, { task: 'binary', y: [1, 1, 0, 0], score: [0.9, 0.9, 0.1, 0.9], sensitive: new Map([['g', { values: ['A', 'A', 'C', 'C'] }]]) });
  assert.deepEqual(two.groups.map((g) => [g.metrics.true_positive_rate, g.metrics.false_positive_rate]), [[1, null], [null, 0.5]]);
  assert.equal(two.byColumn.g!.equalized_odds_difference, 0);
  assert.equal(two.byColumn.g!.equalized_odds_ratio, 1);
});

test('a ratio whose largest rate is 0 is null, and a gate on it fails rather than passes', () => {
  const r = computeFairness({ sensitive: ['g'], gates: { demographic_parity_ratio: '>= 0.8' } }, {
    task: 'binary', y: [1, 0, 1, 0], score: [0.1, 0.2, 0.3, 0.4], sensitive: new Map([['g', { values: ['x', 'x', 'y', 'y'] }]]),
  });
  assert.equal(r.summary.demographic_parity_difference, 0);
  assert.equal(r.summary.demographic_parity_ratio, null);
  const gates = fairnessGates(checkFairnessSpec({ sensitive: ['g'], gates: { demographic_parity_ratio: '>= 0.8', demographic_parity_difference: '<= 0.1' } }, 'binary'), r);
  assert.deepEqual(gates, [
    { metric: 'fairness.demographic_parity_ratio', condition: '>= 0.8', value: null, passed: false },
    { metric: 'fairness.demographic_parity_difference', condition: '<= 0.1', value: 0, passed: true },
  ]);
});

test('regression: per-group MAE and RMSE and their largest gap', () => {
  const y = [1, 2, 3, 10, 10];
  const pred = [2, 2, 1, 13, 6];
  const r = computeFairness({ sensitive: ['g'] }, { task: 'regression', y, score: pred, sensitive: new Map([['g', { values: ['a', 'a', 'a', 'b', 'b'] }]]) });
  // a: errors 1, 0, 2 -> MAE 1, RMSE sqrt(5/3); b: errors 3, 4 -> MAE 3.5, RMSE sqrt(12.5)
  assert.deepEqual(r.groups.map((g) => [g.value, g.n, g.metrics.mae]), [['a', 3, 1], ['b', 2, 3.5]]);
  assert.ok(Math.abs(r.groups[0]!.metrics.rmse! - Math.sqrt(5 / 3)) < 1e-12);
  assert.ok(Math.abs(r.summary.rmse_difference! - (Math.sqrt(12.5) - Math.sqrt(5 / 3))) < 1e-12);
  assert.equal(r.summary.mae_difference, 2.5);
});

test('per-group AUC equals a pairwise Mann-Whitney count on seeded data with ties', () => {
  let seed = 12345;
  const rand = () => { seed = (seed * 1103515245 + 12345) % 2 ** 31; return seed / 2 ** 31; };
  const rows = 400;
  const y = Array.from({ length: rows }, () => (rand() < 0.4 ? 1 : 0));
  const score = y.map((l) => Math.round((rand() * 0.7 + l * 0.3) * 10) / 10); // one decimal: many ties
  const g = y.map(() => ['p', 'q', 'r'][Math.floor(rand() * 3)]!);
  const r = computeFairness({ sensitive: ['g'], metrics: ['auc'] }, { task: 'binary', y, score, sensitive: new Map([['g', { values: g }]]) });
  assert.equal(r.groups.length, 3);
  for (const grp of r.groups) {
    const idx = g.flatMap((v, i) => (v === grp.value ? [i] : []));
    const want = mannWhitney(idx.map((i) => score[i]!), idx.map((i) => y[i]!))!;
    assert.ok(Math.abs(grp.metrics.auc! - want) < 1e-12, `${grp.value}: ${grp.metrics.auc} vs ${want}`);
    assert.deepEqual(Object.keys(grp.metrics), ['auc'], 'metrics: [auc] limits the report');
  }
});

test('bins: an edge belongs to the interval it closes; text that is not a number is refused, not grouped', () => {
  const edges = [18, 30, 50];
  assert.deepEqual([17, 18, 18.5, 30, 31, 50, 51].map((v) => binIndex(edges, v)), [0, 0, 1, 1, 2, 2, 3]);
  const split = groupRows('age', ['20', 'n/a', null], edges, [20, null, null]);
  assert.deepEqual(split.notNumeric, [1]);
  assert.deepEqual(split.groups.map((g) => [g.value, g.rows]), [['(18, 30]', [0]], [null, [2]]]);
});

test('spec checks: multiclass refused, bins only for sensitive columns and ascending, unknown metrics and gates named', () => {
  assert.throws(() => checkFairnessSpec({ sensitive: ['g'] }, 'multiclass'), /binary classification and regression, not multiclass/);
  assert.throws(() => checkFairnessSpec({ sensitive: ['g'], bins: { age: [1, 2] } }, 'binary'), /evaluation\.fairness\.bins\.age: "age" is not listed/);
  assert.throws(() => checkFairnessSpec({ sensitive: ['age'], bins: { age: [30, 18] } }, 'binary'), /bin edges must increase \(30 then 18\)/);
  assert.throws(() => checkFairnessSpec({ sensitive: ['g'], metrics: ['mae'] }, 'binary'), /evaluation\.fairness\.metrics\[0\]: "mae" is not a fairness metric for a binary task/);
  assert.throws(() => checkFairnessSpec({ sensitive: ['g'], gates: { selection_rate: '<= 1' } }, 'binary'), /evaluation\.fairness\.gates\.selection_rate: unknown metric/);
  assert.throws(() => checkFairnessSpec({ sensitive: [] }, 'binary'), /name at least one sensitive column/);
});

test('training refuses evaluation.fairness without validation rows, before any run is recorded', async () => {
  const { checkSpec } = await import('../../../server/src/core/training/run');
  const spec = {
    apiVersion: 'mlops/v1', kind: 'Pipeline', data: { train: { path: 'd.csv' } }, features: { target: 'y' },
    model: { type: 'logistic', task: 'binary' }, training: { validationSplit: 0 },
    evaluation: { fairness: { sensitive: ['g'], gates: { demographic_parity_difference: '<= 0.1' } } },
  } as unknown as Parameters<typeof checkSpec>[0];
  assert.throws(() => checkSpec(spec), /evaluation\.fairness: fairness is measured on the validation rows; set training\.validationSplit above 0/);
  spec.training = { validationSplit: 0.2 } as typeof spec.training;
  assert.equal(checkSpec(spec).fairness.length, 1);
});

test('an unbinned numeric column with 200,000 distinct values: one group each, and the gaps still compute', () => {
  const rows = 200_000;
  const y = Array.from({ length: rows }, (_, i) => i % 2);
  const score = Array.from({ length: rows }, (_, i) => (i % 3 === 0 ? 0.9 : 0.1));
  const r = computeFairness({ sensitive: ['id'], metrics: ['selection_rate', 'demographic_parity_difference', 'demographic_parity_ratio'] }, {
    task: 'binary', y, score, sensitive: new Map([['id', { values: Array.from({ length: rows }, (_, i) => i) }]]),
  });
  assert.equal(r.groups.length, rows);
  assert.deepEqual([r.summary.demographic_parity_difference, r.summary.demographic_parity_ratio], [1, 0]);
});
