import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { appendFileSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { diffRuns } from '../../../server/src/core/tracking/diff';
import { appendEpoch, createRun, listRuns, newRunId, processInfo, readEpochs, readRun, resolveRunId, runDir, writeRun } from '../../../server/src/core/tracking/store';
import type { RunRecord } from '../../../server/src/core/tracking/types';

function tempWorkspace(): { dir: string; cleanup(): void } {
  const dir = mkdtempSync(join(tmpdir(), 'mlops-store-'));
  return { dir, cleanup: () => rmSync(dir, { recursive: true, force: true }) };
}

function record(id: string, over: Partial<RunRecord> = {}): RunRecord {
  return {
    id, specPath: 'mlops.yaml', specHash: 'a'.repeat(64), params: { training: { learningRate: 0.01, epochs: 5 }, model: { layers: [{ units: 8 }] } },
    backend: 'wasm', seed: 42, startedAt: '2026-01-01T00:00:00.000Z', status: 'completed', data: { train: { path: 'data/train.csv', sha256: 'b'.repeat(64), rows: 10 } },
    gates: [], metrics: { val_auc: 0.8, loss: 0.4 }, ...processInfo(), ...over,
  };
}

test('run.json is replaced atomically: no temp files are left, and readers see whole records', () => {
  const ws = tempWorkspace();
  try {
    const r = record(newRunId(), { status: 'running' });
    createRun(ws.dir, r);
    for (let i = 0; i < 20; i++) writeRun(ws.dir, { ...r, metrics: { step: i } });
    assert.deepEqual(readdirSync(runDir(ws.dir, r.id)), ['run.json']);
    assert.deepEqual(readRun(ws.dir, r.id).metrics, { step: 19 });
    assert.equal(readRun(ws.dir, r.id).status, 'running'); // this process is alive
  } finally {
    ws.cleanup();
  }
});

test('a running record whose process is gone reads as interrupted, never completed', async () => {
  const ws = tempWorkspace();
  try {
    const child = spawn(process.execPath, ['-e', '']);
    const pid = child.pid!;
    await new Promise((resolve) => child.on('exit', resolve));
    const id = newRunId();
    createRun(ws.dir, record(id, { status: 'running', pid, endedAt: undefined }));
    assert.equal(readRun(ws.dir, id).status, 'interrupted');
    assert.equal(listRuns(ws.dir).find((r) => r.id === id)!.status, 'interrupted');
  } finally {
    ws.cleanup();
  }
});

test('listRuns reads 1,000 runs newest first and skips folders without run.json', () => {
  const ws = tempWorkspace();
  try {
    for (let i = 0; i < 1000; i++) {
      const startedAt = new Date(Date.UTC(2026, 0, 1, 0, 0, i)).toISOString();
      createRun(ws.dir, record(`r${String(i).padStart(4, '0')}`, { startedAt }));
    }
    createRun(ws.dir, record('broken'));
    rmSync(join(runDir(ws.dir, 'broken'), 'run.json'));
    const runs = listRuns(ws.dir);
    assert.equal(runs.length, 1000);
    assert.equal(runs[0]!.id, 'r0999');
    assert.equal(runs[999]!.id, 'r0000');
    assert.deepEqual(runs[0]!.metrics, { val_auc: 0.8, loss: 0.4 });
  } finally {
    ws.cleanup();
  }
});

test('readRun names a missing id; prefixes resolve when unique', () => {
  const ws = tempWorkspace();
  try {
    createRun(ws.dir, record('20260101-000000-aaaaaa'));
    createRun(ws.dir, record('20260101-000000-aabbbb'));
    assert.throws(() => readRun(ws.dir, 'nope'), /run "nope" not found/);
    assert.throws(() => readRun(ws.dir, '../../etc'), /not found/);
    assert.equal(resolveRunId(ws.dir, '20260101-000000-aab'), '20260101-000000-aabbbb');
    assert.throws(() => resolveRunId(ws.dir, '20260101-000000-aa'), /ambiguous/);
  } finally {
    ws.cleanup();
  }
});

test('readEpochs skips a last line cut short by a kill', () => {
  const ws = tempWorkspace();
  try {
    const id = newRunId();
    createRun(ws.dir, record(id));
    appendEpoch(ws.dir, id, { epoch: 1, time: 't', loss: 0.5 });
    appendEpoch(ws.dir, id, { epoch: 2, time: 't', loss: 0.4 });
    appendFileSync(join(runDir(ws.dir, id), 'metrics.jsonl'), '{"epoch":3,"lo');
    assert.deepEqual(readEpochs(ws.dir, id).map((e) => e.epoch), [1, 2]);
  } finally {
    ws.cleanup();
  }
});

test('diffRuns lists only what differs: params by spec path, metrics, data hashes, run facts', () => {
  const a = record('a');
  const b = record('b', {
    params: { training: { learningRate: 0.003, epochs: 5 }, model: { layers: [{ units: 8 }, { units: 4 }] } },
    metrics: { val_auc: 0.82, loss: 0.4 }, data: { train: { path: 'data/train.csv', sha256: 'c'.repeat(64), rows: 10 } },
  });
  assert.deepEqual(diffRuns(a, b).map((d) => [d.section, d.key, d.a, d.b]), [
    ['params', 'model.layers[1].units', undefined, 4],
    ['params', 'training.learningRate', 0.01, 0.003],
    ['metrics', 'val_auc', 0.8, 0.82],
    ['data', 'train.sha256', 'b'.repeat(64), 'c'.repeat(64)],
  ]);
  assert.deepEqual(diffRuns(a, record('c')), []);
});
