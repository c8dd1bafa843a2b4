import type { Range } from 'vscode-languageserver-types';
import type { SeverityName } from '../../diagnostics';
import type { YMap } from '../../yaml/tree';

/** What a semantic rule sees: the contract's tree and its text (for positions inside values). */
export interface ContractRuleContext {
  root: YMap;
  text: string;
  starts: number[];
  report(range: Range, message: string, severity?: SeverityName): void;
}

/** A check the standard's schema cannot express; one file each, with a stable code. */
export interface ContractRule {
  code: string;
  check(ctx: ContractRuleContext): void;
}
