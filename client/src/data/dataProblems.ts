/**
 * The Problems entries of Check Data, and their lifetime: shown after a check, cleared as soon as the
 * contract is edited (typed in, not only saved) or the contract or data changes on disk, since the
 * lines and counts they name no longer hold.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import * as vscode from 'vscode';
import { CheckedInputs } from './checkedInputs';

export class DataProblems implements vscode.Disposable {
  private readonly checked = new CheckedInputs();
  private watchers: vscode.Disposable[] = [];
  private readonly listeners: vscode.Disposable[];

  constructor(private readonly diagnostics: vscode.DiagnosticCollection) {
    this.listeners = [
      vscode.workspace.onDidChangeTextDocument((e) => {
        if (e.contentChanges.length > 0 && e.document.uri.scheme === 'file') this.changed(e.document.uri);
      }),
    ];
  }

  /** Shows a check's problems (by file), replacing what the last check of that contract showed. */
  show(contract: vscode.Uri, data: vscode.Uri, byFile: Map<string, vscode.Diagnostic[]>): void {
    const before = this.checked.record(contract.fsPath, data.fsPath, [...byFile.keys()]);
    for (const file of [contract.fsPath, ...before]) this.diagnostics.delete(vscode.Uri.file(file));
    for (const [file, diags] of byFile) this.diagnostics.set(vscode.Uri.file(file), diags);
    this.watch();
  }

  private changed(uri: vscode.Uri): void {
    const stale = this.checked.invalidate(uri.fsPath);
    if (stale.length === 0) return;
    for (const file of stale) this.diagnostics.delete(vscode.Uri.file(file));
    this.watch();
  }

  /** Watches every file a shown check read, for changes made outside the editor. */
  private watch(): void {
    for (const w of this.watchers) w.dispose();
    this.watchers = this.checked.inputs().map((input) => {
      const folder = isFolder(input);
      const pattern = folder ? new vscode.RelativePattern(vscode.Uri.file(input), '**/*') : new vscode.RelativePattern(vscode.Uri.file(path.dirname(input)), path.basename(input));
      const w = vscode.workspace.createFileSystemWatcher(pattern);
      const onChange = (u: vscode.Uri) => this.changed(u);
      return vscode.Disposable.from(w, w.onDidChange(onChange), w.onDidCreate(onChange), w.onDidDelete(onChange));
    });
  }

  dispose(): void {
    for (const d of [...this.watchers, ...this.listeners]) d.dispose();
  }
}

function isFolder(p: string): boolean {
  try { return fs.statSync(p).isDirectory(); } catch { return false; }
}
