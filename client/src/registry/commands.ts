/** Register Model Version, Promote Model, and the Models tree's context actions (open card, compare). */
import * as vscode from 'vscode';
import { COMMANDS, type RegisterResult } from '../../../server/src/cliProtocol';
import type { MlopsContext } from '../context';
import { pickRunId } from '../experiments/commands';
import { firstErrorLine, parseJsonOutput } from '../jobs/cliProcess';
import { versionLabel } from './modelsData';
import type { ModelNode } from './modelsTree';
import { promoteArgs, registerArgs, type RegisterOptions } from './registryArgs';
import { reasonPrompt, worseHolderWarning } from './promoteCheck';

export function registerRegistryCommands(ctx: MlopsContext): vscode.Disposable[] {
  return [
    vscode.commands.registerCommand(COMMANDS.registerModel, async (arg?: unknown) => {
      if (!ctx.requireTrust('Registering a model')) return;
      const runId = typeof arg === 'string' ? arg : await pickRunId(ctx, 'Run to register', (s) => s === 'completed');
      if (runId) await register(ctx, runId);
    }),
    vscode.commands.registerCommand(COMMANDS.promoteModel, async (node?: ModelNode) => {
      if (!ctx.requireTrust('Promoting a model')) return;
      await promote(ctx, node?.kind === 'version' ? { name: node.model.name, version: versionLabel(node.version.version) } : undefined);
    }),
    vscode.commands.registerCommand(COMMANDS.refreshModels, () => ctx.views.models.refresh()),
    vscode.commands.registerCommand(COMMANDS.openModelCard, async (node?: ModelNode) => {
      if (node?.kind !== 'version') return;
      const root = await ctx.runs.primaryRoot();
      if (!root) return;
      // The engine lists each version's folder relative to the registry's workspace; card.md is inside.
      const card = vscode.Uri.joinPath(vscode.Uri.file(root), node.version.path, 'card.md');
      try {
        await vscode.commands.executeCommand('markdown.showPreview', card);
      } catch {
        await vscode.window.showTextDocument(card);
      }
    }),
    vscode.commands.registerCommand(COMMANDS.compareModelVersions, async (node?: ModelNode) => {
      if (node?.kind !== 'version') return;
      const others = node.model.versions.filter((v) => v.version !== node.version.version);
      const other = others.length === 1 ? others[0] : (await vscode.window.showQuickPick(
        others.map((v) => ({ label: versionLabel(v.version), description: v.aliases.join(', '), v })),
        { placeHolder: `Compare ${versionLabel(node.version.version)} with` }))?.v;
      if (!other) return;
      // Older version on the left; the columns are named v1, v2, not by run id.
      const pair = [node.version, other].sort((a, b) => a.version - b.version);
      const runIds = pair.map((v) => v.runId).filter((x): x is string => !!x);
      if (runIds.length === 2) await vscode.commands.executeCommand(COMMANDS.compareRuns, runIds, pair.map((v) => versionLabel(v.version)));
      else void vscode.window.showWarningMessage('MLOps: these versions do not record their run ids, so they cannot be compared.');
    }),
  ];
}

async function register(ctx: MlopsContext, runId: string, options: RegisterOptions = {}): Promise<void> {
  // The registry writes models/ next to the runs (the spec's folder), inside its git repository.
  if (!ctx.runs.rootOf(runId)) await ctx.runs.list();
  const root = ctx.runs.rootOf(runId) ?? await ctx.runs.primaryRoot();
  if (!root) return;
  const r = await vscode.window.withProgress({ location: vscode.ProgressLocation.Notification, title: `MLOps: registering run ${runId}` },
    () => ctx.cli(registerArgs(runId, ctx.config(vscode.Uri.file(root)), options), root).result);
  const out = parseJsonOutput<RegisterResult>(r.stdout);
  if (r.code !== 0 || !out) return registerFailed(ctx, runId, options, r.stderr);
  ctx.views.models.refresh();
  for (const w of out.warnings ?? []) ctx.output.appendLine(`register: ${w}`);
  const warned = out.warnings?.length ? ` ${out.warnings.length} warning(s) in the MLOps log.` : '';
  void vscode.window.showInformationMessage(`MLOps: registered ${out.model} ${versionLabel(out.version)} (tag ${out.tag}) from run ${runId}.${warned}`);
}

/**
 * The engine refuses with a reason; two of them the user can lift explicitly (never automatically).
 * The command does not wait for the answer: the notification stays until the user acts.
 */
function registerFailed(ctx: MlopsContext, runId: string, options: RegisterOptions, stderr: string): void {
  const message = `MLOps: could not register run ${runId}: ${firstErrorLine(stderr)}`;
  const offers = [...(!options.init && stderr.includes('--init') ? ['Run git init and Register'] : []),
    ...(!options.force && stderr.includes('--force') ? ['Register Anyway…'] : []), 'Show Log'];
  void vscode.window.showErrorMessage(message, ...offers).then((choice) => registerRetry(ctx, runId, options, choice));
}

async function registerRetry(ctx: MlopsContext, runId: string, options: RegisterOptions, choice: string | undefined): Promise<void> {
  if (choice === 'Show Log') ctx.output.show(true);
  if (choice === 'Run git init and Register') await register(ctx, runId, { ...options, init: true });
  if (choice === 'Register Anyway…') {
    const reason = await vscode.window.showInputBox({ prompt: 'Why register a run whose gates failed? (written into the model card)',
      validateInput: (v) => (v.trim() ? null : 'A reason is required') });
    if (reason) await register(ctx, runId, { ...options, force: reason.trim() });
  }
}

async function promote(ctx: MlopsContext, target?: { name: string; version: string }): Promise<void> {
  const root = await ctx.runs.primaryRoot();
  if (!root) return;
  if (!target) {
    const models = await ctx.views.models.list();
    const picked = await vscode.window.showQuickPick(models.flatMap((m) => m.versions.map((v) => ({
      label: `${m.name} ${versionLabel(v.version)}`, description: v.aliases.join(', '), target: { name: m.name, version: versionLabel(v.version) } }))),
    { placeHolder: 'Version to promote' });
    if (!picked) return;
    target = picked.target;
  }
  const alias = await vscode.window.showQuickPick(['production', 'staging', 'champion', 'challenger', 'Other…'],
    { placeHolder: `Alias for ${target.name} ${target.version}` });
  const name = alias === 'Other…' ? await vscode.window.showInputBox({ prompt: 'Alias name', validateInput: (v) => (/^[A-Za-z][\w-]*$/.test(v) ? null : 'Letters, digits, - and _') }) : alias;
  if (!name) return;
  const model = (await ctx.views.models.list()).find((m) => m.name === target.name);
  const warning = model ? worseHolderWarning(model, Number(target.version.replace(/^v/, '')), name) : null;
  if (warning && await vscode.window.showWarningMessage(`MLOps: ${warning} Promote anyway?`, { modal: true }, 'Promote Anyway') !== 'Promote Anyway') return;
  const reason = await vscode.window.showInputBox(reasonPrompt(target.name, target.version, name));
  if (reason === undefined) return;
  const r = await ctx.cli(promoteArgs(target.name, target.version, name, reason || undefined), root).result;
  if (r.code !== 0) return ctx.showError(`MLOps: could not promote: ${firstErrorLine(r.stderr)}`);
  ctx.views.models.refresh();
  void vscode.window.showInformationMessage(`MLOps: ${target.name} ${target.version} is now ${name}${reason.trim() ? '' : ' (no reason recorded)'}.`);
}
