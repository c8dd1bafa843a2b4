import type { CliCommand, CommandEntry } from '../io';
import { about } from './about';

// Each command is loaded when it runs, not before: `mlops status` must not pay for DuckDB, prom-client
// or TensorFlow, and `mlops --help` for nothing at all. The imports are written out one by one so that
// the bundler (scripts/build.mjs) sees each command as its own piece of the CLI.
const loaders: Record<keyof typeof about, () => Promise<CliCommand>> = {
  validate: () => import('./validate').then((m) => m.validateCommand),
  demo: () => import('./demo').then((m) => m.demoCommand),
  check: () => import('./check').then((m) => m.checkCommand),
  contract: () => import('./contract').then((m) => m.contractCommand),
  drift: () => import('./drift').then((m) => m.driftCommand),
  train: () => import('./train').then((m) => m.trainCommand),
  sweep: () => import('./sweep').then((m) => m.sweepCommand),
  sweeps: () => import('./sweeps').then((m) => m.sweepsCommand),
  runs: () => import('./runs').then((m) => m.runsCommand),
  reproduce: () => import('./reproduce').then((m) => m.reproduceCommand),
  register: () => import('./register').then((m) => m.registerCommand),
  promote: () => import('./promote').then((m) => m.promoteCommand),
  models: () => import('./models').then((m) => m.modelsCommand),
  predict: () => import('./predict').then((m) => m.predictCommand),
  evaluate: () => import('./evaluate').then((m) => m.evaluateCommand),
  serve: () => import('./serve').then((m) => m.serveCommand),
  monitor: () => import('./monitor').then((m) => m.monitorCommand),
  run: () => import('./run').then((m) => m.runCommand),
  status: () => import('./status').then((m) => m.statusCommand),
  stage: () => import('./stage').then((m) => m.stageCommand),
  export: () => import('./export').then((m) => m.exportCommand),
};

/** Every `mlops` sub-command, in the order `mlops --help` lists them, each loaded on first use. */
export const commands: CommandEntry[] = Object.values(about).map((a) => ({ ...a, load: loaders[a.name as keyof typeof about] }));
