// Fairness for a regression model end to end, without a contract: training writes per-group MAE and
// RMSE on the validation rows, and `mlops evaluate --run` on a new labelled file gives per-group
// errors equal to those of an independent float64 computation of the saved model (written apart
// from the engine), with a binned numeric sensitive column holding a missing value.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadRunnableSpec } from '../../server/src/core/pipeline/load';
import { runTraining } from '../../server/src/core/training/run';
import { mlops } from '../helpers/cli';
import { referenceModel } from '../helpers/referenceModel';

let dir: string;
let runId: string;

/** Seeded rows: y = 3x + an offset by group + noise; `band` is numeric, missing every 37th row. */
function rows(seed: number, n: number): Array<{ x: number; group: string; band: number | null; y: number }> {
  let s = seed;
  const rand = () => { s = (s * 1103515245 + 12345) % 2 ** 31; return s / 2 ** 31; };
  return Array.from({ length: n }, (_, i) => {
    const x = Math.round(rand() * 1000) / 100;
    const group = ['a', 'b', 'c'][i % 3]!;
    const band = i % 37 === 0 ? null : Math.round(rand() * 100);
    return { x, group, band, y: Math.round((3 * x + (group === 'c' ? 4 : 0) + rand()) * 1000) / 1000 };
  });
}

function write(file: string, data: ReturnType<typeof rows>): void {
  writeFileSync(join(dir, file), `x,group,band,y\n${data.map((r) => `${r.x},${r.group},${r.band ?? ''},${r.y}`).join('\n')}\n`);
}

before(async () => {
  dir = mkdtempSync(join(tmpdir(), 'mlops-fair-reg-'));
  write('train.csv', rows(1, 600));
  write('labelled.csv', rows(2, 300));
  writeFileSync(join(dir, 'mlops.yaml'), [
    'apiVersion: mlops/v1', 'kind: Pipeline', 'metadata: { name: reg }', 'data:', '  train: { path: train.csv }',
    'features:', '  target: y', '  include: [x]', 'model: { type: linear, task: regression }',
    'training: { epochs: 40, batchSize: 32, learningRate: 0.05, validationSplit: 0.25, seed: 3 }',
    'evaluation:', '  fairness:', '    sensitive: [group, band]', '    bins: { band: [25, 50, 75] }',
    '    gates: { mae_difference: "<= 100" }', '',
  ].join('\n'));
  const specPath = join(dir, 'mlops.yaml');
  const { spec, hash } = loadRunnableSpec(specPath);
  const r = await runTraining({ workspace: dir, specPath, specHash: hash, spec });
  assert.equal(r.status, 'completed', r.error);
  runId = r.runId;
});
after(() => rmSync(dir, { recursive: true, force: true }));

test('mlops evaluate --run on a regression model: per-group MAE and RMSE equal an independent computation', () => {
  const r = mlops(['evaluate', '--run', runId, '--data', 'labelled.csv', '--format', 'json'], dir);
  assert.equal(r.code, 0, r.stderr);
  const out = JSON.parse(r.stdout);
  assert.equal(out.fairness.task, 'regression');
  const ref = referenceModel(join(dir, '.mlops/runs', runId, 'model'));
  const data = rows(2, 300);
  const err = data.map((row) => ref.score({ x: row.x })[0]! - row.y);
  const bandOf = (b: number | null) => (b === null ? null : b <= 25 ? '(-inf, 25]' : b <= 50 ? '(25, 50]' : b <= 75 ? '(50, 75]' : '(75, inf)');
  const expected = new Map<string, number[]>();
  data.forEach((row, i) => {
    for (const key of [`group:${row.group}`, `band:${bandOf(row.band)}`]) expected.set(key, [...(expected.get(key) ?? []), err[i]!]);
  });
  assert.equal(out.fairness.groups.length, expected.size);
  const maes: Record<string, number[]> = { group: [], band: [] };
  for (const g of out.fairness.groups as Array<{ column: string; value: string | null; n: number; metrics: { mae: number; rmse: number } }>) {
    const e = expected.get(`${g.column}:${g.value}`)!;
    assert.equal(g.n, e.length, `${g.column}=${g.value}`);
    const mae = e.reduce((a, v) => a + Math.abs(v), 0) / e.length;
    const rmse = Math.sqrt(e.reduce((a, v) => a + v * v, 0) / e.length);
    assert.ok(Math.abs(g.metrics.mae - mae) < 1e-4, `${g.column}=${g.value} mae ${g.metrics.mae} vs ${mae}`);
    assert.ok(Math.abs(g.metrics.rmse - rmse) < 1e-4, `${g.column}=${g.value} rmse ${g.metrics.rmse} vs ${rmse}`);
    maes[g.column]!.push(mae);
  }
  assert.ok(out.fairness.groups.some((g: { column: string; value: unknown }) => g.column === 'band' && g.value === null), 'the missing band is a group');
  const worst = Math.max(...Object.values(maes).map((m) => Math.max(...m) - Math.min(...m)));
  assert.ok(Math.abs(out.fairness.summary.mae_difference - worst) < 1e-4);
  assert.ok(out.fairness.byColumn.group.mae_difference > 1, 'the model has no group input, so group c (offset 4) is worse');
  assert.deepEqual(out.gates.map((g: { metric: string; passed: boolean }) => [g.metric, g.passed]), [['fairness.mae_difference', true]]);
});

test('training wrote the regression fairness block on the validation rows', async () => {
  const { readRun } = await import('../../server/src/core/tracking/store');
  const run = readRun(dir, runId);
  assert.equal(run.fairness!.task, 'regression');
  for (const column of ['group', 'band']) {
    const groups = run.fairness!.groups.filter((g) => g.column === column);
    assert.equal(groups.reduce((n, g) => n + g.n, 0), run.rows!.validation, column);
    assert.deepEqual(Object.keys(groups[0]!.metrics), ['mae', 'rmse']);
  }
  assert.deepEqual(Object.keys(run.fairness!.summary), ['mae_difference', 'rmse_difference']);
  assert.equal(run.gates[0]!.metric, 'fairness.mae_difference');
});
