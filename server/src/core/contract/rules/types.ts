import type { Rule, RuleContext } from '../../validation/rule';
import type { YMap } from '../../yaml/tree';

/** What a contract rule reads: the contract's tree and its text (for positions inside values). */
export interface ContractRuleInput {
  root: YMap;
  text: string;
  starts: number[];
}

/** A check the standard's schema cannot express: one file under rules/, found by the generated rules/index.ts. */
export type ContractRule = Rule<ContractRuleInput>;

export type ContractRuleContext = RuleContext<ContractRuleInput>;
