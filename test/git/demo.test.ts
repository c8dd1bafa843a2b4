// The demo step registers into a temporary git copy of the example and never writes into the workspace.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { cpSync, existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, relative, resolve } from 'node:path';
import { registerStep } from '../../server/src/cli/demo/register';
import type { CliIO } from '../../server/src/cli/io';
import { makeRun, sandbox } from './helpers';

function listing(dir: string): string[] {
  const out: string[] = [];
  const walk = (d: string): void => {
    for (const e of readdirSync(d, { withFileTypes: true })) {
      const p = join(d, e.name);
      if (e.isDirectory()) walk(p);
      else out.push(`${relative(dir, p)} ${statSync(p).size} ${statSync(p).mtimeMs}`);
    }
  };
  walk(dir);
  return out.sort();
}

test('the demo step registers the newest completed run in a temporary repository and leaves the workspace untouched', async () => {
  const base = mkdtempSync(join(tmpdir(), 'mlops-demo-test-'));
  const s = sandbox({ init: false });
  try {
    const ws = join(base, 'churn');
    // Runs left by a local `npm run demo` must not leak in: the test plants its own.
    cpSync(resolve('examples/churn'), ws, { recursive: true, filter: (src) => !src.split(/[\\/]/).includes('.mlops') });
    makeRun(ws, '20250103-100000-best', { endedAt: '2025-01-03T10:00:00.000Z' });
    makeRun(ws, '20250101-100000-old', { metrics: { auc: 0.7 }, endedAt: '2025-01-01T10:00:00.000Z' });
    makeRun(ws, '20250104-100000-new', { status: 'failed', endedAt: '2025-01-04T10:00:00.000Z' });
    makeRun(ws, '20250105-100000-gates', { endedAt: '2025-01-05T10:00:00.000Z',
      gates: [{ metric: 'auc', condition: '>= 0.9', value: 0.82, passed: false }] });
    const before = listing(ws);
    let out = '';
    const io: CliIO = { cwd: ws, env: s.env, isTTY: false, out: (t) => { out += t; }, err: (t) => { out += t; } };
    assert.equal(await registerStep.run(ws, io), true, out);
    assert.match(out, /Registered churn-classifier v1 from run 20250103-100000-best/);
    assert.match(out, /churn-classifier: staging -> v1 \(new alias\)/);
    assert.match(out, /^v1\s+staging\s+20250103-100000-best/m);
    assert.match(out, /\(tag: churn-classifier@v1, tag: churn-classifier#staging\) model\(churn-classifier\): v1 from run/);
    assert.deepEqual(listing(ws), before, 'the workspace is exactly as before');
    const temp = /Temporary repository: (.+) \(a copy/.exec(out)?.[1];
    assert.ok(temp && !existsSync(dirname(temp)), 'the temporary repository is removed');
  } finally {
    rmSync(base, { recursive: true, force: true });
    s.cleanup();
  }
});

test('without a completed run the demo step trains first; when that cannot work it says so and reports a failure', async () => {
  const s = sandbox({ init: false });
  try {
    makeRun(s.dir, 'r1', { status: 'running' });
    let out = '';
    const io: CliIO = { cwd: s.dir, env: s.env, isTTY: false, out: (t) => { out += t; }, err: (t) => { out += t; } };
    assert.equal(await registerStep.run(s.dir, io), false);
    assert.match(out, /No completed run yet: training one first\.\ntraining failed: .*mlops\.yaml: cannot read the spec/);
    assert.match(out, /training did not produce one: nothing to register/);
  } finally {
    s.cleanup();
  }
});

test('end to end: with no run yet the step trains the example for real and registers what training saved', async () => {
  const base = mkdtempSync(join(tmpdir(), 'mlops-demo-test-'));
  const s = sandbox({ init: false });
  try {
    const ws = join(base, 'churn');
    // Runs left by a local `npm run demo` must not leak in: the test plants its own.
    cpSync(resolve('examples/churn'), ws, { recursive: true, filter: (src) => !src.split(/[\\/]/).includes('.mlops') });
    let out = '';
    const io: CliIO = { cwd: ws, env: { ...s.env, MLOPS_DEMO_KEEP: '1' }, isTTY: false, out: (t) => { out += t; }, err: (t) => { out += t; } };
    await registerStep.run(ws, io);
    const runId = /Registered churn-classifier v1 from run (\S+):/.exec(out)?.[1];
    assert.ok(runId, out);
    const copy = /Temporary repository: (.+) \(a copy/.exec(out)![1]!;
    const run = JSON.parse(readFileSync(join(ws, '.mlops/runs', runId, 'run.json'), 'utf8'));
    const card = JSON.parse(readFileSync(join(copy, 'models/churn-classifier/v1/card.json'), 'utf8'));
    assert.deepEqual(card.metrics, run.metrics);
    assert.deepEqual(card.gates, run.gates);
    assert.equal(card.run.specHash, run.specHash);
    assert.deepEqual(card.data, run.data);
    for (const f of card.files as Array<{ path: string }>) {
      assert.deepEqual(readFileSync(join(copy, 'models/churn-classifier/v1', f.path)),
        readFileSync(join(ws, '.mlops/runs', runId, run.modelDir ?? 'model', f.path.replace(/^model\//, ''))));
    }
    assert.ok(card.files.some((f: { path: string }) => f.path === 'model/model.json'));
    rmSync(dirname(copy), { recursive: true, force: true });
  } finally {
    rmSync(base, { recursive: true, force: true });
    s.cleanup();
  }
});
