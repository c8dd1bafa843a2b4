/**
 * The editor's reads of the engine over a real stdio connection to dist/server.js: the custom requests
 * of server/src/protocol.ts on hand-written files in a temp workspace, and the contract's "Check data"
 * lenses. Expected values come from the files the test writes, not from the engine.
 */
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { hostname, tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { CodeLens } from 'vscode-languageserver-protocol';
import { COMMANDS } from '../../server/src/cliProtocol';
import {
  IsPipelineSpecRequest, ModelHistoryRequest, ModelsRequest, RunsRequest, SpecSummaryRequest, type Answer, type ListedRun,
  type ModelSummary, type SpecSummary,
} from '../../server/src/protocol';
import { LspTestClient, SERVER } from '../helpers/lspClient';

const SPEC = `apiVersion: mlops/v1
kind: Pipeline
metadata:
  name: churn
data:
  train:
    path: data/train.csv
    contract: contracts/people.odcs.yaml
    schema: people
  current: { path: ../shared/current.csv }
stages:
  prepare:
    cmd: node prepare.mjs
  broken: { deps: [a] }
features:
  target: churned
sweep:
  parallel: 3
monitoring:
  drift:
    method: psi
    threshold: 0.2
registry:
  model: churn-classifier
`;

const CONTRACT = `apiVersion: v3.0.2
kind: DataContract
id: people
version: 1.0.0
status: active
schema:
  - name: people
    properties:
      - name: age
        logicalType: integer
  - name: visits
    properties:
      - name: at
        logicalType: date
`;

function writeRun(root: string, id: string, startedAt: string, extra: Record<string, unknown> = {}): void {
  mkdirSync(join(root, '.mlops', 'runs', id), { recursive: true });
  writeFileSync(join(root, '.mlops', 'runs', id, 'run.json'), JSON.stringify({
    id, specPath: 'mlops.yaml', specHash: 'a'.repeat(64), params: {}, backend: 'cpu', seed: 1, startedAt, status: 'completed',
    data: {}, gates: [], metrics: { val_auc: 0.5 }, ...extra,
  }));
}

describe('engine requests over the language server', { skip: existsSync(SERVER) ? false : 'dist/server.js is not built (npm run build)' }, () => {
  let ws = '';
  let lsp: LspTestClient;
  const summary = (path: string) => lsp.request<Answer<{ summary: SpecSummary }>>(SpecSummaryRequest.method, { path });

  before(async () => {
    ws = mkdtempSync(join(tmpdir(), 'mlops-requests-'));
    mkdirSync(join(ws, 'contracts'));
    writeFileSync(join(ws, 'mlops.yaml'), SPEC);
    writeFileSync(join(ws, 'contracts', 'people.odcs.yaml'), CONTRACT);
    lsp = await LspTestClient.start(ws);
  });
  after(async () => {
    await lsp?.stop();
    rmSync(ws, { recursive: true, force: true });
  });

  it('mlops/specSummary: data links resolved against the spec folder, stages with a cmd, the settings the spec sets', async () => {
    const answer = await summary(join(ws, 'mlops.yaml'));
    assert.ok('summary' in answer, JSON.stringify(answer));
    assert.deepEqual(answer.summary, {
      path: join(ws, 'mlops.yaml'), folder: ws, name: 'churn',
      data: {
        train: { path: join(ws, 'data', 'train.csv'), contract: join(ws, 'contracts', 'people.odcs.yaml'), schema: 'people' },
        current: { path: join(ws, '..', 'shared', 'current.csv') },
      },
      stages: { prepare: { cmd: 'node prepare.mjs' } },
      driftKeys: ['method', 'threshold'], registryModel: 'churn-classifier', sweepParallel: 3,
    });
  });

  it('mlops/specSummary reads an open editor\'s unsaved text, and names the file when it cannot read it', async () => {
    const path = join(ws, 'other.mlops.yaml');
    writeFileSync(path, SPEC);
    const uri = lsp.open(path, SPEC.replace('name: churn', 'name: edited').replace('parallel: 3', 'parallel: 5'));
    const edited = await summary(path);
    assert.ok('summary' in edited);
    assert.equal(edited.summary.name, 'edited');
    assert.equal(edited.summary.sweepParallel, 5);
    lsp.change(uri, { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } }, 'data: [unclosed\n');
    const broken = await summary(path);
    assert.ok('error' in broken);
    assert.match(broken.error, new RegExp(`^${path.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}: cannot read the pipeline spec \\(`));
    const missing = await summary(join(ws, 'nowhere.mlops.yaml'));
    assert.ok('error' in missing && missing.error.includes('nowhere.mlops.yaml'), JSON.stringify(missing));
  });

  it('mlops/isPipelineSpec: by file name, or by apiVersion and kind of an open document; contracts and plain YAML are not', async () => {
    const ask = (path: string) => lsp.request<boolean>(IsPipelineSpecRequest.method, { uri: pathToFileURL(path).toString() });
    assert.equal(await ask(join(ws, 'mlops.yaml')), true);
    const byContent = join(ws, 'training.yaml');
    lsp.open(byContent, 'apiVersion: mlops/v1\nkind: Pipeline\n');
    assert.equal(await ask(byContent), true);
    writeFileSync(join(ws, 'compose.yaml'), 'services: {}\n');
    assert.equal(await ask(join(ws, 'compose.yaml')), false);
    assert.equal(await ask(join(ws, 'contracts', 'people.odcs.yaml')), false);
  });

  it('mlops/runs: every root\'s runs newest first with their folders; an id under two roots is listed once, from the first', async () => {
    const second = join(ws, 'project');
    writeRun(ws, 'run-old', '2026-01-01T00:00:00.000Z');
    writeRun(ws, 'run-both', '2026-01-03T00:00:00.000Z');
    writeRun(second, 'run-both', '2026-01-03T00:00:00.000Z', { backend: 'wasm' });
    writeRun(second, 'run-new', '2026-01-05T00:00:00.000Z');
    mkdirSync(join(ws, '.mlops', 'runs', 'half-written'));
    // A run whose process on this host is gone reads as interrupted.
    const dead = spawnSync(process.execPath, ['-e', '0']).pid;
    writeRun(second, 'run-dead', '2026-01-04T00:00:00.000Z', { status: 'running', pid: dead, host: hostname() });
    const runs = await lsp.request<ListedRun[]>(RunsRequest.method, { roots: [ws, second] });
    assert.deepEqual(runs.map((r) => [r.record.id, r.root, r.folder]), [
      ['run-new', second, join(second, '.mlops', 'runs', 'run-new')],
      ['run-dead', second, join(second, '.mlops', 'runs', 'run-dead')],
      ['run-both', ws, join(ws, '.mlops', 'runs', 'run-both')],
      ['run-old', ws, join(ws, '.mlops', 'runs', 'run-old')],
    ]);
    assert.equal(runs.find((r) => r.record.id === 'run-both')!.record.backend, 'cpu');
    assert.equal(runs.find((r) => r.record.id === 'run-dead')!.record.status, 'interrupted');
  });

  it('mlops/models and mlops/modelHistory: the registry\'s files, and a broken history as an error naming its line', async () => {
    const empty = await lsp.request<Answer<{ models: ModelSummary[] }>>(ModelsRequest.method, { workspace: ws });
    assert.deepEqual(empty, { models: [] });
    mkdirSync(join(ws, 'models', 'churn'), { recursive: true });
    writeFileSync(join(ws, 'models', 'churn', 'aliases.jsonl'), '{"alias":"staging","version":1}\n');
    const history = await lsp.request<Answer<{ history: unknown[] }>>(ModelHistoryRequest.method, { workspace: ws, model: 'churn' });
    assert.ok('error' in history, JSON.stringify(history));
    assert.match(history.error, /models\/churn\/aliases\.jsonl:1: /);
  });

  it('contracts get a "Check data" lens above each schema object, with the contract and the object\'s name', async () => {
    const path = join(ws, 'contracts', 'people.odcs.yaml');
    const uri = lsp.open(path, CONTRACT);
    const lenses = await lsp.request<CodeLens[]>('textDocument/codeLens', { textDocument: { uri } });
    const lines = CONTRACT.split('\n');
    assert.deepEqual(lenses.map((l) => [l.range.start.line, l.command?.title, l.command?.command, l.command?.arguments]), [
      [lines.indexOf('  - name: people'), 'Check data', COMMANDS.checkData, [uri, 'people']],
      [lines.indexOf('  - name: visits'), 'Check data', COMMANDS.checkData, [uri, 'visits']],
    ]);
  });
});
