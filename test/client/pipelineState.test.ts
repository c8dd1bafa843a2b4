// The Pipeline feature's pure helpers on real engine output: `mlops run --events` of a real workspace
// and the status the engine reports after a dep changed.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { isRunEvent, lensTitle, runSummary, stateOfEvent, viewStages } from '../../client/src/pipeline/pipelineState';
import { pipelineOverview } from '../../server/src/core/stages/overview';
import { mlops } from '../helpers/cli';

const SPEC = `apiVersion: mlops/v1
kind: Pipeline
metadata: { name: events }
data:
  train: { path: b.txt }
stages:
  a:
    cmd: cp in.txt a.txt && echo copied
    deps: [in.txt]
    outs: [a.txt]
  b:
    cmd: cp a.txt b.txt
    deps: [a.txt, extra.txt]
    outs: [b.txt]
`;

test('run events become view states; the status becomes lens titles and view stages', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'mlops-events-'));
  try {
    mkdirSync(dir, { recursive: true });
    writeFileSync(join(dir, 'in.txt'), '1\n');
    writeFileSync(join(dir, 'extra.txt'), 'x\n');
    writeFileSync(join(dir, 'mlops.yaml'), SPEC);
    const r = mlops(['run', '--events'], dir);
    assert.equal(r.code, 0, r.stderr);
    const events = r.stdout.trim().split('\n').map((l) => JSON.parse(l) as Record<string, unknown>);
    assert.ok(events.every(isRunEvent), 'every stdout line is a run event');
    assert.deepEqual(events.map((e) => e.type), ['stageStarted', 'log', 'log', 'stageEnded', 'stageStarted', 'log', 'stageEnded', 'result']);
    const states = events.filter(isRunEvent).map(stateOfEvent).filter(Boolean).map((s) => `${s!.name}:${s!.state}`);
    assert.deepEqual(states, ['a:running', 'a:ran', 'b:running', 'b:ran']);
    assert.deepEqual(events[2], { type: 'log', stage: 'a', line: 'copied' });
    const result = events.at(-1) as { stages: Array<{ status: string }> };
    assert.equal(runSummary(result.stages), '2 ran');

    writeFileSync(join(dir, 'extra.txt'), 'y\n');
    writeFileSync(join(dir, 'in.txt'), '2\n');
    const overview = await pipelineOverview(join(dir, 'mlops.yaml'));
    const a = overview.stages.find((s) => s.name === 'a')!;
    const b = overview.stages.find((s) => s.name === 'b')!;
    assert.equal(lensTitle(a), '$(warning) stale: in.txt changed');
    assert.equal(lensTitle(b), '$(warning) stale: extra.txt changed');
    assert.deepEqual(viewStages(overview).map((s) => [s.name, s.kind, s.after, s.state]), [['a', 'cmd', [], 'stale'], ['b', 'cmd', ['a'], 'stale']]);
    mlops(['run'], dir);
    const fresh = await pipelineOverview(join(dir, 'mlops.yaml'));
    assert.deepEqual(fresh.stages.map(lensTitle), ['$(check) up to date', '$(check) up to date']);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
