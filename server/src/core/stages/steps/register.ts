import type { Stage } from '../../pipeline/spec';
import { cliCommand, flag, opt, type StepContext, type StepDefinition } from './step';

/** Names of the stages that `uses: train`. */
export function trainStages(ctx: StepContext): string[] {
  return Object.entries(ctx.spec.stages ?? {}).filter(([, s]) => s?.uses === 'train').map(([n]) => n);
}

/** The train stage whose run a register stage registers: `with.run`, else the only train stage. */
export function registeredStage(stage: Stage, ctx: StepContext): string | undefined {
  const named = opt(stage, 'run');
  if (named) return named;
  const trains = trainStages(ctx);
  return trains.length === 1 ? trains[0] : undefined;
}

const num = (v: unknown) => (typeof v === 'number' ? v : undefined);

export const registerStep: StepDefinition = {
  name: 'register',
  options: ['run', 'model', 'message', 'force', 'lfsThresholdMB'],
  implied(_name, stage, ctx) {
    const from = registeredStage(stage, ctx);
    return { deps: [], outs: [], params: ['registry'], after: from ? [from] : [] };
  },
  problems(_name, stage, ctx) {
    const named = opt(stage, 'run');
    const trains = trainStages(ctx);
    if (named && !trains.includes(named)) {
      const what = ctx.spec.stages?.[named] ? `stage "${named}" does not use train` : `there is no stage "${named}"`;
      return [{ key: 'run', message: `with.run must name a "uses: train" stage, but ${what} (train stages: ${trains.join(', ') || 'none'})` }];
    }
    if (!named && trains.length !== 1) {
      return [{ message: trains.length === 0 ? 'uses: register needs a "uses: train" stage whose run it registers; add one'
        : `uses: register cannot tell which run to register (train stages: ${trains.join(', ')}); name one in with.run` }];
    }
    return [];
  },
  command(_name, stage, ctx, runOf) {
    const from = registeredStage(stage, ctx);
    const run = (from && runOf(from)) ?? `<run of ${from ?? '?'}>`;
    const w = stage.with ?? {};
    return cliCommand(['register', run, ...flag('--model', opt(stage, 'model') ?? ctx.spec.registry?.model), ...flag('--message', opt(stage, 'message')),
      ...flag('--force', opt(stage, 'force')), ...flag('--lfs-threshold-mb', num(w.lfsThresholdMB))]);
  },
};
