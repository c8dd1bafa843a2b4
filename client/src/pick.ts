/** Which file a command works on: its argument, the active editor, or the user's pick. */
import * as vscode from 'vscode';
import type { EngineRequests } from './language/engineRequests';

export const SPEC_GLOB = '**/{mlops.yaml,*.mlops.yaml}';
export const CONTRACT_GLOB = '**/*.odcs.{yaml,yml}';
const EXCLUDE = '**/{node_modules,.git,.mlops}/**';

/** A Uri from a command argument (CodeLens and menus pass a Uri or a string path or URI). */
export function uriArg(arg: unknown): vscode.Uri | undefined {
  if (arg instanceof vscode.Uri) return arg;
  if (typeof arg === 'string' && arg) return arg.includes('://') ? vscode.Uri.parse(arg) : vscode.Uri.file(arg);
  return undefined;
}

/** The pipeline spec to use: the argument, the active spec editor, the only spec, or a pick. */
export async function pickSpec(ctx: { engine: EngineRequests }, arg: unknown): Promise<vscode.Uri | undefined> {
  const given = uriArg(arg);
  if (given) return given;
  const active = vscode.window.activeTextEditor?.document;
  if (active && active.uri.scheme === 'file' && await ctx.engine.isPipelineSpec(active.uri.toString())) {
    if (active.isDirty) await active.save();
    return active.uri;
  }
  return pickFile(SPEC_GLOB, 'pipeline spec (mlops.yaml)');
}

/** Finds files; one is returned directly, several are offered in a quick pick. */
export async function pickFile(glob: string, what: string): Promise<vscode.Uri | undefined> {
  const found = (await vscode.workspace.findFiles(glob, EXCLUDE, 200)).sort((a, b) => a.fsPath.localeCompare(b.fsPath));
  if (found.length === 0) {
    void vscode.window.showWarningMessage(`MLOps: no ${what} found in this workspace.`);
    return undefined;
  }
  if (found.length === 1) return found[0];
  const picked = await vscode.window.showQuickPick(
    found.map((uri) => ({ label: vscode.workspace.asRelativePath(uri), uri })), { placeHolder: `Choose a ${what}` });
  return picked?.uri;
}
