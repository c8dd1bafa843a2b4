import { join } from 'node:path';
import { checkData } from '../../core/contract/check';
import { loadRunnableSpec } from '../../core/pipeline/load';
import { renderCheckText } from '../commands/check';
import type { DemoStep } from './step';

/** Demo step: checks the training data against its ODCS contract and prints the result table. */
export const checkStep: DemoStep = {
  title: 'Check the training data against its data contract',
  async run(workspace, io) {
    const train = loadRunnableSpec(join(workspace, 'mlops.yaml')).spec.data.train;
    if (!train.contract) {
      io.out('data.train has no contract: nothing to check\n');
      return true;
    }
    const report = await checkData({
      contractPath: join(workspace, train.contract), dataPath: join(workspace, train.path), schema: train.schema, signal: io.signal,
    });
    io.out(renderCheckText({ ...report, contract: train.contract, data: train.path }));
    return report.passed;
  },
};
