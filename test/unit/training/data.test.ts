import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { runTraining, type TrainResult } from '../../../server/src/core/training/run';
import { loadRunnableSpec } from '../../../server/src/core/pipeline/load';
import { StoreError } from '../../../server/src/core/tracking/store';
import { churnWorkspace, editTrainCsv, quick, type Workspace } from './workspace';

// Bad training data must stop the run with a message naming the column and the lines, mark the run
// failed with that reason, and leave no model behind.

async function train(ws: Workspace): Promise<TrainResult> {
  const { spec, hash } = loadRunnableSpec(ws.spec);
  return runTraining({ workspace: ws.dir, specPath: ws.spec, specHash: hash, spec });
}

async function expectFailure(edit: (s: Record<string, any>) => void, rows: ((r: string[][]) => string[][]) | null, message: RegExp): Promise<void> {
  const ws = churnWorkspace((s) => { quick(s, 2); edit(s); });
  try {
    if (rows) editTrainCsv(ws, rows);
    const r = await train(ws);
    assert.equal(r.status, 'failed');
    assert.equal(r.failure, 'data');
    assert.match(r.error!, message);
    assert.equal(r.artifacts.model, null);
    assert.equal(existsSync(join(r.artifacts.runDir, 'model')), false);
    const record = JSON.parse(readFileSync(r.artifacts.record, 'utf8'));
    assert.equal(record.status, 'failed');
    assert.equal(record.error, r.error);
    assert.ok(record.endedAt);
  } finally {
    ws.cleanup();
  }
}

const col = (rows: string[][], name: string) => rows[0]!.indexOf(name);
const setCell = (name: string, lines: number[], value: string) => (rows: string[][]) => {
  for (const l of lines) rows[l - 1]![col(rows, name)] = value;
  return rows;
};

test('NaN and Inf in a numeric feature name the column and the lines', async () => {
  await expectFailure(() => {}, (rows) => setCell('monthly_charges', [12], 'inf')(setCell('monthly_charges', [5], 'NaN')(rows)),
    /"monthly_charges": 2 value\(s\) that are not finite numbers at lines 5, 12/);
});

test('text in a numeric feature names the column, the line and the value', async () => {
  await expectFailure(() => {}, setCell('age', [7], 'forty'), /"age": 1 value\(s\) that are not finite numbers at line 7 \("forty"\)/);
});

test('missing values stop the run by default, listing the lines per column', async () => {
  await expectFailure(() => {}, (rows) => setCell('plan', [9], '')(setCell('tenure_months', [3, 4], '')(rows)),
    /missing values in "tenure_months" at lines 3, 4; "plan" at line 9; set features.missing/);
});

test('a target with one class is refused', async () => {
  await expectFailure(() => {}, (rows) => rows.map((r, i) => (i === 0 ? r : (r[col(rows, 'churned')] = '0', r))),
    /target "churned" has one class \(0\) in 5000 rows/);
});

test('zero rows left after dropping missing values', async () => {
  await expectFailure((s) => { s.features.missing = 'drop'; }, (rows) => rows.map((r, i) => (i === 0 ? r : (r[col(rows, 'age')] = '', r))),
    /no rows left to train on \(5000 rows read, 5000 dropped/);
});

test('an unknown column names the spec path and lists the file\'s columns', async () => {
  await expectFailure((s) => { s.features.include[0] = 'agee'; }, null, /^data\/train.csv: features.include\[0\]: column "agee" is not in the data \(columns: customer_id, signup_date, age,/);
});

test('more classes than the spec says: outside the contract\'s values, or more than binary', async () => {
  await expectFailure(() => {}, setCell('churned', [20, 30], '2'), /target "churned": value\(s\) 2 at lines 20, 30 are not among the contract's valid values \(0, 1\)/);
  await expectFailure((s) => { delete s.data.train.contract; }, setCell('churned', [20], '2'), /target "churned" has 3 classes \(0, 1, 2\) but model.task is binary; use task: multiclass/);
  await expectFailure((s) => { delete s.data.train.contract; s.model.task = 'multiclass'; s.model.classes = 2; s.evaluation.gates = {}; }, setCell('churned', [20], '2'),
    /has 3 classes \(0, 1, 2\) but model.classes is 2/);
});

test('missing values are imputed when the spec says so, and categories come from the contract with an unknown bucket', async () => {
  const ws = churnWorkspace((s) => { quick(s, 2); s.features.missing = 'median'; });
  try {
    editTrainCsv(ws, setCell('tenure_months', [3, 4], ''));
    const r = await train(ws);
    assert.equal(r.status, 'completed', r.error);
    const prep = JSON.parse(readFileSync(join(r.artifacts.model!, 'preprocessing.json'), 'utf8'));
    const tenure = prep.steps.find((s: any) => s.column === 'tenure_months');
    assert.equal(typeof tenure.fill, 'number');
    const plan = prep.steps.find((s: any) => s.column === 'plan');
    assert.deepEqual(plan.categories, ['basic', 'standard', 'premium']); // the contract's order, not the data's
    assert.ok(prep.featureNames.includes('plan=<unknown>'));
  } finally {
    ws.cleanup();
  }
});

test('a workspace where .mlops cannot be written gives a clear error naming the folder', async () => {
  const ws = churnWorkspace((s) => quick(s, 1));
  try {
    writeFileSync(join(ws.dir, '.mlops'), 'not a folder');
    await assert.rejects(train(ws), (e: unknown) => e instanceof StoreError && /cannot create the run folder .*\.mlops.runs.* free space or fix permissions/.test((e as Error).message));
    mkdirSync(join(ws.dir, 'sub'));
  } finally {
    ws.cleanup();
  }
});

test('a missing data file or contract fails the run naming the file', async () => {
  await expectFailure((s) => { s.data.train.path = 'data/nope.csv'; }, null, /data\/nope.csv: no such data file/);
  await expectFailure((s) => { s.data.train.contract = 'contracts/nope.yaml'; }, null, /data.train.contract: .*contracts\/nope.yaml: cannot read the contract: it does not exist/);
});
