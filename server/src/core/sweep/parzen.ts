import type { Rng } from '../training/rng';
import { logNormMass, logNormPdf, truncNormDraw } from './normal';
import { snap, type ParamSpace } from './space';

/**
 * A Parzen estimator over one parameter, as Optuna's TPESampler builds it (univariate, prior on,
 * magic clip on, end points off): one kernel per observation plus a prior kernel, mixed with the
 * observations' weights and `priorWeight`.
 */
export type Parzen =
  | { kind: 'numeric'; weights: number[]; mus: number[]; sigmas: number[]; low: number; high: number; step: number | null; space: ParamSpace }
  | { kind: 'categorical'; weights: number[]; rows: number[][]; space: ParamSpace };

/** Optuna's default observation weights: 1 each below 25, else a ramp from 1/n for the older ones. */
export function defaultWeights(n: number): number[] {
  if (n === 0) return [];
  if (n < 25) return Array.from({ length: n }, () => 1);
  const ramp = Array.from({ length: n - 25 }, (_, i) => (n - 25 === 1 ? 1 / n : 1 / n + (i * (1 - 1 / n)) / (n - 26)));
  return [...ramp, ...Array.from({ length: 25 }, () => 1)];
}

/** The range in the estimator's domain: log for log scales; a stepped log range widens by half a step. */
export function domain(s: Exclude<ParamSpace, { kind: 'categorical' }>): { low: number; high: number; step: number | null } {
  const step = s.step ?? null;
  if (!s.log) return { low: s.low, high: s.high, step };
  if (step === null) return { low: Math.log(s.low), high: Math.log(s.high), step: null };
  return { low: Math.log(s.low - step / 2), high: Math.log(s.high + step / 2), step: null };
}

/** Maps a value into the estimator's domain (log of it for log scales, choice index for categorical). */
export function toDomain(s: ParamSpace, v: unknown): number {
  if (s.kind === 'categorical') return s.choices.findIndex((c) => c === v);
  return s.log ? Math.log(v as number) : (v as number);
}

function fromDomain(s: ParamSpace, x: number): number | string | boolean {
  if (s.kind === 'categorical') return s.choices[x]!;
  const v = s.log ? Math.exp(x) : x;
  return s.step !== undefined ? snap(v, s.low, s.high, s.step) : v;
}

/**
 * Bandwidths: each kernel (prior included) spans the larger gap to its sorted neighbours (the range
 * ends count as neighbours, except that the outermost kernels use their inner gap), clipped to
 * [range / min(100, n + 2), range] where n is the number of observations.
 */
export function bandwidths(mus: number[], low: number, high: number, step: number | null): number[] {
  const s = step ?? 0;
  const withPrior = [...mus, 0.5 * (low + high)];
  const order = withPrior.map((_, i) => i).sort((i, j) => withPrior[i]! - withPrior[j]! || i - j);
  const pts = [low - s / 2, ...order.map((i) => withPrior[i]!), high + s / 2];
  const sorted = order.map((_, k) => Math.max(pts[k + 1]! - pts[k]!, pts[k + 2]! - pts[k + 1]!));
  if (pts.length >= 4) {
    sorted[0] = pts[2]! - pts[1]!;
    sorted[sorted.length - 1] = pts[pts.length - 2]! - pts[pts.length - 3]!;
  }
  const sigmas = new Array<number>(withPrior.length);
  order.forEach((i, k) => { sigmas[i] = sorted[k]!; });
  const range = high - low + s;
  const min = range / Math.min(100, mus.length + 2);
  return sigmas.slice(0, mus.length).map((v) => Math.min(range, Math.max(min, v)));
}

/** Builds the estimator from observations given in the parameter's own values. */
export function buildParzen(space: ParamSpace, values: unknown[], priorWeight = 1): Parzen {
  const obs = values.map((v) => toDomain(space, v));
  const raw = [...defaultWeights(obs.length), priorWeight];
  const total = raw.reduce((a, b) => a + b, 0);
  const weights = raw.map((w) => w / total);
  if (space.kind === 'categorical') {
    const n = space.choices.length;
    const kernels = obs.length + 1;
    const rows = [...obs, -1].map((o) => {
      const row = Array.from({ length: n }, (_, j) => priorWeight / kernels + (j === o ? 1 : 0));
      const sum = row.reduce((a, b) => a + b, 0);
      return row.map((w) => w / sum);
    });
    return { kind: 'categorical', weights, rows, space };
  }
  const { low, high, step } = domain(space);
  const sigmas = [...bandwidths(obs, low, high, step), high - low + (step ?? 0)];
  return { kind: 'numeric', weights, mus: [...obs, 0.5 * (low + high)], sigmas, low, high, step, space };
}

function logSumExp(xs: number[]): number {
  const m = Math.max(...xs);
  return m === -Infinity ? -Infinity : m + Math.log(xs.reduce((a, x) => a + Math.exp(x - m), 0));
}

/** Log density (log probability for stepped and categorical spaces) of a value of the parameter. */
export function parzenLogPdf(p: Parzen, value: unknown): number {
  const x = toDomain(p.space, value);
  if (p.kind === 'categorical') return Math.log(p.weights.reduce((a, w, k) => a + w * p.rows[k]![x]!, 0));
  const terms = p.weights.map((w, k) => {
    const mu = p.mus[k]!;
    const sd = p.sigmas[k]!;
    if (p.step === null) return Math.log(w) + logNormPdf((x - mu) / sd) - Math.log(sd) - logNormMass((p.low - mu) / sd, (p.high - mu) / sd);
    const h = p.step / 2;
    const norm = logNormMass((p.low - h - mu) / sd, (p.high + h - mu) / sd);
    return Math.log(w) + logNormMass((x - h - mu) / sd, (x + h - mu) / sd) - norm;
  });
  return logSumExp(terms);
}

function pick(weights: number[], u: number): number {
  let acc = 0;
  for (let k = 0; k < weights.length; k++) {
    acc += weights[k]!;
    if (u < acc) return k;
  }
  return weights.length - 1;
}

/** A draw from the mixture: a kernel by weight, then a value from that kernel. */
export function parzenSample(p: Parzen, rng: Rng): number | string | boolean {
  const k = pick(p.weights, rng.next());
  if (p.kind === 'categorical') return fromDomain(p.space, pick(p.rows[k]!, rng.next()));
  const h = (p.step ?? 0) / 2;
  const mu = p.mus[k]!;
  const sd = p.sigmas[k]!;
  const z = truncNormDraw((p.low - h - mu) / sd, (p.high + h - mu) / sd, rng.next());
  return fromDomain(p.space, Math.min(p.high + h, Math.max(p.low - h, mu + sd * z)));
}
