import type { CodeLens } from 'vscode-languageserver-types';
import { COMMANDS } from '../../../cliProtocol';
import type { YNode } from '../../yaml/tree';
import { contractFromTree } from '../model';

/** "Check data" above each schema object of a contract (the command gets the contract and the object's name). */
export function lensesContract(root: YNode | null, uri: string, path: string): CodeLens[] {
  return contractFromTree(root, path).schemas.map((s) => {
    const line = s.range.start.line;
    return {
      range: { start: { line, character: 0 }, end: { line, character: 0 } },
      command: { title: 'Check data', command: COMMANDS.checkData, arguments: [uri, s.name] },
    };
  });
}
