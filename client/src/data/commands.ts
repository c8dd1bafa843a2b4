/**
 * Check Data Against Contract and Infer Contract From Data. Failed checks go to Problems on the
 * contract line of the rule that failed (the engine reports where each rule is written).
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import * as vscode from 'vscode';
import { COMMANDS, type CheckReport, type CheckResult } from '../../../server/src/cliProtocol';
import { isError } from '../../../server/src/protocol';
import type { MlopsContext } from '../context';
import { firstErrorLine, parseJsonOutput } from '../jobs/cliProcess';
import { CONTRACT_GLOB, SPEC_GLOB, pickFile, uriArg } from '../pick';
import { checkArgs, inferArgs, proposedContractPath } from './dataArgs';
import { DataProblems } from './dataProblems';

const DATA_GLOB = '**/*.{csv,parquet}';

export function registerDataCommands(ctx: MlopsContext): vscode.Disposable[] {
  const problems = new DataProblems(ctx.dataDiagnostics);
  return [
    problems,
    vscode.commands.registerCommand(COMMANDS.checkData, async (arg?: unknown, schemaArg?: unknown) => {
      if (!ctx.requireTrust('Checking data (contracts can hold SQL quality rules)')) return;
      const contract = uriArg(arg) ?? activeContract() ?? await pickFile(CONTRACT_GLOB, 'data contract (*.odcs.yaml)');
      if (!contract) return;
      const data = await dataFor(ctx, contract);
      if (!data) return;
      await checkData(ctx, problems, contract, data.uri, typeof schemaArg === 'string' ? schemaArg : data.schema);
    }),
    vscode.commands.registerCommand(COMMANDS.inferContract, async (arg?: unknown) => {
      if (!ctx.requireTrust('Inferring a contract')) return;
      const data = uriArg(arg) ?? await pickFile(DATA_GLOB, 'data file (CSV or Parquet)');
      if (data) await inferContract(ctx, data);
    }),
  ];
}

function activeContract(): vscode.Uri | undefined {
  const doc = vscode.window.activeTextEditor?.document;
  return doc && /\.odcs\.ya?ml$/.test(doc.uri.fsPath) ? doc.uri : undefined;
}

/** The data a contract describes: from a pipeline spec that links them, else the user's pick. */
async function dataFor(ctx: MlopsContext, contract: vscode.Uri): Promise<{ uri: vscode.Uri; schema?: string } | undefined> {
  for (const spec of await vscode.workspace.findFiles(SPEC_GLOB, '**/node_modules/**', 50)) {
    const read = await ctx.engine.specSummary(spec.fsPath);
    if (isError(read)) continue; // an unreadable spec links nothing
    const ref = Object.values(read.summary.data).find((d) => d.contract && path.resolve(d.contract) === path.resolve(contract.fsPath));
    if (ref) return { uri: vscode.Uri.file(ref.path), ...(ref.schema ? { schema: ref.schema } : {}) };
  }
  const picked = await pickFile(DATA_GLOB, 'data file to check');
  return picked ? { uri: picked } : undefined;
}

async function checkData(ctx: MlopsContext, problems: DataProblems, contract: vscode.Uri, data: vscode.Uri, schema?: string): Promise<void> {
  const cwd = ctx.folderFor(contract)?.uri.fsPath ?? path.dirname(contract.fsPath);
  const title = `MLOps: checking ${vscode.workspace.asRelativePath(data)} against ${path.basename(contract.fsPath)}`;
  const r = await vscode.window.withProgress({ location: vscode.ProgressLocation.Notification, title, cancellable: true }, (_p, token) => {
    const proc = ctx.cli(checkArgs(contract.fsPath, data.fsPath, schema, ctx.config(contract).sqlTimeoutMs), cwd);
    token.onCancellationRequested(() => proc.cancel());
    return proc.result;
  });
  if (r.cancelled) return;
  const report = parseJsonOutput<CheckReport>(r.stdout);
  if (!report || !Array.isArray(report.checks)) return ctx.showError(`MLOps: data check failed: ${firstErrorLine(r.stderr)}`);
  const byFile = new Map<string, vscode.Diagnostic[]>();
  for (const c of report.checks.filter((x) => !x.passed)) {
    const file = c.location?.path ? path.resolve(cwd, c.location.path) : contract.fsPath;
    byFile.set(file, [...(byFile.get(file) ?? []), toDiagnostic(c)]);
  }
  problems.show(contract, data, byFile);
  const failed = report.checks.filter((c) => !c.passed).length;
  const summary = `MLOps: ${report.rows} rows, ${report.checks.length - failed} of ${report.checks.length} checks passed`;
  if (failed === 0) void vscode.window.showInformationMessage(`${summary}.`);
  else {
    const show = report.passed ? vscode.window.showWarningMessage : vscode.window.showErrorMessage;
    void show(`${summary}; ${failed} failed (see Problems).`, 'Show Problems')
      .then((c) => c && vscode.commands.executeCommand('workbench.actions.view.problems'));
  }
}

function toDiagnostic(c: CheckResult): vscode.Diagnostic {
  const rg = c.location?.range;
  const range = rg ? new vscode.Range(rg.start.line, rg.start.character, rg.end.line, rg.end.character) : new vscode.Range(0, 0, 0, 0);
  const samples = (c.samples ?? []).slice(0, 3).map((s) => `line ${s.line}: ${JSON.stringify(s.value)}`).join('; ');
  const severity = c.severity === 'warning' ? vscode.DiagnosticSeverity.Warning
    : c.severity === 'info' ? vscode.DiagnosticSeverity.Information : vscode.DiagnosticSeverity.Error;
  const d = new vscode.Diagnostic(range, `${c.message}${c.failures ? ` (${c.failures} rows${samples ? `, e.g. ${samples}` : ''})` : ''}`, severity);
  d.source = 'mlops check';
  d.code = c.rule;
  return d;
}

async function inferContract(ctx: MlopsContext, data: vscode.Uri): Promise<void> {
  const cwd = ctx.folderFor(data)?.uri.fsPath ?? path.dirname(data.fsPath);
  const name = path.basename(data.fsPath).replace(/\.[^.]+$/, '');
  const r = await vscode.window.withProgress({ location: vscode.ProgressLocation.Notification,
    title: `MLOps: inferring a contract from ${vscode.workspace.asRelativePath(data)}`, cancellable: true }, (_p, token) => {
    const proc = ctx.cli(inferArgs(data.fsPath, name), cwd);
    token.onCancellationRequested(() => proc.cancel());
    return proc.result;
  });
  if (r.cancelled) return;
  if (r.code !== 0 || !r.stdout.trim()) return ctx.showError(`MLOps: contract inference failed: ${firstErrorLine(r.stderr)}`);
  // Shown unsaved under a proposed name (Save offers contracts/<name>.odcs.yaml, never an existing
  // file): nothing is written until the user saves, and the editor validates it as a contract at once.
  const folder = ctx.folderFor(data)?.uri.fsPath ?? path.dirname(data.fsPath);
  const proposed = proposedContractPath(folder, name, (p) => fs.existsSync(p) || vscode.workspace.textDocuments.some((d) => d.uri.path === vscode.Uri.file(p).path));
  const doc = await vscode.workspace.openTextDocument(vscode.Uri.file(proposed).with({ scheme: 'untitled' }));
  const edit = new vscode.WorkspaceEdit();
  edit.insert(doc.uri, new vscode.Position(0, 0), r.stdout);
  await vscode.workspace.applyEdit(edit);
  await vscode.window.showTextDocument(await vscode.languages.setTextDocumentLanguage(doc, 'yaml'));
}
