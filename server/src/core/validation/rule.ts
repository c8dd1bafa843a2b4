import type { Range } from 'vscode-languageserver-types';
import type { FixData, SeverityName } from '../diagnostics';

/**
 * How a rule reports a problem. The runner adds the rule's code, so each rule states its code once
 * (in `Rule.code`) and cannot report under another rule's code by mistake.
 */
export type Report = (range: Range, message: string, severity?: SeverityName, fix?: FixData) => void;

/** What a rule's `check` receives: the document's `Input` plus `report`. */
export type RuleContext<Input> = Input & { report: Report };

/**
 * A semantic check of one document kind that its schema cannot express. `Input` is what the rules of
 * that kind read: a pipeline spec's analysis, a contract's tree. One rule a file, each with a stable code.
 */
export interface Rule<Input> {
  /** The diagnostic code of everything this rule reports: part of the product's contract, never renamed. */
  readonly code: string;
  check(ctx: RuleContext<Input>): void;
}
