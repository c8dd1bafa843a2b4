/**
 * mlops/sweeps over a real stdio connection to dist/server.js: sweep records written by hand in the
 * agreed shape (`.mlops/sweeps/<id>/sweep.json`) come back as written, broken ones are named by file.
 */
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { SweepRecordsRequest, type SweepRecordsResult } from '../../server/src/protocol';
import { LspTestClient, SERVER } from '../helpers/lspClient';

function writeSweep(root: string, id: string, body: unknown): string {
  const dir = join(root, '.mlops', 'sweeps', id);
  mkdirSync(dir, { recursive: true });
  const file = join(dir, 'sweep.json');
  writeFileSync(file, typeof body === 'string' ? body : JSON.stringify(body));
  return file;
}

const RECORD = {
  id: 'sweep-b', spec: 'mlops.yaml', strategy: 'tpe', seed: 7, metric: 'val_auc', goal: 'maximize',
  pruner: { type: 'asha', minEpochs: 2, reductionFactor: 3, metric: 'val_auc' }, budget: { trials: 3, maxEpochs: 10, minutes: null },
  status: 'completed', parameters: { 'training.learningRate': { min: 0.0001, max: 0.1, scale: 'log' } },
  trials: [
    { number: 0, runId: 'r0', params: { 'training.learningRate': 0.01 }, status: 'completed', intermediate: [{ epoch: 1, value: 0.7 }, { epoch: 2, value: 0.8 }], value: 0.8 },
    { number: 1, runId: 'r1', params: { 'training.learningRate': 0.0003 }, status: 'pruned', intermediate: [{ epoch: 1, value: 0.6 }], value: null },
    { number: 2, runId: null, params: { 'training.learningRate': 0.05 }, status: 'failed' },
  ],
  best: { number: 0, runId: 'r0', value: 0.8, params: { 'training.learningRate': 0.01 } },
  startedAt: '2026-11-30T10:00:00.000Z', endedAt: '2026-11-30T10:05:00.000Z',
};

describe('mlops/sweeps over the language server', { skip: existsSync(SERVER) ? false : 'dist/server.js is not built (npm run build)' }, () => {
  let ws = '';
  let lsp: LspTestClient;
  before(async () => {
    ws = mkdtempSync(join(tmpdir(), 'mlops-sweeps-'));
    lsp = await LspTestClient.start(ws);
  });
  after(async () => {
    await lsp?.stop();
    rmSync(ws, { recursive: true, force: true });
  });

  it('lists the records of every root newest first, fills left-out trial lists, and names unreadable files', async () => {
    const other = join(ws, 'project');
    writeSweep(ws, 'sweep-b', RECORD);
    writeSweep(other, 'sweep-c', { ...RECORD, id: 'sweep-c', goal: 'minimize', metric: 'val_loss', best: null });
    const broken = writeSweep(ws, 'sweep-a', '{"id": "sweep-a", ');
    const shapeless = writeSweep(ws, 'sweep-0', { id: 'sweep-0', metric: 'val_auc', goal: 'maximize' });
    const answer = await lsp.request<SweepRecordsResult>(SweepRecordsRequest.method, { roots: [ws, other] });
    assert.deepEqual(answer.sweeps.map((s) => [s.id, s.root, s.metric, s.goal]), [
      ['sweep-b', ws, 'val_auc', 'maximize'],
      ['sweep-c', other, 'val_loss', 'minimize'],
    ]);
    const b = answer.sweeps[0]!;
    assert.deepEqual(b.trials.map((t) => [t.number, t.status, t.runId, t.value, t.intermediate.length]),
      [[0, 'completed', 'r0', 0.8, 2], [1, 'pruned', 'r1', null, 1], [2, 'failed', null, null, 0]]);
    assert.deepEqual(b.best, RECORD.best);
    assert.deepEqual(b.pruner, RECORD.pruner, 'fields the plots do not need are kept');
    assert.equal(answer.problems.length, 2, answer.problems.join('\n'));
    assert.match(answer.problems.find((p) => p.startsWith(broken)) ?? '', /not valid JSON/);
    assert.match(answer.problems.find((p) => p.startsWith(shapeless)) ?? '', /"trials"/);
  });

  it('answers with nothing for a folder without sweeps', async () => {
    const empty = mkdtempSync(join(tmpdir(), 'mlops-nosweeps-'));
    assert.deepEqual(await lsp.request<SweepRecordsResult>(SweepRecordsRequest.method, { roots: [empty] }), { sweeps: [], problems: [] });
    rmSync(empty, { recursive: true, force: true });
  });
});
