import type { DemoStep } from './step';
import { validateStep } from './validate';
import { registerStep } from './register';

/** The demo's steps in order; each capability adds its own. */
export const demoSteps: DemoStep[] = [
  validateStep,
  registerStep,
];
