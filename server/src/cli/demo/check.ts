import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';
import { checkData } from '../../core/contract/check';
import type { PipelineSpec } from '../../core/pipeline/spec';
import { renderCheckText } from '../commands/check';
import type { DemoStep } from './step';

// One-line adapter until the pipeline loader lands: the demo only needs data.train.
const readSpec = (workspace: string) => parse(readFileSync(join(workspace, 'mlops.yaml'), 'utf8')) as PipelineSpec;

/** Demo step: checks the training data against its ODCS contract and prints the result table. */
export const checkStep: DemoStep = {
  title: 'Check the training data against its data contract',
  async run(workspace, io) {
    const train = readSpec(workspace).data.train;
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
