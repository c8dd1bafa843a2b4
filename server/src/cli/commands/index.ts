import type { CliCommand } from '../io';
import { demoCommand } from './demo';
import { registerCommand } from './register';
import { promoteCommand } from './promote';
import { modelsCommand } from './models';

/** Every `mlops` sub-command, in the order `mlops --help` lists them. */
export const commands: CliCommand[] = [
  demoCommand,
  registerCommand,
  promoteCommand,
  modelsCommand,
];
