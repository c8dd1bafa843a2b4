import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { bestOf, listSweeps, readSweepRecord, SweepRecordError, writeSweepRecord, type SweepRecord } from '../../../server/src/core/sweep/record';

function rec(id: string, over: Partial<SweepRecord> = {}): SweepRecord {
  return {
    id, spec: 'mlops.yaml', specHash: 'h', strategy: 'tpe', seed: 1, metric: 'val_loss', goal: 'minimize', pruner: null, budget: null, status: 'completed',
    parameters: { 'training.learningRate': { min: 0.001, max: 0.1 } }, best: null, startedAt: '2026-01-01T00:00:00Z', endedAt: '2026-01-01T00:01:00Z', parallel: 1, resumedAt: [],
    trials: [
      { number: 1, runId: 'r1', params: { 'training.learningRate': 0.01 }, status: 'completed', intermediate: [{ epoch: 1, value: 0.5 }], value: 0.5 },
      { number: 2, runId: 'r2', params: { 'training.learningRate': 0.05 }, status: 'pruned', intermediate: [{ epoch: 1, value: 0.2 }], value: null },
      { number: 3, runId: 'r3', params: { 'training.learningRate': 0.002 }, status: 'completed', intermediate: [{ epoch: 1, value: 0.4 }], value: 0.4 },
    ],
    ...over,
  };
}

test('sweep.json is written whole, read back, listed oldest first; the best is the best completed trial', () => {
  const ws = mkdtempSync(join(tmpdir(), 'mlops-sweeps-'));
  try {
    writeSweepRecord(ws, rec('sweep-b', { startedAt: '2026-01-02T00:00:00Z' }));
    writeSweepRecord(ws, rec('sweep-a'));
    assert.deepEqual(readdirSync(join(ws, '.mlops/sweeps/sweep-a')), ['sweep.json'], 'no temporary file left');
    assert.deepEqual(listSweeps(ws).map((r) => r.id), ['sweep-a', 'sweep-b']);
    // minimize: 0.4 beats 0.5; the pruned trial's lower intermediate value does not count.
    assert.deepEqual(bestOf(readSweepRecord(ws, 'sweep-a')), { number: 3, runId: 'r3', value: 0.4, params: { 'training.learningRate': 0.002 } });
  } finally {
    rmSync(ws, { recursive: true, force: true });
  }
});

test('a record left running by a process that is gone reads as cancelled; broken records name the file', () => {
  const ws = mkdtempSync(join(tmpdir(), 'mlops-sweeps-'));
  try {
    const dead = spawnSync(process.execPath, ['-e', 'process.stdout.write(String(process.pid))'], { encoding: 'utf8' });
    const path = join(ws, '.mlops/sweeps/sweep-x/sweep.json');
    writeSweepRecord(ws, rec('sweep-x', { status: 'running' }));
    const stored = JSON.parse(readFileSync(path, 'utf8'));
    writeFileSync(path, JSON.stringify({ ...stored, pid: Number(dead.stdout), pidStart: undefined, trials: [...stored.trials, { ...stored.trials[0], number: 4, status: 'running' }] }));
    const r = readSweepRecord(ws, 'sweep-x');
    assert.equal(r.status, 'cancelled');
    assert.equal(r.trials[3]!.status, 'cancelled');
    mkdirSync(join(ws, '.mlops/sweeps/sweep-bad'));
    writeFileSync(join(ws, '.mlops/sweeps/sweep-bad/sweep.json'), '{"id": ');
    assert.throws(() => readSweepRecord(ws, 'sweep-bad'), (e: Error) => e instanceof SweepRecordError && /sweep-bad\/sweep\.json is not valid JSON/.test(e.message));
    assert.throws(() => readSweepRecord(ws, '../../etc'), /not found/);
    assert.deepEqual(listSweeps(ws).map((x) => x.id), ['sweep-x'], 'an unreadable record is skipped by the list');
  } finally {
    rmSync(ws, { recursive: true, force: true });
  }
});
