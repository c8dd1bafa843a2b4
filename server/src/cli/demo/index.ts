import { checkStep } from './check';
import type { DemoStep } from './step';

/** The demo's steps in order; each capability adds its own. */
export const demoSteps: DemoStep[] = [
  checkStep,
];
