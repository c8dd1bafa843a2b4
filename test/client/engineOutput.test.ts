/**
 * The client's reads of engine output, on real output: a temp copy of examples/churn is trained,
 * registered and promoted with the built CLI, then the language server's answers (runs, epochs, models,
 * history) go through the client's converters, and the client's argument builders are checked against
 * the CLI.
 */
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { cpSync, existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import type { MlopsConfig } from '../../client/src/config';
import { checkArgs } from '../../client/src/data/dataArgs';
import { driftArgs } from '../../client/src/drift/driftArgs';
import { toEpochPoint, toRunRow } from '../../client/src/experiments/rows';
import { headlineMetric, newestEventsFirst, newestVersionsFirst } from '../../client/src/registry/modelsData';
import { promoteArgs, registerArgs } from '../../client/src/registry/registryArgs';
import {
  isError, ModelHistoryRequest, ModelsRequest, RunEpochsRequest, RunsRequest, type AliasEvent, type Answer, type EpochMetrics,
  type ListedRun, type ModelSummary,
} from '../../server/src/protocol';
import { LspTestClient, SERVER } from '../helpers/lspClient';

const ROOT = resolve(__dirname, '../..');
const CLI = join(ROOT, 'dist', 'cli.js');
const config: MlopsConfig = { backend: 'auto', maxParallelTrials: 0, drift: { sampleRows: 1000, workers: 1 }, sqlTimeoutMs: 60000, lfsThresholdMB: 50, nodePath: '' };

describe('client reads of real engine output', { skip: existsSync(CLI) && existsSync(SERVER) ? false : 'dist/ is not built (npm run build)' }, () => {
  let ws = '';
  let lsp: LspTestClient;
  const runs = () => lsp.request<ListedRun[]>(RunsRequest.method, { roots: [ws] });
  const cli = (args: string[]) => spawnSync(process.execPath, [CLI, ...args], { cwd: ws, encoding: 'utf8' });
  const git = (...args: string[]) => spawnSync('git', args, { cwd: ws, encoding: 'utf8' });

  before(async () => {
    ws = join(mkdtempSync(join(tmpdir(), 'mlops-client-')), 'churn');
    cpSync(join(ROOT, 'examples', 'churn'), ws, { recursive: true, filter: (p) => !p.includes('.mlops') });
    git('init', '-q', '-b', 'main');
    git('-c', 'user.email=t@example.invalid', '-c', 'user.name=T', 'commit', '-q', '--allow-empty', '-m', 'start');
    const r = cli(['train', 'mlops.yaml', '--format', 'json']);
    assert.equal(r.status, 0, r.stderr);
    lsp = await LspTestClient.start(ws);
  });
  after(async () => {
    await lsp?.stop();
    rmSync(join(ws, '..'), { recursive: true, force: true });
  });

  it('lists a real run with its folder and turns the record into a table row: flattened params, duration, data hash, gates', async () => {
    const listed = await runs();
    assert.equal(listed.length, 1);
    const { record, root, folder } = listed[0]!;
    assert.equal(root, ws);
    assert.deepEqual(JSON.parse(readFileSync(join(folder, 'run.json'), 'utf8')).id, record.id, 'the folder holds the run\'s run.json');
    const row = toRunRow(record, true);
    assert.equal(row.status, 'completed');
    assert.equal(row.starred, true);
    assert.equal(row.params['training.learningRate'], 0.003);
    assert.equal(row.params['model.layers[0].units'], 32);
    assert.equal(row.params['features.include'], 'age, tenure_months, plan, contract_type, monthly_charges, support_calls');
    assert.equal(row.durationMs, Date.parse(record.endedAt!) - Date.parse(record.startedAt));
    const sha = createHash('sha256').update(readFileSync(join(ws, 'data', 'train.csv'))).digest('hex');
    assert.equal(row.dataHashes.train, sha);
    assert.equal(row.gatesPassed, true);
    assert.ok(Object.values(row.metrics).every((v) => Number.isFinite(v)) && 'val_auc' in row.metrics);
  });

  it('reads the epochs of a run as chart points without the timestamp', async () => {
    const [{ record }] = (await runs()) as [ListedRun];
    const [series] = await lsp.request<Array<{ runId: string; epochs: EpochMetrics[] }>>(RunEpochsRequest.method,
      { runs: [{ root: ws, runId: record.id }, { root: ws, runId: '../../etc' }] });
    assert.equal(series!.runId, record.id);
    const points = series!.epochs.map(toEpochPoint);
    const lines = readFileSync(join(ws, '.mlops', 'runs', record.id, 'metrics.jsonl'), 'utf8').trim().split('\n');
    assert.equal(points.length, lines.length, 'one point per metrics.jsonl line');
    assert.equal(points.length, record!.epochsRun);
    assert.equal(points.length, record.epochsRun);
    assert.deepEqual(points.map((p) => p!.epoch), points.map((_, i) => i + 1));
    assert.ok(points.every((p) => !('time' in p!.metrics) && typeof p!.metrics.val_loss === 'number'));
  });

  it('builds check and drift command lines the CLI accepts', () => {
    const check = cli(checkArgs(join(ws, 'contracts', 'customers.odcs.yaml'), join(ws, 'data', 'train.csv'), 'customers', config.sqlTimeoutMs));
    assert.equal(check.status, 0, check.stderr);
    assert.equal(JSON.parse(check.stdout).passed, true);
    const drift = cli(driftArgs({ spec: join(ws, 'mlops.yaml') }, config));
    assert.equal(drift.status, 0, drift.stderr);
    const report = JSON.parse(drift.stdout) as { reference: { sampledRows?: number }; features: unknown[] };
    assert.equal(report.reference.sampledRows, 1000, 'the sample setting reaches the engine');
  });

  it('passes drift settings only where the spec\'s monitoring.drift is silent, and the engine applies them', () => {
    const withDefaults: MlopsConfig = { ...config, drift: { sampleRows: 0, workers: 0, method: 'psi', threshold: 5, driftShare: 0.9 } };
    const specSets = ['method', 'threshold', 'driftShare', 'features'];
    assert.deepEqual(driftArgs({ spec: 'mlops.yaml' }, withDefaults, specSets), ['drift', '--spec', 'mlops.yaml', '--format', 'json']);
    const args = driftArgs({ spec: join(ws, 'mlops.yaml') }, withDefaults, ['features']);
    assert.deepEqual(args.slice(3), ['--method', 'psi', '--threshold', '5', '--drift-share', '0.9', '--format', 'json']);
    const r = cli(args);
    assert.equal(r.status, 0, r.stderr);
    const report = JSON.parse(r.stdout) as { datasetDrift: boolean; features: Array<{ method: string; drifted: boolean }> };
    assert.ok(report.features.every((f) => f.method === 'psi' && !f.drifted));
    assert.equal(report.datasetDrift, false);
  });

  it('registers and promotes through the client\'s arguments and reads the models and history back', async () => {
    const [{ record }] = (await runs()) as [ListedRun];
    const reg = cli(registerArgs(record!.id, { ...config, lfsThresholdMB: 20 }));
    assert.equal(reg.status, 0, reg.stderr);
    const promote = cli(promoteArgs('churn-classifier', 'v1', 'staging', 'first candidate'));
    assert.equal(promote.status, 0, promote.stderr);
    const answer = await lsp.request<Answer<{ models: ModelSummary[] }>>(ModelsRequest.method, { workspace: ws });
    assert.ok(!isError(answer), JSON.stringify(answer));
    const models = newestVersionsFirst(answer.models);
    assert.equal(models.length, 1);
    const [model] = models;
    assert.equal(model!.name, 'churn-classifier');
    assert.deepEqual(model!.versions.map((v) => [v.version, v.runId, v.aliases]), [[1, record!.id, ['staging']]]);
    assert.ok(existsSync(join(ws, model!.versions[0]!.path, 'card.md')), 'the listed version path holds the card');
    assert.match(headlineMetric(model!.versions[0]!.metrics), /^val_auc 0\.\d+$/);
    const read = await lsp.request<Answer<{ history: AliasEvent[] }>>(ModelHistoryRequest.method, { workspace: ws, model: 'churn-classifier' });
    assert.ok(!isError(read), JSON.stringify(read));
    const history = newestEventsFirst(read.history);
    assert.deepEqual(history.map((e) => [e.alias, e.version, e.from, e.reason]), [['staging', 1, null, 'first candidate']]);
  });
});
