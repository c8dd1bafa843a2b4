import { checkStep } from './check';
import type { DemoStep } from './step';
import { driftStep } from './drift';
import { validateStep } from './validate';
import { trainStep } from './train';
import { registerStep } from './register';
import { serveStep } from './serve';

/** The demo's steps in order; each capability adds its own. */
export const demoSteps: DemoStep[] = [
  validateStep,
  checkStep,
  driftStep,
  trainStep,
  registerStep,
  serveStep,
];
