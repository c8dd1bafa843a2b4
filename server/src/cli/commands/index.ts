import type { CliCommand } from '../io';
import { checkCommand } from './check';
import { contractCommand } from './contract';
import { demoCommand } from './demo';

/** Every `mlops` sub-command, in the order `mlops --help` lists them. */
export const commands: CliCommand[] = [
  demoCommand,
  checkCommand,
  contractCommand,
];
