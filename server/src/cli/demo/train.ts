import { join } from 'node:path';
import { formatMetrics, headlineKeys } from '../../core/training/progress';
import { runTraining } from '../../core/training/run';
import { loadRunnableSpec } from '../../core/pipeline/load';
import type { CliIO } from '../io';
import type { DemoStep } from './step';
import { contractChecker } from '../training';

/** Trains the example's model once and prints its metrics and gates (npm run demo). */
export const trainStep: DemoStep = {
  title: 'Train the model (TensorFlow.js, run recorded under .mlops/runs)',
  async run(workspace: string, io: CliIO) {
    const specPath = join(workspace, 'mlops.yaml');
    const { spec, hash } = loadRunnableSpec(specPath);
    const r = await runTraining({ workspace, specPath, specHash: hash, spec, signal: io.signal, checkContract: contractChecker });
    if (r.status !== 'completed') {
      io.out(`run ${r.runId} ${r.status}: ${r.error}\n`);
      return false;
    }
    io.out(`run ${r.runId} on ${r.backend}: best epoch ${r.bestEpoch} of ${r.epochsRun}\n`);
    io.out(`  ${formatMetrics(r.metrics, headlineKeys(r.metrics, spec.evaluation?.metrics ?? []))}\n`);
    for (const g of r.gates) io.out(`  gate ${g.metric} ${g.condition}: ${g.value?.toFixed(4) ?? 'no value'} ${g.passed ? 'passed' : 'FAILED'}\n`);
    return r.gates.every((g) => g.passed);
  },
};
