// The prediction log on real files: exact sampling, rotation by size with the oldest files removed,
// protected columns as keyed hashes.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { logFiles, PredictionLog, type RequestRecord } from '../../../server/src/core/serving/predictionLog';

function record(i: number, inputs: Record<string, unknown[]> = { age: [30 + i] }): RequestRecord {
  return { type: 'request', t: new Date(1_700_000_000_000 + i).toISOString(), id: `r${i}`, model: 'm', version: 1, alias: 'production', ms: 1, rows: 1, inputs, outputs: { prediction: [0.5] } };
}

test('sampling logs exactly floor(n * sample) of n requests, spread evenly', () => {
  for (const sample of [0, 0.1, 0.25, 1 / 3, 0.5, 1]) {
    const dir = mkdtempSync(join(tmpdir(), 'mlops-log-'));
    const log = new PredictionLog({ model: 'm', dir, sample, maxFileBytes: 1e9, keepFiles: 5, protectedColumns: new Set() });
    const picks = Array.from({ length: 300 }, () => log.sampleNext());
    assert.equal(picks.filter(Boolean).length, Math.floor(300 * sample + 1e-9), `sample ${sample}`);
    // No stretch of 1/sample requests is skipped entirely.
    if (sample > 0) {
      const gap = Math.ceil(1 / sample);
      for (let i = 0; i + gap <= 300; i++) assert.ok(picks.slice(i, i + gap).some(Boolean));
    }
    rmSync(dir, { recursive: true, force: true });
  }
});

test('files rotate by size, names sort in the order they were written, and only keepFiles remain', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'mlops-log-'));
  try {
    const log = new PredictionLog({ model: 'm', dir, sample: 1, maxFileBytes: 2000, keepFiles: 3, protectedColumns: new Set() });
    for (let i = 0; i < 60; i++) {
      log.write(record(i));
      if (i % 5 === 4) await log.flush();
    }
    await log.flush();
    const files = logFiles(dir);
    assert.equal(files.length, 3);
    for (const f of files) assert.ok(statSync(join(dir, f)).size <= 2000 + 400, `${f} stays near the limit`);
    const lines = files.flatMap((f) => readFileSync(join(dir, f), 'utf8').trim().split('\n').map((l) => JSON.parse(l)));
    assert.ok(files.every((f) => JSON.parse(readFileSync(join(dir, f), 'utf8').split('\n')[0]!).type === 'meta'), 'each file starts with its meta line');
    const ids = lines.filter((l) => l.type === 'request').map((l) => l.id as string);
    assert.deepEqual(ids, [...ids].sort((a, b) => Number(a.slice(1)) - Number(b.slice(1))), 'oldest first across files');
    assert.equal(ids.at(-1), 'r59', 'the newest record is kept');
    assert.ok(!ids.includes('r0'), 'the oldest files were removed');
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('protected columns become keyed hashes: equal values stay equal, nothing is readable, nulls stay null', () => {
  const dir = mkdtempSync(join(tmpdir(), 'mlops-log-'));
  try {
    const a = new PredictionLog({ model: 'm', dir, sample: 1, maxFileBytes: 1e9, keepFiles: 5, protectedColumns: new Set(['email']) });
    const b = new PredictionLog({ model: 'm', dir, sample: 1, maxFileBytes: 1e9, keepFiles: 5, protectedColumns: new Set(['email']) });
    const out = a.protectInputs({ email: ['x@y.com', 'x@y.com', 'z@y.com', null], age: [1, 2, 3, 4] });
    assert.deepEqual(out.age, [1, 2, 3, 4]);
    assert.equal(out.email![0], out.email![1]);
    assert.notEqual(out.email![0], out.email![2]);
    assert.equal(out.email![3], null);
    assert.match(String(out.email![0]), /^hmac:[0-9a-f]{16}$/);
    assert.notEqual(b.protectInputs({ email: ['x@y.com'] }).email![0], out.email![0], 'the key is per process: a plain hash table cannot reverse it');
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
