import type { CliCommand } from '../io';
import { demoCommand } from './demo';

/** Every `mlops` sub-command, in the order `mlops --help` lists them. */
export const commands: CliCommand[] = [
  demoCommand,
];
