import type { CliCommand } from '../io';
import { checkCommand } from './check';
import { contractCommand } from './contract';
import { demoCommand } from './demo';
import { driftCommand } from './drift';
import { validateCommand } from './validate';
import { trainCommand } from './train';
import { sweepCommand } from './sweep';
import { sweepsCommand } from './sweeps';
import { runsCommand } from './runs';
import { reproduceCommand } from './reproduce';
import { registerCommand } from './register';
import { promoteCommand } from './promote';
import { modelsCommand } from './models';
import { predictCommand } from './predict';
import { evaluateCommand } from './evaluate';
import { serveCommand } from './serve';
import { monitorCommand } from './monitor';
import { runCommand } from './run';
import { statusCommand } from './status';
import { stageCommand } from './stage';
import { exportCommand } from './export';

/** Every `mlops` sub-command, in the order `mlops --help` lists them. */
export const commands: CliCommand[] = [
  validateCommand,
  demoCommand,
  checkCommand,
  contractCommand,
  driftCommand,
  trainCommand,
  sweepCommand,
  sweepsCommand,
  runsCommand,
  reproduceCommand,
  registerCommand,
  promoteCommand,
  modelsCommand,
  predictCommand,
  evaluateCommand,
  serveCommand,
  monitorCommand,
  runCommand,
  statusCommand,
  stageCommand,
  exportCommand,
];
