/** Entry point: builds the context, registers everything, and shows activation errors to the user. */
import * as vscode from 'vscode';
import { MlopsContext } from './context';
import { CONTRACT_SELECTOR, ContractCodeLensProvider } from './codeLens';
import { registerDataCommands } from './commands/data';
import { registerDriftCommands } from './commands/drift';
import { registerRegistryCommands } from './commands/registry';
import { registerRunCommands } from './commands/runs';
import { registerStageCommands } from './commands/stages';
import { registerTrainCommands } from './commands/train';
import { DriftPanel } from './panels/drift/driftView';
import { ExperimentsView } from './panels/experiments/experimentsView';
import { ModelsTree } from './panels/models/modelsTree';

let ctx: MlopsContext | undefined;

export async function activate(extension: vscode.ExtensionContext): Promise<MlopsContext> {
  ctx = new MlopsContext(extension);
  const c = ctx;
  c.views = { experiments: c.track(new ExperimentsView(c)), drift: c.track(new DriftPanel(c)), models: c.track(new ModelsTree(c)) };
  const disposables = [
    vscode.window.registerWebviewViewProvider(ExperimentsView.id, c.views.experiments),
    vscode.window.registerWebviewViewProvider(DriftPanel.id, c.views.drift),
    vscode.window.registerTreeDataProvider(ModelsTree.id, c.views.models),
    vscode.languages.registerCodeLensProvider(CONTRACT_SELECTOR, new ContractCodeLensProvider()),
    vscode.workspace.onDidGrantWorkspaceTrust(() => c.views.models.refresh()),
    ...registerTrainCommands(c), ...registerRunCommands(c), ...registerDataCommands(c),
    ...registerDriftCommands(c), ...registerRegistryCommands(c), ...registerStageCommands(c),
  ];
  for (const d of disposables) c.track(d);
  try {
    await c.startLanguageClient();
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
