/** What the progress notification shows for each `--events` line, on event streams recorded from the real CLI. */
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describeEvent, resultEvent } from '../../client/src/training/trainEvents';
import { sweepArgs, trainArgs } from '../../client/src/training/trainArgs';
import type { MlopsConfig } from '../../client/src/config';
import type { SweepResult, TrainEvent, TrainResult } from '../../server/src/cliProtocol';
import { mlops } from '../helpers/cli';
import { tempExample } from '../helpers/workspace';

const recordedStream = (name: string) => readFileSync(join(__dirname, '..', 'webviews', 'recorded', name), 'utf8');
const events = (text: string) => text.trim().split('\n').map((l) => JSON.parse(l) as TrainEvent | { type: 'result' });
const config = (o: Partial<MlopsConfig> = {}): MlopsConfig =>
  ({ backend: 'auto', maxParallelTrials: 0, drift: { sampleRows: 0, workers: 0 }, sqlTimeoutMs: 60000, lfsThresholdMB: 50, nodePath: '', ...o });

describe('train events', () => {
  it('a training stream: started, epochs with loss and a growing fraction, then the result', () => {
    const text = recordedStream('train-events.ndjson');
    const all = events(text);
    const steps = all.filter((e): e is TrainEvent => e.type !== 'result').map(describeEvent);
    const runId = steps[0]!.runId!;
    assert.match(steps[0]!.message!, new RegExp(`run ${runId} started on wasm`));
    const epochSteps = steps.filter((s) => s.point);
    assert.ok(epochSteps.length > 1);
    assert.ok(epochSteps.every((s) => s.runId === runId && /^epoch \d+\/30 · loss \d\.\d{4} · val_loss \d\.\d{4}$/.test(s.message!)));
    const fractions = epochSteps.map((s) => s.fraction!);
    assert.deepEqual(fractions, [...fractions].sort((a, b) => a - b));
    assert.equal(fractions[0], 1 / 30);
    const result = resultEvent<TrainResult>(text);
    assert.equal(result?.runId, runId);
    assert.equal(result?.status, 'completed');
    assert.equal(epochSteps.length, result?.epochsRun);
  });

  it('a sweep stream: trial-labelled epochs without a single-run fraction, and the best trial in the result', () => {
    const text = recordedStream('sweep-events.ndjson');
    const steps = events(text).filter((e): e is TrainEvent => e.type !== 'result').map(describeEvent);
    assert.ok(steps.some((s) => s.log?.startsWith('sweep sweep-')));
    const epochSteps = steps.filter((s) => s.point);
    assert.ok(epochSteps.every((s) => /^trial \d+(\/\d+)? · epoch /.test(s.message!) && s.fraction === undefined));
    const result = resultEvent<SweepResult>(text);
    assert.equal(result?.trials.length, 2);
    assert.ok(result?.best && steps.some((s) => s.runId === result.best!.runId));
  });

  it('a live sweep says what it does before its first trial, then "trial n/N" on every line (issue 11)', { timeout: 120_000 }, () => {
    const ws = tempExample();
    try {
      const r = mlops(['sweep', 'mlops.yaml', '--events', '--parallel', '1', '--set', 'training.epochs=2', '--set', 'sweep.trials=2'], ws.dir);
      assert.equal(r.code, 0, r.stderr);
      const all = events(r.stdout).filter((e): e is TrainEvent => e.type !== 'result');
      const steps = all.map(describeEvent);
      const firstStart = all.findIndex((e) => e.type === 'started');
      const before = steps.slice(0, firstStart).map((s) => s.message).filter(Boolean);
      assert.deepEqual(before, ['reading data/train.csv', 'checking the data against its contract', 'starting 1 worker for 2 trials (loading the training backend)']);
      const trialLines = steps.slice(firstStart).map((s) => s.message).filter(Boolean) as string[];
      assert.equal(trialLines.length, 2 + 2 * 2, 'two starts and two epochs per trial');
      assert.ok(trialLines.every((m) => /^trial [12]\/2(: run | · epoch [12]\/2)/.test(m)), trialLines.join('\n'));
      // The output channel gets one readable line per start and phase, never the JSON.
      assert.ok(steps.filter((s) => s.log).every((s) => !s.log!.startsWith('{')));
    } finally { ws.cleanup(); }
  });

  it('passes a backend preference as a --set override and caps sweep parallelism, never raising it', () => {
    assert.deepEqual(trainArgs('/w/mlops.yaml', config()), ['train', '/w/mlops.yaml', '--events']);
    assert.deepEqual(trainArgs('/w/mlops.yaml', config({ backend: 'cpu' })), ['train', '/w/mlops.yaml', '--events', '--set', 'training.backend=cpu']);
    assert.deepEqual(sweepArgs('s', config({ maxParallelTrials: 1 }), 2, 8), ['sweep', 's', '--events', '--parallel', '1']);
    assert.deepEqual(sweepArgs('s', config({ maxParallelTrials: 4 }), 2, 8), ['sweep', 's', '--events']);
    assert.deepEqual(sweepArgs('s', config({ maxParallelTrials: 4 }), undefined, 8), ['sweep', 's', '--events', '--parallel', '4']);
  });
});
