import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { churnWorkspace, editTrainCsv, quick, repoRoot } from '../unit/training/workspace';

const cli = join(repoRoot, 'dist/cli.js');
const mlops = (args: string[], cwd: string) => spawnSync(process.execPath, [cli, ...args], { cwd, encoding: 'utf8' });

/** Two rows with a plan the contract does not allow (an error-level invalidValues rule). */
function breakContract(rows: string[][]): string[][] {
  const plan = rows[0]!.indexOf('plan');
  rows[10]![plan] = 'gold';
  rows[11]![plan] = 'gold';
  return rows;
}

test('an error-level contract violation stops the run with the check report; --allow-contract-violations trains anyway', () => {
  const ws = churnWorkspace((s) => quick(s, 2));
  try {
    editTrainCsv(ws, breakContract);
    const stopped = mlops(['train', 'mlops.yaml', '--format', 'json'], ws.dir);
    assert.equal(stopped.status, 1);
    const r = JSON.parse(stopped.stdout);
    assert.equal(r.status, 'failed');
    assert.equal(r.failure, 'contract');
    assert.equal(r.artifacts.model, null);
    assert.match(r.error, /the data breaks its contract: 1 error-level check\(s\) failed .*pass --allow-contract-violations/);
    const failed = r.contractReport.checks.filter((c: any) => !c.passed);
    assert.deepEqual(failed.map((c: any) => [c.column, c.severity, c.failures, c.samples.map((x: any) => x.line)]), [['plan', 'error', 2, [11, 12]]]);
    assert.equal(existsSync(join(r.artifacts.runDir, 'model')), false);

    const text = mlops(['train', 'mlops.yaml'], ws.dir);
    assert.equal(text.status, 1);
    assert.match(text.stderr, /failed: the data breaks its contract.*\n {2}error {3}plan: .*\nNo model was saved.\n$/);

    const allowed = mlops(['train', 'mlops.yaml', '--allow-contract-violations'], ws.dir);
    assert.equal(allowed.status, 0, allowed.stderr);
    assert.match(allowed.stdout, /contract: 1 failed check\(s\), ignored \(--allow-contract-violations\)/);
  } finally {
    ws.cleanup();
  }
});

test('a sweep checks the contract once and starts no trial when it fails', () => {
  const ws = churnWorkspace((s) => { s.training.epochs = 1; s.sweep.trials = 2; });
  try {
    editTrainCsv(ws, breakContract);
    const r = mlops(['sweep', 'mlops.yaml', '--format', 'json'], ws.dir);
    assert.equal(r.status, 1);
    const out = JSON.parse(r.stdout);
    assert.equal(out.status, 'failed');
    assert.equal(out.contractReport.passed, false);
    assert.deepEqual(out.trials.map((t: any) => t.runId), [null, null]);
    assert.equal(existsSync(join(ws.dir, '.mlops')), false);
  } finally {
    ws.cleanup();
  }
});
