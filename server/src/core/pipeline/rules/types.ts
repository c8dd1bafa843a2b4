import type { CoreHost } from '../../languageService';
import type { Rule, RuleContext } from '../../validation/rule';
import type { SpecAnalysis } from '../analysis';

/** What a pipeline rule reads: the spec's analysis (computed once per validation) and the host. */
export interface PipelineRuleInput {
  a: SpecAnalysis;
  host: CoreHost;
}

/** A semantic check of pipeline specs: one file under rules/, found by the generated rules/index.ts. */
export type PipelineRule = Rule<PipelineRuleInput>;

export type PipelineRuleContext = RuleContext<PipelineRuleInput>;
