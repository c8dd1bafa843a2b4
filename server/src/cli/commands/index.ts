import type { CliCommand } from '../io';
import { checkCommand } from './check';
import { contractCommand } from './contract';
import { demoCommand } from './demo';
import { driftCommand } from './drift';
import { validateCommand } from './validate';

/** Every `mlops` sub-command, in the order `mlops --help` lists them. */
export const commands: CliCommand[] = [
  validateCommand,
  demoCommand,
  checkCommand,
  contractCommand,
  driftCommand,
];
