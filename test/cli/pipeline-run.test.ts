// `mlops run` and `mlops status` in real temporary workspaces: a diamond (raw -> left, right -> join)
// plus an independent branch, with commands that log each execution, so the tests see exactly what ran.
import { createHash } from 'node:crypto';
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parse } from 'yaml';
import { mlops } from '../helpers/cli';

function spec(extra = ''): string {
  return `apiVersion: mlops/v1
kind: Pipeline
metadata: { name: diamond, description: v1 }
data:
  train: { path: data/joined.txt }
stages:
  raw:
    cmd: mkdir -p data && cp src/a.txt data/raw.txt && echo raw >> ran.log
    deps: [src/a.txt]
    outs: [data/raw.txt]
  left:
    cmd: tr a-z A-Z < data/raw.txt > data/left.txt && echo left >> ran.log
    deps: [data/raw.txt]
    outs: [data/left.txt]
  right:
    cmd: cat data/raw.txt src/b.txt > data/right.txt && echo right >> ran.log
    deps: [data/raw.txt, src/b.txt]
    outs: [data/right.txt]
  join:
    cmd: cat data/left.txt data/right.txt > data/joined.txt && echo join >> ran.log
    deps: [data/left.txt, data/right.txt]
    outs: [data/joined.txt]
    params: [metadata.description]
  other:
    cmd: mkdir -p side && echo independent > side/out.txt && echo other >> ran.log
    outs: [side/out.txt]
${extra}`;
}

function workspace(text = spec()): { dir: string; cleanup(): void } {
  const dir = mkdtempSync(join(tmpdir(), 'mlops-pipe-'));
  mkdirSync(join(dir, 'src'));
  writeFileSync(join(dir, 'src/a.txt'), 'alpha\n');
  writeFileSync(join(dir, 'src/b.txt'), 'beta\n');
  writeFileSync(join(dir, 'mlops.yaml'), text);
  return { dir, cleanup: () => rmSync(dir, { recursive: true, force: true }) };
}

interface RunJson { stages: Array<{ name: string; status: string; reason: string; durationMs: number }>; ok: boolean }

function run(dir: string, ...args: string[]): { code: number; json: RunJson; stderr: string } {
  const r = mlops(['run', '--format', 'json', ...args], dir);
  return { code: r.code, json: JSON.parse(r.stdout || '{}') as RunJson, stderr: r.stderr };
}

/** Stage names that executed since the last call (each command appends its name to ran.log). */
function executed(dir: string): string[] {
  const file = join(dir, 'ran.log');
  if (!existsSync(file)) return [];
  const names = readFileSync(file, 'utf8').trim().split('\n').filter(Boolean);
  rmSync(file);
  return names.sort();
}

/** 1-based line of the first line of `text` that is exactly `line`. */
const lineOf = (text: string, line: string) => text.split('\n').indexOf(line) + 1;

const statuses = (j: RunJson) => Object.fromEntries(j.stages.map((s) => [s.name, s.status]));

test('first run runs every stage in dependency order; the JSON has exactly the contract fields', () => {
  const ws = workspace();
  try {
    const r = run(ws.dir);
    assert.equal(r.code, 0, r.stderr);
    assert.deepEqual(Object.keys(r.json).sort(), ['ok', 'stages']);
    for (const s of r.json.stages) assert.deepEqual(Object.keys(s).sort(), ['durationMs', 'name', 'reason', 'status']);
    assert.deepEqual(statuses(r.json), { raw: 'ran', left: 'ran', right: 'ran', join: 'ran', other: 'ran' });
    assert.equal(readFileSync(join(ws.dir, 'data/joined.txt'), 'utf8'), 'ALPHA\nalpha\nbeta\n');
    assert.deepEqual(executed(ws.dir), ['join', 'left', 'other', 'raw', 'right']);
    const lock = parse(readFileSync(join(ws.dir, 'mlops.lock'), 'utf8')) as { stages: Record<string, { cmd: string; deps: Array<{ path: string; hash: string }>; params: Record<string, unknown> }> };
    assert.deepEqual(Object.keys(lock.stages), ['raw', 'left', 'right', 'join', 'other']);
    // The recorded hash is the sha256 of the file's bytes, computed here independently.
    assert.equal(lock.stages.raw!.deps[0]!.hash, createHash('sha256').update('alpha\n').digest('hex'));
    assert.deepEqual(lock.stages.join!.params, { 'metadata.description': 'v1' });
  } finally {
    ws.cleanup();
  }
});

test('a second run executes nothing; changing one dep runs exactly its descendants', () => {
  const ws = workspace();
  try {
    run(ws.dir);
    executed(ws.dir);
    const again = run(ws.dir);
    assert.equal(again.code, 0);
    assert.deepEqual(executed(ws.dir), []);
    assert.ok(again.json.stages.every((s) => s.status === 'skipped'));
    writeFileSync(join(ws.dir, 'src/b.txt'), 'BETA changed\n');
    const status = JSON.parse(mlops(['status', '--format', 'json'], ws.dir).stdout) as { stages: Array<{ name: string; status: string; reasons: string[] }>; upToDate: boolean };
    assert.equal(status.upToDate, false);
    assert.deepEqual(status.stages.find((s) => s.name === 'right'), { name: 'right', status: 'stale', reasons: ['src/b.txt changed'] });
    assert.deepEqual(status.stages.find((s) => s.name === 'join')!.reasons, ['upstream stage right is stale']);
    assert.equal(status.stages.find((s) => s.name === 'left')!.status, 'up-to-date');
    const r = run(ws.dir);
    assert.deepEqual(executed(ws.dir), ['join', 'right']);
    assert.deepEqual(statuses(r.json), { raw: 'skipped', left: 'skipped', right: 'ran', join: 'ran', other: 'skipped' });
  } finally {
    ws.cleanup();
  }
});

test('a changed param re-runs the stage that reads it; reverting is restored from the run cache', () => {
  const ws = workspace();
  try {
    run(ws.dir);
    const first = readFileSync(join(ws.dir, 'data/joined.txt'), 'utf8');
    executed(ws.dir);
    writeFileSync(join(ws.dir, 'mlops.yaml'), spec().replace('description: v1', 'description: v2'));
    const changed = run(ws.dir);
    assert.deepEqual(executed(ws.dir), ['join']);
    assert.match(changed.json.stages.find((s) => s.name === 'join')!.reason, /param metadata\.description changed/);
    // Revert the param and change a dep back and forth: both states ran before, so nothing executes.
    writeFileSync(join(ws.dir, 'mlops.yaml'), spec());
    writeFileSync(join(ws.dir, 'data/joined.txt'), 'edited by hand\n');
    const reverted = run(ws.dir);
    assert.deepEqual(executed(ws.dir), []);
    assert.equal(statuses(reverted.json).join, 'restored');
    assert.equal(readFileSync(join(ws.dir, 'data/joined.txt'), 'utf8'), first);
    writeFileSync(join(ws.dir, 'src/a.txt'), 'gamma\n');
    run(ws.dir);
    assert.deepEqual(executed(ws.dir), ['join', 'left', 'raw', 'right']);
    writeFileSync(join(ws.dir, 'src/a.txt'), 'alpha\n');
    const back = run(ws.dir);
    assert.deepEqual(executed(ws.dir), []);
    assert.deepEqual(statuses(back.json), { raw: 'restored', left: 'restored', right: 'restored', join: 'restored', other: 'skipped' });
    assert.equal(readFileSync(join(ws.dir, 'data/joined.txt'), 'utf8'), first);
    assert.equal(JSON.parse(mlops(['status', '--format', 'json'], ws.dir).stdout).upToDate, true);
  } finally {
    ws.cleanup();
  }
});

test('a failing stage keeps its lock entry and previous outputs, its descendants do not run, exit 1', () => {
  const ws = workspace();
  try {
    run(ws.dir);
    executed(ws.dir);
    const lockBefore = parse(readFileSync(join(ws.dir, 'mlops.lock'), 'utf8')).stages.right;
    const outBefore = readFileSync(join(ws.dir, 'data/right.txt'), 'utf8');
    writeFileSync(join(ws.dir, 'mlops.yaml'), spec().replace('cat data/raw.txt src/b.txt > data/right.txt', 'echo half > data/right.txt; echo broken >&2; exit 4'));
    writeFileSync(join(ws.dir, 'src/a.txt'), 'delta\n');
    const r = run(ws.dir);
    assert.equal(r.code, 1);
    assert.equal(r.json.ok, false);
    assert.deepEqual(statuses(r.json), { raw: 'ran', left: 'ran', right: 'failed', join: 'not-run', other: 'skipped' });
    assert.equal(r.json.stages.find((s) => s.name === 'right')!.reason, 'exit code 4');
    assert.match(r.json.stages.find((s) => s.name === 'join')!.reason, /upstream stage right failed/);
    assert.match(r.stderr, /\[right\] broken/);
    assert.deepEqual(parse(readFileSync(join(ws.dir, 'mlops.lock'), 'utf8')).stages.right, lockBefore);
    assert.equal(readFileSync(join(ws.dir, 'data/right.txt'), 'utf8'), outBefore);
  } finally {
    ws.cleanup();
  }
});

test('independent stages run in parallel up to --jobs, each output line prefixed with its stage', () => {
  const text = spec(`  p1:
    cmd: echo p1 > p1.start; while [ ! -e p2.start ]; do sleep 0.05; done; echo both running
    outs: [p1.start]
  p2:
    cmd: echo p2 > p2.start; while [ ! -e p1.start ]; do sleep 0.05; done; echo both running
    outs: [p2.start]
`);
  const ws = workspace(text);
  try {
    const r = mlops(['run', 'p1', 'p2', '--jobs', '2'], ws.dir);
    assert.equal(r.code, 0, r.stderr);
    assert.match(r.stdout, /^\[p1\] both running$/m);
    assert.match(r.stdout, /^\[p2\] both running$/m);
  } finally {
    ws.cleanup();
  }
});

test('bad specs exit 2 naming the file and line: a cycle, missing step options, an unknown stage', () => {
  const cyclic = spec(`  loop:
    cmd: cp data/loop2.txt data/loop1.txt
    deps: [data/loop2.txt]
    outs: [data/loop1.txt]
  loop2:
    cmd: cp data/loop1.txt data/loop2.txt
    deps: [data/loop1.txt]
    outs: [data/loop2.txt]
`);
  const ws = workspace(cyclic);
  try {
    const cycle = mlops(['run'], ws.dir);
    assert.equal(cycle.code, 2);
    assert.ok(cycle.stderr.includes(`mlops.yaml:${lineOf(cyclic, '  loop:')}:3: error dag-cycle Stage "loop" is in a dependency cycle`), cycle.stderr);
    assert.doesNotMatch(cycle.stderr, /\n\s+at /, 'no stack trace');
    const noCurrent = spec('  watch:\n    uses: drift\n');
    writeFileSync(join(ws.dir, 'mlops.yaml'), noCurrent);
    const missing = mlops(['run'], ws.dir);
    assert.equal(missing.code, 2);
    assert.ok(missing.stderr.includes(`mlops.yaml:${lineOf(noCurrent, '    uses: drift')}:11: error bad-with Stage "watch"`), missing.stderr);
    assert.match(missing.stderr, /needs current data: set with\.current or data\.current\.path/);
    writeFileSync(join(ws.dir, 'mlops.yaml'), spec());
    const unknown = mlops(['run', 'nosuch'], ws.dir);
    assert.equal(unknown.code, 2);
    assert.match(unknown.stderr, /no stage named "nosuch"/);
    assert.equal(existsSync(join(ws.dir, 'mlops.lock')), false, 'nothing ran');
  } finally {
    ws.cleanup();
  }
});
