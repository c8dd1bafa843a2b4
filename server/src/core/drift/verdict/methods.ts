// Which test decides a feature, and how its result becomes a verdict. `auto` follows Evidently's
// default choice so numbers can be compared with it: up to 1,000 reference values, KS for numeric
// columns with more than 5 distinct values, chi-squared for categories, a proportion z-test for two
// values; above 1,000, normed Wasserstein for numeric columns and Jensen–Shannon for the rest.
import type { DriftMethod } from '../../pipeline/spec';
import type { EvidentlyType } from '../statistics/evidently/numeric';
import type { FeatureStats, TestMethod } from '../model';

export const DEFAULT_THRESHOLDS: Readonly<Record<TestMethod, number>> = {
  ks: 0.05, chisquare: 0.05, ztest: 0.05, wasserstein: 0.1, jensenshannon: 0.1, psi: 0.1,
};

/** Reference sizes up to this use the hypothesis tests; larger ones the distances (p-values would flag every tiny shift). */
export const SMALL_REFERENCE = 1000;
/** Numeric columns with at most this many distinct values are tested as categories. */
export const FEW_DISTINCT = 5;

export type ComparedKind = 'numeric' | 'categorical';

/** Evidently's default test for a column of this kind, reference size and distinct count (both files). */
export function autoMethod(kind: ComparedKind, referenceValues: number, distinct: number): TestMethod {
  const continuous = kind === 'numeric' && distinct > FEW_DISTINCT;
  if (referenceValues <= SMALL_REFERENCE) return continuous ? 'ks' : distinct > 2 ? 'chisquare' : 'ztest';
  return continuous ? 'wasserstein' : 'jensenshannon';
}

/** Why an explicitly requested test cannot run on this column, or undefined when it can. */
function unfit(method: TestMethod, kind: ComparedKind, distinct: number): string | undefined {
  if ((method === 'ks' || method === 'wasserstein') && kind !== 'numeric') return `${method} needs a numeric column`;
  if (method === 'ztest' && distinct > 2) return `ztest needs at most two distinct values (found ${distinct})`;
  return undefined;
}

/**
 * The test to run: the requested one, or auto when none was requested or the requested one cannot run
 * on this column (then `note` says why, so a spec mistake is visible instead of silently ignored).
 */
export function chooseMethod(requested: DriftMethod | undefined, kind: ComparedKind, referenceValues: number,
  distinct: number): { method: TestMethod; note?: string } {
  const auto = autoMethod(kind, referenceValues, distinct);
  if (requested === undefined || requested === 'auto') return { method: auto };
  const reason = unfit(requested, kind, distinct);
  if (reason === undefined) return { method: requested };
  return { method: auto, note: `method ${requested} was requested but ${reason}; used ${auto} (auto) instead` };
}

/** The column types each of Evidently's tests accepts (its StatTest.allowed_feature_types). */
const EVIDENTLY_ALLOWED: Readonly<Record<TestMethod, readonly EvidentlyType[]>> = {
  ks: ['numerical'], wasserstein: ['numerical'], chisquare: ['categorical'], ztest: ['categorical'],
  psi: ['numerical', 'categorical'], jensenshannon: ['numerical', 'categorical'],
};

/**
 * The test Evidently runs (compat: evidently): its default choice by its column type, or the requested
 * test when Evidently accepts it for that type. Otherwise `refused` says why: Evidently stops the whole
 * report there (StatTestInvalidFeatureTypeError), so the feature is left untested and out of the share.
 */
export function chooseEvidentlyMethod(requested: DriftMethod | undefined, type: EvidentlyType, referenceValues: number,
  distinct: number): { method: TestMethod } | { refused: string } {
  if (requested === undefined || requested === 'auto') return { method: autoMethod(type === 'numerical' ? 'numeric' : 'categorical', referenceValues, distinct) };
  const allowed = EVIDENTLY_ALLOWED[requested];
  if (allowed.includes(type)) return { method: requested };
  return { refused: `method ${requested} was requested, but Evidently's ${requested} test takes only ${allowed.join(' or ')} columns and Evidently types this one ${type} (it would stop with an error): not tested, left out of the drifted share` };
}

/** A test's outcome; `ran` is false when the statistics hold no result for the method (never counted as compared). */
export interface Verdict { statistic: number | null; pValue: number | null; drifted: boolean; ran: boolean }

/**
 * Applies the threshold of `method` to the computed statistics: p-value tests drift when p is small
 * (KS at p <= t, chi-squared and z at p < t, as Evidently), distances when they reach t.
 */
export function verdict(method: TestMethod, stats: FeatureStats, threshold: number): Verdict {
  switch (method) {
    case 'ks': return stats.ks ? { statistic: stats.ks.statistic, pValue: stats.ks.pValue, drifted: stats.ks.pValue <= threshold, ran: true } : none();
    case 'chisquare': return stats.chiSquare ? { statistic: stats.chiSquare.statistic, pValue: stats.chiSquare.pValue, drifted: stats.chiSquare.pValue < threshold, ran: true } : none();
    case 'ztest': return stats.zTest ? { statistic: stats.zTest.statistic, pValue: stats.zTest.pValue, drifted: stats.zTest.pValue < threshold, ran: true } : none();
    case 'wasserstein': return distance(stats.wassersteinNormed, threshold);
    case 'psi': return distance(stats.psi, threshold);
    case 'jensenshannon': return distance(stats.jensenShannon, threshold);
    default: return assertNever(method);
  }
}

function distance(value: number | undefined, threshold: number): Verdict {
  return value === undefined ? none() : { statistic: value, pValue: null, drifted: value >= threshold, ran: true };
}

function none(): Verdict {
  return { statistic: null, pValue: null, drifted: false, ran: false };
}

function assertNever(x: never): never {
  throw new Error(`unknown drift method ${String(x)}`);
}
