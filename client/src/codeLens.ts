/** The CodeLens provider for pipeline specs and contracts (places from lensPlaces.ts). */
import * as vscode from 'vscode';
import { contractLensPlaces, specLensPlaces } from './lensPlaces';

export const SPEC_SELECTOR: vscode.DocumentSelector = [
  { language: 'yaml', pattern: '**/mlops.{yaml,yml}' }, { language: 'yaml', pattern: '**/*.mlops.{yaml,yml}' },
];
export const CONTRACT_SELECTOR: vscode.DocumentSelector = [{ language: 'yaml', pattern: '**/*.odcs.{yaml,yml}' }];

export class MlopsCodeLensProvider implements vscode.CodeLensProvider {
  constructor(private readonly kind: 'spec' | 'contract') {}

  provideCodeLenses(doc: vscode.TextDocument): vscode.CodeLens[] {
    const places = this.kind === 'spec' ? specLensPlaces(doc.getText()) : contractLensPlaces(doc.getText());
    return places.map((p) => new vscode.CodeLens(new vscode.Range(p.line, 0, p.line, 0), {
      title: p.title, command: p.command, arguments: p.arg === undefined ? [doc.uri] : [doc.uri, p.arg],
    }));
  }
}
