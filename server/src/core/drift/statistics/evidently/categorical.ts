// A categorical column's statistics as Evidently computes them (compat: evidently), on counts per
// category: chi-squared goodness of fit, Jensen–Shannon (base e) and PSI on per-category shares, the
// unseen share, and its z-test (first category in sorted order against the rest, for any number of
// categories, as Evidently runs it when asked).
import type { AlignedCounts } from '../categorical';
import { unseenShare } from '../categorical';
import type { FeatureStats } from '../../model';
import { chiSquareGoodnessOfFit, evidentlyJensenShannon, evidentlyPsi, evidentlyZTest } from './tests';

/** Python's order of strings: by Unicode code point (JavaScript's < compares UTF-16 units, which differs past U+FFFF). */
export function codePointCompare(a: string, b: string): number {
  const x = [...a];
  const y = [...b];
  for (let i = 0; i < Math.min(x.length, y.length); i++) {
    const d = x[i]!.codePointAt(0)! - y[i]!.codePointAt(0)!;
    if (d !== 0) return d;
  }
  return x.length - y.length;
}

/** Every Evidently statistic that applies to categories. */
export function evidentlyCategoricalStats(counts: AlignedCounts): FeatureStats {
  const { reference, current, categories } = counts;
  const stats: FeatureStats = {
    chiSquare: chiSquareGoodnessOfFit(reference, current),
    jensenShannon: evidentlyJensenShannon(reference, current),
    psi: evidentlyPsi(reference, current),
    unseenShare: unseenShare(reference, current),
  };
  const first = categories.reduce((best, c, i) => (codePointCompare(c, categories[best]!) < 0 ? i : best), 0);
  stats.zTest = evidentlyZTest(reference, current, first);
  return stats;
}
