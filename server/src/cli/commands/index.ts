import type { CliCommand } from '../io';
import { demoCommand } from './demo';
import { validateCommand } from './validate';
import { registerCommand } from './register';
import { promoteCommand } from './promote';
import { modelsCommand } from './models';

/** Every `mlops` sub-command, in the order `mlops --help` lists them. */
export const commands: CliCommand[] = [
  validateCommand,
  demoCommand,
  registerCommand,
  promoteCommand,
  modelsCommand,
];
