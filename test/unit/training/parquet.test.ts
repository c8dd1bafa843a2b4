import { test } from 'node:test';
import assert from 'node:assert/strict';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { DuckDBInstance } from '@duckdb/node-api';
import { stringify } from 'yaml';
import { runTraining } from '../../../server/src/core/training/run';
import { loadRunnableSpec } from '../../../server/src/core/pipeline/load';
import { churnWorkspace, quick } from './workspace';

test('Parquet trains like the same data as CSV: identical metrics, its own hash and row count', async () => {
  const ws = churnWorkspace((s) => quick(s, 3));
  try {
    const db = await DuckDBInstance.create(':memory:');
    const c = await db.connect();
    const csv = join(ws.dir, 'data/train.csv').replace(/'/g, "''");
    await c.run(`COPY (SELECT * FROM read_csv('${csv}', header = true)) TO '${join(ws.dir, 'data/train.parquet').replace(/'/g, "''")}' (FORMAT parquet)`);
    c.closeSync();
    db.closeSync();
    const fromCsv = loadRunnableSpec(ws.spec);
    const a = await runTraining({ workspace: ws.dir, specPath: ws.spec, specHash: fromCsv.hash, spec: fromCsv.spec });
    writeFileSync(ws.spec, stringify({ ...fromCsv.spec, data: { train: { ...fromCsv.spec.data.train, path: 'data/train.parquet' } } }));
    const fromParquet = loadRunnableSpec(ws.spec);
    const b = await runTraining({ workspace: ws.dir, specPath: ws.spec, specHash: fromParquet.hash, spec: fromParquet.spec });
    assert.equal(a.status, 'completed', a.error);
    assert.equal(b.status, 'completed', b.error);
    assert.deepEqual(b.metrics, a.metrics);
    const { readRun } = await import('../../../server/src/core/tracking/store');
    const ra = readRun(ws.dir, a.runId), rb = readRun(ws.dir, b.runId);
    assert.equal(rb.data.train!.path, 'data/train.parquet');
    assert.equal(rb.data.train!.rows, 5000);
    assert.notEqual(rb.data.train!.sha256, ra.data.train!.sha256);
  } finally {
    ws.cleanup();
  }
});
