// Run records as readers see them after things went wrong: a killed run whose PID now belongs to
// another process, a run.json that is not JSON, one that lacks fields. Real processes, real files.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createRun, listRuns, processInfo, processStartTime, readRun, runDir } from '../../../server/src/core/tracking/store';
import type { RunRecord } from '../../../server/src/core/tracking/types';
import { mlops } from '../../helpers/cli';

const HAS_PROC = existsSync('/proc/self/stat');

function tempWorkspace(): { dir: string; cleanup(): void } {
  const dir = mkdtempSync(join(tmpdir(), 'mlops-records-'));
  return { dir, cleanup: () => rmSync(dir, { recursive: true, force: true }) };
}

function record(id: string, over: Partial<RunRecord> = {}): RunRecord {
  return {
    id, specPath: 'mlops.yaml', specHash: 'a'.repeat(64), params: {}, backend: 'cpu', seed: 1, startedAt: '2026-01-01T00:00:00.000Z',
    status: 'running', data: {}, gates: [], metrics: {}, ...processInfo(), ...over,
  };
}

/** Field 22 of /proc/<pid>/stat read here independently: the text after the last ")" starts at field 3. */
function startTicks(pid: number): number {
  const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
  return Number(stat.slice(stat.lastIndexOf(')') + 1).trim().split(/\s+/)[19]);
}

test('a running record whose PID now belongs to another process reads as interrupted', { skip: HAS_PROC ? false : 'no /proc on this system' }, async () => {
  const ws = tempWorkspace();
  // A live process stands in for the one that reused the PID: its start time is not the recorded one.
  const other = spawn('sleep', ['30']);
  try {
    await new Promise((resolve) => other.once('spawn', resolve));
    const pid = other.pid!;
    assert.equal(processStartTime(pid), startTicks(pid));
    createRun(ws.dir, record('reused', { pid, pidStart: startTicks(pid) - 100 }));
    createRun(ws.dir, record('alive', { pid, pidStart: startTicks(pid) }));
    createRun(ws.dir, record('old', { pid, pidStart: undefined }));
    assert.equal(readRun(ws.dir, 'reused').status, 'interrupted');
    assert.equal(readRun(ws.dir, 'alive').status, 'running');
    // Records written before start times were kept fall back to "is the PID alive".
    assert.equal(readRun(ws.dir, 'old').status, 'running');
    assert.deepEqual(listRuns(ws.dir).map((r) => [r.id, r.status]).sort(), [['alive', 'running'], ['old', 'running'], ['reused', 'interrupted']]);
    assert.equal(processInfo().pidStart, startTicks(process.pid));
  } finally {
    other.kill();
    ws.cleanup();
  }
});

test('a corrupt or incomplete run.json is listed as unreadable, and runs show explains it with exit 2', () => {
  const ws = tempWorkspace();
  try {
    createRun(ws.dir, record('20260101-000000-good00', { status: 'completed' }));
    mkdirSync(runDir(ws.dir, '20260101-000001-badjsn'), { recursive: true });
    writeFileSync(join(runDir(ws.dir, '20260101-000001-badjsn'), 'run.json'), '{"id": "20260101-000001-badjsn", "status": "comp');
    mkdirSync(runDir(ws.dir, '20260101-000002-nofld0'), { recursive: true });
    writeFileSync(join(runDir(ws.dir, '20260101-000002-nofld0'), 'run.json'), JSON.stringify({ id: '20260101-000002-nofld0', status: 'completed', metrics: {} }));
    mkdirSync(runDir(ws.dir, '20260101-000003-empty0'), { recursive: true });
    const listed = listRuns(ws.dir);
    assert.deepEqual(listed.map((r) => [r.id, r.status]).sort(), [
      ['20260101-000000-good00', 'completed'], ['20260101-000001-badjsn', 'unreadable'], ['20260101-000002-nofld0', 'unreadable'],
    ]);
    assert.match(listed.find((r) => r.id.endsWith('badjsn'))!.error!, /is not valid JSON/);
    assert.match(listed.find((r) => r.id.endsWith('nofld0'))!.error!, /lacks specPath \(string\), specHash \(string\)/);

    const text = mlops(['runs'], ws.dir);
    assert.equal(text.code, 0, text.stderr);
    assert.match(text.stdout, /20260101-000001-badjsn\s+unreadable/);
    assert.match(text.stdout, /20260101-000002-nofld0: run "20260101-000002-nofld0": .*lacks/);
    const json = mlops(['runs', '--format', 'json'], ws.dir);
    assert.equal(JSON.parse(json.stdout).filter((r: { status: string }) => r.status === 'unreadable').length, 2);
    for (const id of ['20260101-000001-badjsn', '20260101-000002-nofld0']) {
      const shown = mlops(['runs', 'show', id], ws.dir);
      assert.equal(shown.code, 2, shown.stderr);
      assert.match(shown.stderr, new RegExp(`mlops runs show: run "${id}": .*run\\.json (is not valid JSON|lacks)`));
      assert.doesNotMatch(shown.stderr, /unexpected error|\n\s+at /);
    }
  } finally {
    ws.cleanup();
  }
});
