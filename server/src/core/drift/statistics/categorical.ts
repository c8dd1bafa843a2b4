// Tests on counts over shared categories (a categorical column, or a numeric one with few distinct
// values): chi-squared homogeneity, Jensen–Shannon, PSI, the share of unseen categories and, for two
// values, the pooled two-proportion z-test.
import { jensenShannon, psi } from './binned';
import type { CategoricalHistogram, FeatureStats } from '../model';
import { chiSquareSf, normalSf } from './special';

/** Counts of one sample over the categories both samples use, in the same order. */
export interface AlignedCounts { categories: string[]; reference: number[]; current: number[] }

/** Categories shown in the histogram; the rest are summed into "other" so reports stay small. */
export const HISTOGRAM_CATEGORIES = 20;

/** Puts two category→count maps on one list of categories, most frequent (both samples) first. */
export function alignCounts(reference: Map<string, number>, current: Map<string, number>): AlignedCounts {
  const keys = new Set([...reference.keys(), ...current.keys()]);
  const total = (k: string) => (reference.get(k) ?? 0) + (current.get(k) ?? 0);
  const categories = [...keys].sort((a, b) => total(b) - total(a) || (a < b ? -1 : a > b ? 1 : 0));
  return { categories, reference: categories.map((k) => reference.get(k) ?? 0), current: categories.map((k) => current.get(k) ?? 0) };
}

const sum = (xs: number[]) => xs.reduce((a, b) => a + b, 0);

/**
 * Pearson's chi-squared test of homogeneity on the 2×k table (reference, current) × categories, with
 * k - 1 degrees of freedom. Chosen over a goodness-of-fit test against the reference proportions
 * (what Evidently runs) because the reference is a sample too, and because a category the reference
 * never saw then gives a finite statistic instead of a division by zero.
 */
export function chiSquareHomogeneity(reference: number[], current: number[]): { statistic: number; dof: number; pValue: number } {
  const r = sum(reference);
  const c = sum(current);
  const n = r + c;
  let statistic = 0;
  let used = 0;
  for (let j = 0; j < reference.length; j++) {
    const column = reference[j]! + current[j]!;
    if (column === 0) continue;
    used++;
    const expectedR = (r * column) / n;
    const expectedC = (c * column) / n;
    if (expectedR > 0) statistic += (reference[j]! - expectedR) ** 2 / expectedR;
    if (expectedC > 0) statistic += (current[j]! - expectedC) ** 2 / expectedC;
  }
  const dof = Math.max(0, used - 1);
  return { statistic, dof, pValue: r === 0 || c === 0 ? 1 : chiSquareSf(statistic, dof) };
}

/**
 * Pooled two-proportion z-test on the share of the first category: z = (p_r - p_c) / sqrt(P(1-P)(1/n_r
 * + 1/n_c)). When both samples hold a single, identical value there is nothing to test: z = 0, p = 1.
 */
export function proportionZTest(reference: number[], current: number[]): { statistic: number; pValue: number } {
  const nr = sum(reference);
  const nc = sum(current);
  if (nr === 0 || nc === 0) return { statistic: 0, pValue: 1 };
  const pr = (reference[0] ?? 0) / nr;
  const pc = (current[0] ?? 0) / nc;
  const pooled = ((reference[0] ?? 0) + (current[0] ?? 0)) / (nr + nc);
  const se = Math.sqrt(pooled * (1 - pooled) * (1 / nr + 1 / nc));
  if (se === 0) return { statistic: 0, pValue: 1 };
  const z = (pr - pc) / se;
  return { statistic: z, pValue: Math.min(1, 2 * normalSf(Math.abs(z))) };
}

/** Cells of the 2×k table whose expected count is below 5, where the chi-squared approximation weakens. */
export function smallExpectedCells(reference: number[], current: number[]): number {
  const r = sum(reference);
  const c = sum(current);
  let small = 0;
  for (let j = 0; j < reference.length; j++) {
    const column = reference[j]! + current[j]!;
    if (column === 0) continue;
    if ((r * column) / (r + c) < 5) small++;
    if ((c * column) / (r + c) < 5) small++;
  }
  return small;
}

/** Share of current values in categories with no reference value. */
export function unseenShare(reference: number[], current: number[]): number {
  const total = sum(current);
  if (total === 0) return 0;
  let unseen = 0;
  for (let j = 0; j < current.length; j++) if (reference[j] === 0) unseen += current[j]!;
  return unseen / total;
}

/** Every categorical statistic over aligned counts (the z-test only when there are at most two categories). */
export function categoricalStats(counts: AlignedCounts): FeatureStats {
  const { reference, current } = counts;
  const stats: FeatureStats = {
    chiSquare: chiSquareHomogeneity(reference, current),
    jensenShannon: jensenShannon(reference, current),
    psi: psi(reference, current),
    unseenShare: unseenShare(reference, current),
  };
  if (counts.categories.length <= 2) stats.zTest = proportionZTest(reference, current);
  return stats;
}

/** The most frequent categories for plotting, the rest summed (counts come in alignCounts order). */
export function categoricalHistogram(counts: AlignedCounts, extra = { reference: 0, current: 0 }): CategoricalHistogram {
  const k = Math.min(HISTOGRAM_CATEGORIES, counts.categories.length);
  return {
    type: 'categorical',
    categories: counts.categories.slice(0, k),
    reference: counts.reference.slice(0, k),
    current: counts.current.slice(0, k),
    otherReference: sum(counts.reference.slice(k)) + extra.reference,
    otherCurrent: sum(counts.current.slice(k)) + extra.current,
  };
}
