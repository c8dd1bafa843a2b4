import { schema as pipelineSchema } from '../../pipeline/schema';
import type { PipelineSpec, Stage } from '../../pipeline/spec';
import { applyOverride, checkValue, type SchemaNode } from '../../training/overrides';
import { errorMessage, opt, type StepProblem } from './step';
import { trainOverrides } from './train';

/** The spec a train stage trains: the pipeline's, with `with.set` (and `with.backend`) applied and checked. */
export function trainSpec(stage: Stage, spec: PipelineSpec): PipelineSpec {
  const backend = opt(stage, 'backend');
  const all = [...trainOverrides(stage), ...(backend ? [{ path: 'training.backend', keys: ['training', 'backend'], value: backend }] : [])];
  return all.reduce((s, o) => { checkValue(pipelineSchema as SchemaNode, o); return applyOverride(s, o); }, spec);
}

/**
 * What is wrong with a train stage's `with.set` (a path that is no spec setting, a value the schema
 * refuses): the validator's bad-with rule asks, after the step's own problems. Kept apart from the step
 * definition because it needs the schema's validator, which reading a pipeline (`mlops status`) does not.
 */
export function trainSetProblems(stage: Stage, spec: PipelineSpec): StepProblem[] {
  try {
    trainSpec(stage, spec);
    return [];
  } catch (e) {
    return [{ key: 'set', message: `with.set ${errorMessage(e)}` }];
  }
}
