import type { CliCommand } from '../io';
import { demoCommand } from './demo';
import { validateCommand } from './validate';

/** Every `mlops` sub-command, in the order `mlops --help` lists them. */
export const commands: CliCommand[] = [
  validateCommand,
  demoCommand,
];
