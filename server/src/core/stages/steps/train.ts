import { schema as pipelineSchema } from '../../pipeline/schema';
import type { PipelineSpec, Stage } from '../../pipeline/spec';
import { SpecError } from '../../training/errors';
import { applyOverride, checkValue, splitPath, type Override, type SchemaNode } from '../../training/overrides';
import { cliCommand, errorMessage, flag, opt, type StepDefinition } from './step';

/** `with.set` as overrides, in the order written; a key that is not a spec path is a SpecError. */
export function trainOverrides(stage: Stage): Override[] {
  const set = stage.with?.set;
  if (!set || typeof set !== 'object' || Array.isArray(set)) return [];
  return Object.entries(set as Record<string, unknown>).map(([path, value]) => {
    const keys = splitPath(path);
    if (!keys) throw new SpecError(`with.set.${path}`, 'is not a spec path; write keys separated by dots and list indexes in brackets');
    return { path, keys, value };
  });
}

/** The spec a train stage trains: the pipeline's, with `with.set` (and `with.backend`) applied and checked. */
export function trainSpec(stage: Stage, spec: PipelineSpec): PipelineSpec {
  const backend = opt(stage, 'backend');
  const all = [...trainOverrides(stage), ...(backend ? [{ path: 'training.backend', keys: ['training', 'backend'], value: backend }] : [])];
  return all.reduce((s, o) => { checkValue(pipelineSchema as SchemaNode, o); return applyOverride(s, o); }, spec);
}

const setWord = (o: Override) => `${o.path}=${typeof o.value === 'string' ? o.value : JSON.stringify(o.value)}`;

export function sweeps(stage: Stage): boolean {
  return stage.with?.sweep === true;
}

export const trainStep: StepDefinition = {
  name: 'train',
  options: ['set', 'backend', 'sweep', 'allowContractViolations', 'model', 'metrics'],
  implied(_name, stage, ctx) {
    const train = ctx.spec.data?.train;
    return {
      deps: [train?.path, train?.contract].filter((p): p is string => !!p),
      outs: [opt(stage, 'model'), opt(stage, 'metrics')].filter((p): p is string => !!p),
      params: ['data.train', 'features', 'model', 'training', 'evaluation', ...(sweeps(stage) ? ['sweep'] : [])],
      after: [],
    };
  },
  problems(_name, stage, ctx) {
    const out = [];
    if (!ctx.spec.model) out.push({ message: 'uses: train needs a model section (model.type and model.task)' });
    if (!ctx.spec.features?.target) out.push({ message: 'uses: train needs features.target (the column to predict)' });
    if (sweeps(stage) && !ctx.spec.sweep) out.push({ key: 'sweep', message: 'with.sweep is true but the spec has no sweep section' });
    try {
      trainSpec(stage, ctx.spec);
    } catch (e) {
      out.push({ key: 'set', message: `with.set ${errorMessage(e)}` });
    }
    return out;
  },
  command(_name, stage, ctx) {
    const sets = trainOverrides(stage).flatMap((o) => ['--set', setWord(o)]);
    return cliCommand([sweeps(stage) ? 'sweep' : 'train', ctx.specFile, ...sets, ...flag('--backend', opt(stage, 'backend')),
      ...flag('--allow-contract-violations', stage.with?.allowContractViolations === true)]);
  },
};
