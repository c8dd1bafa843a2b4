import type { DemoStep } from './step';
import { validateStep } from './validate';

/** The demo's steps in order; each capability adds its own. */
export const demoSteps: DemoStep[] = [
  validateStep,
];
