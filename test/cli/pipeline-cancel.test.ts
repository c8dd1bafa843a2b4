// Ctrl-C during `mlops run`: every running stage's process group (the shell and what it started) is
// gone, exit 130, nothing is recorded as done that is not, and the stages' previous outputs stay.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parse } from 'yaml';
import { CLI } from '../helpers/cli';

/** Two stages that start background jobs and wait; each writes its shell's pid (its process group id). */
const SPEC = `apiVersion: mlops/v1
kind: Pipeline
metadata: { name: cancel }
data:
  train: { path: data/a.txt }
stages:
  quick:
    cmd: mkdir -p data && echo done > data/quick.txt
    outs: [data/quick.txt]
  slow1:
    cmd: echo $$ > pids/slow1; sleep 300 & sleep 300 & echo new > data/slow1.txt; wait
    deps: [data/quick.txt]
    outs: [data/slow1.txt]
  slow2:
    cmd: echo $$ > pids/slow2; trap '' TERM; sleep 300 & wait
    deps: [data/quick.txt]
  after:
    cmd: echo after > data/after.txt
    deps: [data/slow1.txt]
    outs: [data/after.txt]
`;

/**
 * Processes of a group that still run, read from /proc (field 5 of /proc/PID/stat is the group, field 3
 * the state). A killed process stays a zombie until its new parent reaps it, which is not ours to wait for.
 */
function livingMembers(pgid: number): number[] {
  const out: number[] = [];
  for (const name of readdirSync('/proc')) {
    if (!/^\d+$/.test(name)) continue;
    let stat: string;
    try { stat = readFileSync(`/proc/${name}/stat`, 'utf8'); } catch { continue; }
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    if (Number(fields[2]) === pgid && fields[0] !== 'Z') out.push(Number(name));
  }
  return out;
}

async function waitFor(check: () => boolean, what: string, ms = 60_000): Promise<void> {
  const until = Date.now() + ms;
  while (!check()) {
    if (Date.now() > until) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

test('SIGINT stops every running stage\'s process group, exit 130, only finished stages recorded', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'mlops-cancel-'));
  try {
    mkdirSync(join(dir, 'pids'));
    mkdirSync(join(dir, 'data'));
    writeFileSync(join(dir, 'data/slow1.txt'), 'previous\n');
    writeFileSync(join(dir, 'mlops.yaml'), SPEC);
    const child = spawn(process.execPath, [CLI, 'run', '--jobs', '3', '--format', 'json'], { cwd: dir, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d) => { stdout += d; });
    child.stderr.on('data', (d) => { stderr += d; });
    const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
    const pidFile = (s: string) => join(dir, 'pids', s);
    await waitFor(() => existsSync(pidFile('slow1')) && existsSync(pidFile('slow2')) && readFileSync(pidFile('slow2'), 'utf8').trim() !== '', 'both slow stages to start');
    const groups = ['slow1', 'slow2'].map((s) => Number(readFileSync(pidFile(s), 'utf8')));
    for (const g of groups) assert.ok(livingMembers(g).length >= 2, `process group ${g} runs the shell and its jobs`);
    child.kill('SIGINT');
    assert.equal(await exited, 130, stderr);
    for (const g of groups) assert.deepEqual(livingMembers(g), [], `process group ${g} is gone`);
    const result = JSON.parse(stdout) as { stages: Array<{ name: string; status: string }>; ok: boolean };
    assert.deepEqual(result.stages.map((s) => [s.name, s.status]), [['quick', 'ran'], ['slow1', 'cancelled'], ['slow2', 'cancelled'], ['after', 'not-run']]);
    assert.equal(result.ok, false);
    const lock = parse(readFileSync(join(dir, 'mlops.lock'), 'utf8')) as { stages: Record<string, unknown> };
    assert.deepEqual(Object.keys(lock.stages), ['quick']);
    assert.equal(readFileSync(join(dir, 'data/slow1.txt'), 'utf8'), 'previous\n', 'the previous output is back');
    assert.equal(existsSync(join(dir, 'data/after.txt')), false);
    assert.equal(existsSync(join(dir, '.mlops/pipeline/run.pid')), false, 'the pipeline is released');
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
