import type { StageStep } from '../../pipeline/spec';
import type { StepRunner } from '../steps/step';
import { runCheck } from './check';
import { runDrift } from './drift';
import { runRegister } from './register';
import { runTrain } from './train';

/**
 * How each built-in step runs, apart from what it is (steps/): the language server reads the step
 * definitions and must not load the engines (DuckDB, TensorFlow.js) they run on.
 */
export const stepRunners: Record<StageStep, StepRunner> = { check: runCheck, train: runTrain, drift: runDrift, register: runRegister };
