import type { CliCommand } from '../io';
import { demoCommand } from './demo';
import { trainCommand } from './train';

/** Every `mlops` sub-command, in the order `mlops --help` lists them. */
export const commands: CliCommand[] = [
  demoCommand,
  trainCommand,
];
