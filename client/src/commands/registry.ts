/** Register Model Version, Promote Model, and the Models tree's context actions (open card, compare). */
import * as path from 'node:path';
import * as vscode from 'vscode';
import type { MlopsContext } from '../context';
import { promoteArgs, registerArgs } from '../engine/cliArgs';
import { firstErrorLine, parseJsonOutput } from '../engine/cliProcess';
import type { ModelNode } from '../panels/models/modelsTree';
import { pickRunId } from './train';

export function registerRegistryCommands(ctx: MlopsContext): vscode.Disposable[] {
  return [
    vscode.commands.registerCommand('mlops.registerModel', async (arg?: unknown) => {
      if (!ctx.requireTrust('Registering a model')) return;
      const runId = typeof arg === 'string' ? arg : await pickRunId(ctx, 'Run to register', (s) => s === 'completed');
      if (runId) await register(ctx, runId);
    }),
    vscode.commands.registerCommand('mlops.promoteModel', async (node?: ModelNode) => {
      if (!ctx.requireTrust('Promoting a model')) return;
      await promote(ctx, node?.kind === 'version' ? { name: node.model.name, version: node.version.version } : undefined);
    }),
    vscode.commands.registerCommand('mlops.refreshModels', () => ctx.views.models.refresh()),
    vscode.commands.registerCommand('mlops.openModelCard', async (node?: ModelNode) => {
      if (node?.kind !== 'version') return;
      const folder = ctx.folderFor();
      if (!folder) return;
      const rel = node.version.path ?? path.join('models', node.model.name, node.version.version);
      const card = vscode.Uri.joinPath(folder.uri, rel, 'card.md');
      try {
        await vscode.commands.executeCommand('markdown.showPreview', card);
      } catch {
        await vscode.window.showTextDocument(card);
      }
    }),
    vscode.commands.registerCommand('mlops.compareModelVersions', async (node?: ModelNode) => {
      if (node?.kind !== 'version') return;
      const others = node.model.versions.filter((v) => v.version !== node.version.version);
      const other = others.length === 1 ? others[0] : (await vscode.window.showQuickPick(
        others.map((v) => ({ label: v.version, description: v.aliases.join(', '), v })), { placeHolder: `Compare ${node.version.version} with` }))?.v;
      const runIds = [node.version.runId, other?.runId].filter((x): x is string => !!x);
      if (!other) return;
      if (runIds.length === 2) await vscode.commands.executeCommand('mlops.compareRuns', runIds);
      else void vscode.window.showWarningMessage('MLOps: these versions do not record their run ids, so they cannot be compared.');
    }),
  ];
}

async function register(ctx: MlopsContext, runId: string): Promise<void> {
  const folder = ctx.folderFor();
  if (!folder) return;
  const r = await vscode.window.withProgress({ location: vscode.ProgressLocation.Notification, title: `MLOps: registering run ${runId}` },
    () => ctx.cli(registerArgs(runId, ctx.config(folder.uri)), folder.uri.fsPath).result);
  const out = parseJsonOutput<{ model?: string; name?: string; version?: string | number; tag?: string }>(r.stdout);
  if (r.code !== 0) return ctx.showError(`MLOps: could not register run ${runId}: ${firstErrorLine(r.stderr)}`);
  ctx.views.models.refresh();
  const name = out?.model ?? out?.name ?? 'model';
  void vscode.window.showInformationMessage(`MLOps: registered ${name} ${out?.version !== undefined ? `v${String(out.version).replace(/^v/, '')}` : ''} from run ${runId}.`);
}

async function promote(ctx: MlopsContext, target?: { name: string; version: string }): Promise<void> {
  const folder = ctx.folderFor();
  if (!folder) return;
  if (!target) {
    const models = await ctx.views.models.list();
    const picked = await vscode.window.showQuickPick(models.flatMap((m) => m.versions.map((v) => ({
      label: `${m.name} ${v.version}`, description: v.aliases.join(', '), target: { name: m.name, version: v.version } }))),
    { placeHolder: 'Version to promote' });
    if (!picked) return;
    target = picked.target;
  }
  const alias = await vscode.window.showQuickPick(['production', 'staging', 'champion', 'challenger', 'Other…'],
    { placeHolder: `Alias for ${target.name} ${target.version}` });
  const name = alias === 'Other…' ? await vscode.window.showInputBox({ prompt: 'Alias name', validateInput: (v) => (/^[A-Za-z][\w-]*$/.test(v) ? null : 'Letters, digits, - and _') }) : alias;
  if (!name) return;
  const reason = await vscode.window.showInputBox({ prompt: `Why promote ${target.name} ${target.version} to ${name}? (recorded in the history)` });
  if (reason === undefined) return;
  const r = await ctx.cli(promoteArgs(target.name, target.version, name, reason || undefined), folder.uri.fsPath).result;
  if (r.code !== 0) return ctx.showError(`MLOps: could not promote: ${firstErrorLine(r.stderr)}`);
  ctx.views.models.refresh();
  void vscode.window.showInformationMessage(`MLOps: ${target.name} ${target.version} is now ${name}.`);
}
