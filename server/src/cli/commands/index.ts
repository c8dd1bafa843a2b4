import type { CliCommand } from '../io';
import { demoCommand } from './demo';
import { validateCommand } from './validate';
import { trainCommand } from './train';
import { sweepCommand } from './sweep';
import { runsCommand } from './runs';
import { reproduceCommand } from './reproduce';

/** Every `mlops` sub-command, in the order `mlops --help` lists them. */
export const commands: CliCommand[] = [
  validateCommand,
  demoCommand,
  trainCommand,
  sweepCommand,
  runsCommand,
  reproduceCommand,
];
