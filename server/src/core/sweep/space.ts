import type { SweepParameter } from '../pipeline/spec';
import { createRng, type Rng } from '../training/rng';

/** One parameter's search space, as Optuna's distributions describe them. */
export type ParamSpace =
  | { kind: 'float'; low: number; high: number; log: boolean; step?: number }
  | { kind: 'int'; low: number; high: number; log: boolean; step: number }
  | { kind: 'categorical'; choices: Array<number | string | boolean> };

/** The space of a sweep parameter: `values` are categorical, else int or float over [min, max]. */
export function paramSpace(p: SweepParameter): ParamSpace {
  if (p.values) return { kind: 'categorical', choices: p.values };
  const low = p.min!;
  const high = p.max!;
  const log = p.scale === 'log';
  if (p.type === 'int') return { kind: 'int', low, high, log, step: p.step ?? 1 };
  return { kind: 'float', low, high, log, ...(p.step !== undefined ? { step: p.step } : {}) };
}

/** Snaps to low + k * step inside [low, high] (int and stepped float parameters). */
export function snap(v: number, low: number, high: number, step: number): number {
  const k = Math.round((v - low) / step);
  const snapped = Math.min(high, Math.max(low, low + k * step));
  return Number(snapped.toPrecision(12));
}

/**
 * A uniform draw from the space, as Optuna's RandomSampler (TPE's start-up trials): uniform on the
 * (log) range, uniform over the grid points of a stepped range, uniform over the choices.
 */
export function randomValue(s: ParamSpace, rng: Rng): number | string | boolean {
  if (s.kind === 'categorical') return s.choices[rng.int(s.choices.length)]!;
  const step = s.step;
  if (s.log) {
    // Int-log (and stepped-log) ranges widen by half a step each side so the end points are as likely as the rest.
    const half = step !== undefined ? step / 2 : 0;
    const lo = Math.log(s.low - half);
    const hi = Math.log(s.high + half);
    const v = Math.exp(lo + rng.next() * (hi - lo));
    return step !== undefined ? snap(v, s.low, s.high, step) : Math.min(s.high, Math.max(s.low, v));
  }
  if (step !== undefined) return snap(s.low + rng.int(Math.floor((s.high - s.low) / step + 1e-9) + 1) * step, s.low, s.high, step);
  return s.low + rng.next() * (s.high - s.low);
}

/**
 * Random search's trials 1..count for a seed: one generator seeded by the sweep seed, one draw per
 * parameter in trial order, then parameter order. `strategy: random` plans its trials with it and TPE
 * draws its start-up trials with it, so for the same seed and space TPE's start-up trials are random
 * search's first trials (as Optuna's TPESampler takes them from its RandomSampler and seeded generator).
 */
export function uniformTrials(spaces: Record<string, ParamSpace>, seed: number, count: number): Array<Record<string, unknown>> {
  const rng = createRng(seed);
  return Array.from({ length: count }, () => Object.fromEntries(Object.entries(spaces).map(([path, s]) => [path, randomValue(s, rng)])));
}
