/**
 * Offers, once, to add `.mlops/` to .gitignore when a job has just created `.mlops/` in a folder of a
 * git repository that does not ignore it (the decision is gitignoreOffer.ts's, asked of git).
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import * as vscode from 'vscode';
import { addMlopsIgnore, mlopsIgnoreState } from './gitignoreOffer';

const NEVER_KEY = 'mlops.gitignoreOffer.never';
const asked = new Set<string>();

export async function offerMlopsIgnore(extension: vscode.ExtensionContext, folder: string): Promise<void> {
  if (asked.has(folder) || !fs.existsSync(path.join(folder, '.mlops')) || extension.workspaceState.get<boolean>(NEVER_KEY)) return;
  asked.add(folder);
  if (await mlopsIgnoreState(folder) !== 'not-ignored') return;
  const add = 'Add .mlops/ to .gitignore';
  const never = "Don't Ask Again";
  const choice = await vscode.window.showInformationMessage(
    `MLOps: runs, the stage cache and logs are kept in ${vscode.workspace.asRelativePath(path.join(folder, '.mlops'))}/, which git does not ignore here. ` +
    'Models worth keeping are committed by the registry (models/).', add, never);
  if (choice === add) {
    const file = addMlopsIgnore(folder);
    void vscode.window.showInformationMessage(`MLOps: added .mlops/ to ${vscode.workspace.asRelativePath(file)}.`);
  } else if (choice === never) {
    await extension.workspaceState.update(NEVER_KEY, true);
  }
}
