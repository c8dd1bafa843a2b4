import { stepOf } from '../stages/steps';
import type { StepDefinition } from '../stages/steps/step';
import { scalar } from '../yaml/select';
import { getChild, getPair, type YNode, type YPair, type YScalar } from '../yaml/tree';
import type { SpecAnalysis, StageInfo } from './analysis';
import type { PipelineSpec, Stage } from './spec';

/** A stage as the step and portability rules read it: its value, its `uses`/`cmd`/`with` nodes, its step. */
export interface StageSteps {
  info: StageInfo;
  value: Stage;
  uses?: YScalar;
  cmd?: YScalar;
  withPair?: YPair;
  step?: StepDefinition;
}

/** `with:` keys whose values are files the step reads, and those it writes. */
export const WITH_INPUTS = ['data', 'contract', 'reference', 'current'] as const;
export const WITH_OUTPUTS = ['report', 'model', 'metrics', 'out'] as const;

/** Every stage of the spec with the nodes its rules point at. */
export function stageSteps(a: SpecAnalysis): StageSteps[] {
  const stages = ((a.value as { stages?: unknown }).stages ?? {}) as Record<string, Stage>;
  return a.stages.map((info) => {
    const value = stages[info.name] && typeof stages[info.name] === 'object' ? stages[info.name]! : ({} as Stage);
    const map = info.pair.value;
    return { info, value, uses: scalar(getChild(map, 'uses')), cmd: scalar(getChild(map, 'cmd')),
      withPair: map.kind === 'map' ? getPair(map, 'with') : undefined, step: stepOf(value.uses) };
  });
}

/** The node of `with.<key>` (its value), if written. */
export function withValue(s: StageSteps, key: string): YScalar | undefined {
  return scalar(getChild(s.withPair?.value as YNode | undefined, key));
}

/** The spec as the steps read it. */
export function specValue(a: SpecAnalysis): PipelineSpec {
  return a.value as unknown as PipelineSpec;
}

/** True when the spec says it is meant to run on Argo Workflows (`export: { target: argo }`): the portability rules apply. */
export function exportsToArgo(a: SpecAnalysis): boolean {
  return (a.value as { export?: { target?: unknown } }).export?.target === 'argo';
}
