import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { churnWorkspace, repoRoot } from '../unit/training/workspace';

const cli = join(repoRoot, 'dist/cli.js');

/** A long training run (no early stopping) whose NDJSON events are read line by line. */
function longRun(cwd: string, extra: string[] = []) {
  const child = spawn(process.execPath, [cli, 'train', 'mlops.yaml', '--events', ...extra], { cwd, stdio: ['ignore', 'pipe', 'pipe'] });
  const events: any[] = [];
  const lines = createInterface({ input: child.stdout! });
  const firstEpoch = new Promise<void>((resolve) => lines.on('line', (l) => { events.push(JSON.parse(l)); if (events.at(-1).type === 'epoch') resolve(); }));
  const exited = new Promise<number | null>((resolve) => child.on('exit', (code, signal) => resolve(code ?? (signal ? -1 : null))));
  return { child, events, firstEpoch, exited };
}

function endless(s: Record<string, any>): void {
  delete s.sweep;
  delete s.training.earlyStopping;
  s.training.epochs = 100000;
}

test('--events prints NDJSON: started, one line per epoch, then the result', () => {
  const ws = churnWorkspace((s) => { delete s.sweep; s.training.epochs = 3; delete s.training.earlyStopping; });
  try {
    const r = spawnSync(process.execPath, [cli, 'train', 'mlops.yaml', '--events'], { cwd: ws.dir, encoding: 'utf8' });
    assert.equal(r.status, 0, r.stderr);
    const events = r.stdout.trim().split('\n').map((l) => JSON.parse(l));
    assert.deepEqual(events.map((e) => e.type), ['started', 'epoch', 'epoch', 'epoch', 'result']);
    assert.deepEqual(events[0], { type: 'started', runId: events[4].runId, backend: 'wasm', epochs: 3 });
    assert.deepEqual(events.slice(1, 4).map((e) => [e.epoch, e.epochs]), [[1, 3], [2, 3], [3, 3]]);
    assert.ok(events[3].metrics.val_loss > 0);
    assert.equal(events[4].status, 'completed');
  } finally {
    ws.cleanup();
  }
});

test('SIGINT cancels the run: exit 130, status cancelled, no model', async () => {
  const ws = churnWorkspace(endless);
  try {
    const run = longRun(ws.dir);
    await run.firstEpoch;
    run.child.kill('SIGINT');
    assert.equal(await run.exited, 130);
    const result = run.events.at(-1);
    assert.equal(result.type, 'result');
    assert.equal(result.status, 'cancelled');
    assert.equal(result.artifacts.model, null);
    const record = JSON.parse(readFileSync(result.artifacts.record, 'utf8'));
    assert.equal(record.status, 'cancelled');
    assert.ok(record.endedAt);
    assert.equal(existsSync(join(result.artifacts.runDir, 'model')), false);
  } finally {
    ws.cleanup();
  }
});

test('a killed run is shown as interrupted, never as completed', async () => {
  const ws = churnWorkspace(endless);
  try {
    const run = longRun(ws.dir);
    await run.firstEpoch;
    run.child.kill('SIGKILL');
    await run.exited;
    const runId = run.events[0].runId;
    const onDisk = JSON.parse(readFileSync(join(ws.dir, '.mlops/runs', runId, 'run.json'), 'utf8'));
    assert.equal(onDisk.status, 'running');
    assert.equal(onDisk.endedAt, undefined);
    const listed = JSON.parse(spawnSync(process.execPath, [cli, 'runs', '--format', 'json'], { cwd: ws.dir, encoding: 'utf8' }).stdout);
    assert.deepEqual(listed.map((r: any) => [r.id, r.status]), [[runId, 'interrupted']]);
    const shown = spawnSync(process.execPath, [cli, 'runs', 'show', runId], { cwd: ws.dir, encoding: 'utf8' }).stdout;
    assert.match(shown, new RegExp(`run ${runId}  interrupted`));
  } finally {
    ws.cleanup();
  }
});
