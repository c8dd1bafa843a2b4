import type { Stage } from '../../pipeline/spec';
import { parseSweepPath } from '../../pipeline/sweepPath';
import { SpecError } from '../../training/errors';
import type { Override } from '../../training/overrides';
import { cliCommand, flag, opt, type StepDefinition } from './step';

// The definition stays clear of the schema's validator (Ajv): `mlops status` reads every step's
// definition, and checking `with.set` values against the schema is trainSpec.ts's job.

/** `with.set` as overrides, in the order written; a key that is not a spec path is a SpecError. */
export function trainOverrides(stage: Stage): Override[] {
  const set = stage.with?.set;
  if (!set || typeof set !== 'object' || Array.isArray(set)) return [];
  return Object.entries(set as Record<string, unknown>).map(([path, value]) => {
    const keys = parseSweepPath(path);
    if (!keys) throw new SpecError(`with.set.${path}`, 'is not a spec path; write keys separated by dots and list indexes in brackets');
    return { path, keys, value };
  });
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
    return out;
  },
  command(_name, stage, ctx) {
    const sets = trainOverrides(stage).flatMap((o) => ['--set', setWord(o)]);
    return cliCommand([sweeps(stage) ? 'sweep' : 'train', ctx.specFile, ...sets, ...flag('--backend', opt(stage, 'backend')),
      ...flag('--allow-contract-violations', stage.with?.allowContractViolations === true)]);
  },
};
