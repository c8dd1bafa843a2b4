import type { ModelSpec, SweepSpec } from '../pipeline/spec';
import { SpecError } from '../training/errors';
import { metricKeys } from '../training/params';
import { DEFAULT_TRIALS } from '../training/sweep';
import type { AshaConfig } from './asha';
import type { SweepBudget } from './record';
import { paramSpace, type ParamSpace } from './space';
import { DEFAULT_STARTUP_TRIALS } from './tpe';

/** A sweep's settings with defaults filled in and checked. */
export interface SweepSettings {
  trials: number;
  maxEpochs: number;
  minutes: number | null;
  budget: SweepBudget | null;
  pruner: ({ type: 'asha' } & AshaConfig) | null;
  startupTrials: number;
  spaces: Record<string, ParamSpace>;
}

function positiveInt(path: string, v: unknown, min = 1): number {
  if (!Number.isInteger(v) || (v as number) < min) throw new SpecError(path, `must be an integer >= ${min} (got ${JSON.stringify(v)})`);
  return v as number;
}

function resolvePruner(sweep: SweepSpec, task: ModelSpec['task'], validation: boolean): SweepSettings['pruner'] {
  const p = sweep.pruner;
  if (!p) return null;
  if (p.type !== 'asha') throw new SpecError('sweep.pruner.type', `must be asha (got ${JSON.stringify(p.type)})`);
  const metric = p.metric ?? sweep.metric;
  const keys = metricKeys(task, validation);
  if (!keys.includes(metric)) throw new SpecError('sweep.pruner.metric', `unknown metric "${metric}" (metrics: ${keys.join(', ')})`);
  return { type: 'asha', minEpochs: positiveInt('sweep.pruner.minEpochs', p.minEpochs ?? 1), reductionFactor: positiveInt('sweep.pruner.reductionFactor', p.reductionFactor ?? 3, 2), metric };
}

/**
 * Resolves budget, pruner and the tpe search spaces. `epochs` is the spec's training.epochs,
 * which `budget.maxEpochs` replaces for every trial when given.
 */
export function resolveSweepSettings(sweep: SweepSpec, task: ModelSpec['task'], validation: boolean, epochs: number, planned: number): SweepSettings {
  const b = sweep.budget;
  const maxEpochs = b?.maxEpochs !== undefined ? positiveInt('sweep.budget.maxEpochs', b.maxEpochs) : epochs;
  if (b?.minutes !== undefined && !(typeof b.minutes === 'number' && b.minutes > 0)) throw new SpecError('sweep.budget.minutes', `must be a number of minutes > 0 (got ${JSON.stringify(b.minutes)})`);
  const requested = b?.trials ?? sweep.trials;
  if (requested !== undefined) positiveInt(b?.trials !== undefined ? 'sweep.budget.trials' : 'sweep.trials', requested);
  const trials = sweep.strategy === 'tpe' ? requested ?? DEFAULT_TRIALS : planned;
  const pruner = resolvePruner(sweep, task, validation);
  if (pruner && pruner.minEpochs >= maxEpochs) throw new SpecError('sweep.pruner.minEpochs', `must be below the epochs a trial trains (${maxEpochs}), or no trial can be stopped early`);
  const startupTrials = positiveInt('sweep.startupTrials', sweep.startupTrials ?? DEFAULT_STARTUP_TRIALS);
  const spaces = Object.fromEntries(Object.entries(sweep.parameters).map(([path, p]) => [path, paramSpace(p)]));
  const budget = b ? { trials, maxEpochs: b.maxEpochs ?? null, minutes: b.minutes ?? null } : null;
  return { trials, maxEpochs, minutes: b?.minutes ?? null, budget, pruner, startupTrials, spaces };
}
