import { createRng, type Rng } from '../training/rng';
import { buildParzen, parzenLogPdf, parzenSample } from './parzen';
import { uniformTrials, type ParamSpace } from './space';

/** A finished trial as TPE sees it. */
export interface TpeObservation {
  number: number;
  params: Record<string, unknown>;
  state: 'completed' | 'pruned';
  /** The objective of a completed trial. */
  value: number | null;
  /** What a trial reported per epoch (pruned trials are ranked by their last report). */
  intermediate: Array<{ epoch: number; value: number }>;
}

export interface TpeOptions {
  goal: 'minimize' | 'maximize';
  /** Random trials before TPE takes over (Optuna: n_startup_trials = 10). */
  startupTrials?: number;
  /** Candidates drawn from l(x) per parameter (Optuna: n_ei_candidates = 24). */
  candidates?: number;
}

export const DEFAULT_STARTUP_TRIALS = 10;
export const DEFAULT_CANDIDATES = 24;

/** Optuna's default gamma: the "good" group holds ceil(10% of the trials), at most 25. */
export function defaultGamma(n: number): number {
  return Math.min(Math.ceil(0.1 * n), 25);
}

/**
 * Splits finished trials into the good group (below) and the rest (above), as Optuna does: the
 * best completed trials by value fill the good group first; if it still has room, pruned trials
 * follow, those that got furthest first, then by their last reported value. Both groups keep trial
 * order (the observation weights favour recent trials once there are 25 or more).
 */
export function splitTrials(trials: TpeObservation[], goal: TpeOptions['goal']): { below: TpeObservation[]; above: TpeObservation[] } {
  const sign = goal === 'minimize' ? 1 : -1;
  const usable = trials.filter((t) => t.state === 'pruned' || Number.isFinite(t.value));
  let room = defaultGamma(usable.length);
  const complete = usable.filter((t) => t.state === 'completed').sort((a, b) => sign * (a.value! - b.value!) || a.number - b.number);
  const pruned = usable.filter((t) => t.state === 'pruned').sort((a, b) => prunedRank(a, sign, b));
  const chosen = new Set<number>();
  for (const t of [...complete.slice(0, Math.min(room, complete.length))]) { chosen.add(t.number); room--; }
  for (const t of pruned.slice(0, Math.max(0, room))) chosen.add(t.number);
  const byNumber = [...usable].sort((a, b) => a.number - b.number);
  return { below: byNumber.filter((t) => chosen.has(t.number)), above: byNumber.filter((t) => !chosen.has(t.number)) };
}

/** Order of pruned trials: the later their last report the better, then the better that report. */
function prunedRank(a: TpeObservation, sign: number, b: TpeObservation): number {
  const last = (t: TpeObservation) => t.intermediate.reduce<{ epoch: number; value: number } | undefined>((m, p) => (!m || p.epoch > m.epoch ? p : m), undefined);
  const key = (t: TpeObservation): [number, number] => {
    const l = last(t);
    if (!l) return [1, 0];
    return [-l.epoch, Number.isNaN(l.value) ? Infinity : sign * l.value];
  };
  const [ka, kb] = [key(a), key(b)];
  return ka[0] - kb[0] || ka[1] - kb[1] || a.number - b.number;
}

/**
 * One parameter's TPE suggestion: `candidates` draws from l(x) (the good trials' estimator), and the
 * one with the largest l(x) / g(x) wins. Returns the candidates and their scores too (for tests).
 */
export function suggestParam(space: ParamSpace, below: unknown[], above: unknown[], rng: Rng, candidates = DEFAULT_CANDIDATES): { value: unknown; candidates: unknown[]; scores: number[] } {
  const l = buildParzen(space, below);
  const g = buildParzen(space, above);
  const draws = Array.from({ length: candidates }, () => parzenSample(l, rng));
  const scores = draws.map((x) => parzenLogPdf(l, x) - parzenLogPdf(g, x));
  let best = 0;
  scores.forEach((s, i) => { if (s > scores[best]!) best = i; });
  return { value: draws[best], candidates: draws, scores };
}

/** The generator of TPE trial `number`: depends only on the sweep seed and the number, so a resumed sweep draws the same. */
export function trialRng(seed: number, number: number): Rng {
  return createRng((Math.trunc(seed) ^ Math.imul(number, 0x9e3779b1)) | 0);
}

/**
 * The parameters of trial `number`: until `startupTrials` trials have finished (completed or pruned),
 * random search's trial `number` for the same seed (uniformTrials); then independent TPE per parameter
 * on the split of the finished trials. Both depend only on the seed, the number and the history.
 */
export function suggestTrial(spaces: Record<string, ParamSpace>, history: TpeObservation[], number: number, seed: number, o: TpeOptions): Record<string, unknown> {
  const finished = history.filter((t) => t.state === 'pruned' || Number.isFinite(t.value));
  if (finished.length < (o.startupTrials ?? DEFAULT_STARTUP_TRIALS)) return uniformTrials(spaces, seed, number)[number - 1]!;
  const rng = trialRng(seed, number);
  const params: Record<string, unknown> = {};
  const { below, above } = splitTrials(finished, o.goal);
  for (const [path, s] of Object.entries(spaces)) {
    params[path] = suggestParam(s, below.map((t) => t.params[path]), above.map((t) => t.params[path]), rng, o.candidates ?? DEFAULT_CANDIDATES).value;
  }
  return params;
}
