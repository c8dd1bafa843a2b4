// Fairness end to end on the churn example in a real temporary git repository: training writes the
// fairness block to run.json, a failing fairness gate blocks `mlops register` (exit 1, nothing
// committed), the card carries the block, and `mlops evaluate` (the built CLI) measures a registered
// version and a run on labelled files: exit 0 when gates pass, 1 when one fails, 2 when the data
// breaks the contract. Numbers are checked against the scores `mlops predict` gives and an
// independent computation written here.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { cpSync, existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { loadRunnableSpec } from '../../server/src/core/pipeline/load';
import { runTraining } from '../../server/src/core/training/run';
import type { RunRecord } from '../../server/src/core/tracking/types';
import { sandbox, type Sandbox } from '../git/helpers';
import { mlops } from '../helpers/cli';
import { EXAMPLE } from '../helpers/workspace';

const MODEL = 'churn-classifier';
let s: Sandbox;
let passing: string;
let failing: string;

async function train(gate: string): Promise<string> {
  const specPath = join(s.dir, 'mlops.yaml');
  const { spec, hash } = loadRunnableSpec(specPath);
  spec.training = { ...spec.training, epochs: 3 };
  spec.evaluation = {
    metrics: ['accuracy', 'auc'], gates: { auc: '>= 0' },
    fairness: { sensitive: ['region', 'age'], bins: { age: [30, 45, 60] }, gates: { demographic_parity_difference: gate } },
  };
  const r = await runTraining({ workspace: s.dir, specPath, specHash: hash, spec });
  assert.equal(r.status, 'completed', r.error);
  return r.runId;
}

before(async () => {
  s = sandbox();
  cpSync(EXAMPLE, s.dir, { recursive: true, filter: (src) => !src.split(/[\\/]/).includes('.mlops') });
  writeFileSync(join(s.dir, '.gitignore'), '.mlops/\n');
  s.git('add', '-A');
  s.git('commit', '-q', '-m', 'example');
  passing = await train('<= 1');
  failing = await train('< 0');
});
after(() => s?.cleanup());

const record = (id: string) => JSON.parse(readFileSync(join(s.dir, '.mlops/runs', id, 'run.json'), 'utf8')) as RunRecord;

function csv(file: string): Array<Record<string, string>> {
  const [head, ...lines] = readFileSync(join(s.dir, file), 'utf8').trim().split('\n');
  const names = head!.split(',');
  return lines.map((l) => Object.fromEntries(l.split(',').map((v, i) => [names[i]!, v])));
}

test('training writes the fairness block on the validation rows, and fairness gates join the run\'s gates', () => {
  const r = record(passing);
  const f = r.fairness!;
  assert.deepEqual(f.sensitive, ['region', 'age']);
  const region = f.groups.filter((g) => g.column === 'region');
  assert.deepEqual(region.map((g) => g.value), ['east', 'north', 'south', 'west']);
  for (const column of ['region', 'age']) {
    assert.equal(f.groups.filter((g) => g.column === column).reduce((n, g) => n + g.n, 0), r.rows!.validation, `${column}: every validation row in one group`);
  }
  assert.deepEqual(f.groups.filter((g) => g.column === 'age').map((g) => g.value), ['(-inf, 30]', '(30, 45]', '(45, 60]', '(60, inf)']);
  const rates = region.map((g) => g.metrics.selection_rate!);
  assert.ok(Math.abs(f.byColumn.region!.demographic_parity_difference! - (Math.max(...rates) - Math.min(...rates))) < 1e-12);
  assert.deepEqual(r.gates.map((g) => [g.metric, g.condition, g.passed]), [['auc', '>= 0', true], ['fairness.demographic_parity_difference', '<= 1', true]]);
  assert.equal(record(failing).gates[1]!.passed, false);
});

test('a failing fairness gate blocks register (exit 1, no commit, no tag); a passing run registers with fairness in its card', () => {
  const head = s.git('rev-parse', 'HEAD');
  const refused = mlops(['register', failing, '--model', MODEL], s.dir, s.env);
  assert.equal(refused.code, 1, refused.stderr);
  assert.match(refused.stderr, /failed its gates \(fairness\.demographic_parity_difference < 0\)/);
  assert.equal(s.git('rev-parse', 'HEAD'), head);
  assert.equal(s.git('tag', '--list').trim(), '');
  const ok = mlops(['register', passing, '--model', MODEL], s.dir, s.env);
  assert.equal(ok.code, 0, ok.stderr);
  const card = JSON.parse(readFileSync(join(s.dir, 'models', MODEL, 'v1', 'card.json'), 'utf8'));
  assert.deepEqual(card.fairness, record(passing).fairness);
  const md = readFileSync(join(s.dir, 'models', MODEL, 'v1', 'card.md'), 'utf8');
  assert.match(md, /## Fairness/);
  assert.match(md, /\| demographic_parity_difference \| [0-9.]+ \|/);
  assert.match(md, /\| \(30, 45\] \| \d+ \|/);
});

/** AUC as the share of (positive, negative) pairs ordered right (ties half), by sorting negatives once. */
function pairAuc(scores: number[], labels: number[]): number {
  const neg = scores.filter((_, i) => labels[i] === 0).sort((a, b) => a - b);
  let wins = 0, pos = 0;
  scores.forEach((p, i) => {
    if (labels[i] !== 1) return;
    pos++;
    let below = 0, equal = 0;
    for (const q of neg) { if (q < p) below++; else if (q === p) equal++; else break; }
    wins += below + equal / 2;
  });
  return wins / (pos * neg.length);
}

test('mlops evaluate --model: the JSON shape, metrics equal to predict\'s scores, fairness groups of the file, exit 0', () => {
  const r = mlops(['evaluate', '--model', MODEL, '--data', 'data/current.csv', '--format', 'json'], s.dir, s.env);
  assert.equal(r.code, 0, r.stderr);
  const out = JSON.parse(r.stdout);
  assert.deepEqual(Object.keys(out), ['model', 'version', 'data', 'metrics', 'fairness', 'gates']);
  assert.equal(out.model, MODEL);
  assert.equal(out.version, 1);
  assert.equal(out.data.path, 'data/current.csv');
  assert.equal(out.data.rows, 3000);
  assert.match(out.data.sha256, /^[0-9a-f]{64}$/);
  const pred = mlops(['predict', '--model', MODEL, '--data', 'data/current.csv', '--format', 'json'], s.dir, s.env);
  assert.equal(pred.code, 0, pred.stderr);
  const scores = (JSON.parse(pred.stdout) as Array<{ prediction: number }>).map((p) => p.prediction);
  const rows = csv('data/current.csv');
  const labels = rows.map((row) => Number(row.churned));
  const correct = scores.filter((p, i) => (p >= 0.5 ? 1 : 0) === labels[i]).length;
  assert.ok(Math.abs(out.metrics.accuracy - correct / rows.length) < 1e-12);
  assert.ok(Math.abs(out.metrics.auc - pairAuc(scores, labels)) < 1e-9, `${out.metrics.auc} vs ${pairAuc(scores, labels)}`);
  const regions = out.fairness.groups.filter((g: { column: string }) => g.column === 'region');
  for (const g of regions) {
    const idx = rows.flatMap((row, i) => (row.region === g.value ? [i] : []));
    assert.equal(g.n, idx.length);
    assert.ok(Math.abs(g.metrics.selection_rate - idx.filter((i) => scores[i]! >= 0.5).length / idx.length) < 1e-12);
  }
  assert.deepEqual(out.gates.map((g: { metric: string; passed: boolean }) => [g.metric, g.passed]), [['auc', true], ['fairness.demographic_parity_difference', true]]);
});

test('mlops evaluate --run with a failing fairness gate: exit 1, a run field, model and version null; text format', () => {
  const r = mlops(['evaluate', '--run', failing, '--data', 'data/current.csv', '--format', 'json'], s.dir, s.env);
  assert.equal(r.code, 1, r.stderr);
  const out = JSON.parse(r.stdout);
  assert.deepEqual(Object.keys(out), ['model', 'version', 'run', 'data', 'metrics', 'fairness', 'gates']);
  assert.deepEqual([out.model, out.version, out.run.id], [null, null, failing]);
  assert.equal(out.gates.find((g: { metric: string }) => g.metric === 'fairness.demographic_parity_difference').passed, false);
  const text = mlops(['evaluate', '--run', failing, '--data', 'data/current.csv'], s.dir, s.env);
  assert.equal(text.code, 1);
  assert.match(text.stdout, /fairness:\n  demographic_parity_difference: [0-9.]+/);
  assert.match(text.stdout, /fairness\.demographic_parity_difference < 0 -> [0-9.]+ FAILED/);
});

test('mlops evaluate refuses with exit 2: data that breaks the contract (file and problem named), bad usage', () => {
  const lines = readFileSync(join(s.dir, 'data/current.csv'), 'utf8').split('\n');
  lines[2] = lines[2]!.replace(/^(C\d+,[^,]+,)\d+,/, '$1150,'); // age 150: the contract says at most 100
  writeFileSync(join(s.dir, 'bad.csv'), lines.join('\n'));
  const r = mlops(['evaluate', '--model', MODEL, '--data', 'bad.csv'], s.dir, s.env);
  assert.equal(r.code, 2, r.stderr);
  assert.match(r.stderr, /bad\.csv does not meet the contract contracts\/customers\.odcs\.yaml/);
  assert.match(r.stderr, /age/);
  assert.doesNotMatch(r.stderr, /\n\s+at /, 'no stack trace');
  const both = mlops(['evaluate', '--model', MODEL, '--run', passing, '--data', 'bad.csv'], s.dir, s.env);
  assert.equal(both.code, 2);
  assert.match(both.stderr, /one of them/);
  const missing = mlops(['evaluate', '--model', MODEL, '--data', 'nope.csv'], s.dir, s.env);
  assert.equal(missing.code, 2);
  assert.match(missing.stderr, /nope\.csv: no such data file/);
  assert.ok(existsSync(join(s.dir, 'bad.csv')));
});
