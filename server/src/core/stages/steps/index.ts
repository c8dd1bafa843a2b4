import type { StageStep } from '../../pipeline/spec';
import { checkStep } from './check';
import { driftStep } from './drift';
import { registerStep } from './register';
import type { StepDefinition } from './step';
import { trainStep } from './train';

/** Every built-in step a stage can name in `uses:`. */
export const steps: Record<StageStep, StepDefinition> = { check: checkStep, train: trainStep, drift: driftStep, register: registerStep };

/** The step a stage uses, or undefined for a `cmd` stage or an unknown name. */
export function stepOf(uses: unknown): StepDefinition | undefined {
  return typeof uses === 'string' && Object.hasOwn(steps, uses) ? steps[uses as StageStep] : undefined;
}
