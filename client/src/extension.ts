/** Entry point: builds the context, registers every feature, and shows activation errors to the user. */
import * as vscode from 'vscode';
import { MlopsContext } from './context';
import { registerDataCommands } from './data/commands';
import { registerDriftCommands } from './drift/commands';
import { DriftView } from './drift/driftView';
import { registerExperimentsCommands } from './experiments/commands';
import { ExperimentsView } from './experiments/experimentsView';
import { PipelineView } from './pipeline/pipelineView';
import { registerPipelineCommands } from './pipeline/runPipeline';
import { StageStatusLenses } from './pipeline/stageLenses';
import { registerRegistryCommands } from './registry/commands';
import { ModelsTree } from './registry/modelsTree';
import { registerServingCommands } from './serving/commands';
import { ServingView } from './serving/servingView';
import { ServingSession } from './serving/session';
import { ServingStatusBar } from './serving/statusBar';
import { registerTrainCommands } from './training/commands';

let ctx: MlopsContext | undefined;

export async function activate(extension: vscode.ExtensionContext): Promise<MlopsContext> {
  ctx = new MlopsContext(extension);
  const c = ctx;
  c.views = { experiments: c.track(new ExperimentsView(c)), drift: c.track(new DriftView(c)), models: c.track(new ModelsTree(c)), pipeline: c.track(new PipelineView(c)), serving: c.track(new ServingView(c)) };
  const serving = c.track(new ServingSession(c));
  const servingBar = c.track(new ServingStatusBar());
  c.track(serving.onDidChange((s) => { c.views.serving.show(s); servingBar.show(s); }));
  const lenses = c.track(new StageStatusLenses(c));
  const disposables = [
    c.views.experiments.register(),
    c.views.drift.register(),
    c.views.pipeline.register(),
    c.views.serving.register(),
    lenses.register(),
    vscode.window.registerTreeDataProvider(ModelsTree.id, c.views.models),
    vscode.workspace.onDidGrantWorkspaceTrust(() => c.views.models.refresh()),
    ...registerTrainCommands(c), ...registerExperimentsCommands(c), ...registerDataCommands(c),
    ...registerDriftCommands(c), ...registerRegistryCommands(c), ...registerPipelineCommands(c, () => lenses.refresh()),
    ...registerServingCommands(c, serving, c.views.serving),
  ];
  for (const d of disposables) c.track(d);
  try {
    await c.language.start();
  } catch (e) {
    const message = `MLOps: the language server did not start: ${(e as Error).message ?? String(e)}`;
    c.output.appendLine(message);
    void vscode.window.showErrorMessage(message, 'Show Log').then((x) => x && c.output.show(true));
  }
  return c;
}

export async function deactivate(): Promise<void> {
  await ctx?.dispose();
  ctx = undefined;
}
