/**
 * "Check data" CodeLenses above each schema object of a contract, placed from the core's contract model
 * (the same reader the language server uses). Pipeline spec lenses (Train, Run Sweep, Check Drift, Run
 * stage) come from the language server with the client's command ids, so none are added here for specs.
 */
import * as vscode from 'vscode';
import { readContract } from '../../server/src/core/contract/model';

export const CONTRACT_SELECTOR: vscode.DocumentSelector = [{ language: 'yaml', pattern: '**/*.odcs.{yaml,yml}' }];

export class ContractCodeLensProvider implements vscode.CodeLensProvider {
  provideCodeLenses(doc: vscode.TextDocument): vscode.CodeLens[] {
    return readContract(doc.getText(), doc.uri.fsPath).schemas.map((s) => {
      const line = s.range.start.line;
      return new vscode.CodeLens(new vscode.Range(line, 0, line, 0), {
        title: 'Check data', command: 'mlops.checkData', arguments: [doc.uri, s.name],
      });
    });
  }
}
