import { join } from 'node:path';
import { driftCommand } from '../commands/drift';
import { EXIT_OK } from '../io';
import type { DemoStep } from './step';

/**
 * Drift of the example's current data against its training data, as `mlops drift --spec mlops.yaml`
 * prints it (monthly_charges and support_calls were shifted on purpose and show as DRIFT). Drift is
 * the expected finding here, so the step fails only when the report cannot be made.
 */
export const driftStep: DemoStep = {
  title: 'Data drift (mlops drift --spec mlops.yaml)',
  async run(workspace, io) {
    const code = await driftCommand.run(['--spec', join(workspace, 'mlops.yaml'), '--format', 'text'], io);
    return code === EXIT_OK;
  },
};
