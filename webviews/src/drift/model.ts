/** Pure helpers of the drift view: severity order and histogram normalisation. */
import type { DriftFeature, DriftHistogram, DriftStats, DriftTestStat } from '../protocol';

/**
 * How far past its threshold a feature is. p-value methods drift when p falls below the threshold, the
 * distance methods when the statistic rises above it, so both become "higher is worse".
 */
export function severity(f: DriftFeature): number {
  if (f.threshold === null || f.threshold === 0) return f.statistic ?? -Infinity;
  if (f.pValue !== null && isPValueMethod(f.method)) return f.threshold / Math.max(f.pValue, 1e-300);
  return f.statistic === null ? -Infinity : f.statistic / f.threshold;
}

function isPValueMethod(method: string | null): boolean {
  if (method === null) return false;
  return /^(ks|chi|z[-_ ]?test)/i.test(method);
}

/** Drifted features first, each group by severity, then by name. */
export function bySeverity(features: DriftFeature[]): DriftFeature[] {
  return [...features].sort((a, b) => Number(b.drifted) - Number(a.drifted) || severity(b) - severity(a) || a.name.localeCompare(b.name));
}

/** Bin labels and both distributions as shares of their rows (the files differ in size). */
export function histogramShares(hist: DriftHistogram): { labels: string[]; reference: number[]; current: number[] } {
  // Categories past the top ones are summed by the engine; show them as one "(other)" bar.
  const other = (hist.otherReference ?? 0) + (hist.otherCurrent ?? 0) > 0;
  const ref = other ? [...hist.reference, hist.otherReference ?? 0] : hist.reference;
  const cur = other ? [...hist.current, hist.otherCurrent ?? 0] : hist.current;
  const total = (xs: number[]) => xs.reduce((a, b) => a + b, 0) || 1;
  const rt = total(ref);
  const ct = total(cur);
  const labels = hist.categories ? [...hist.categories, ...(other ? ['(other)'] : [])] : binLabels(hist.edges ?? [], hist.reference.length);
  return { labels, reference: ref.map((c) => c / rt), current: cur.map((c) => c / ct) };
}

/** Every statistic of a feature as short "name value" parts (the engine shows all distances, not only the deciding one). */
export function statParts(stats: DriftStats | undefined): string[] {
  if (!stats) return [];
  const n = (v: number) => (Math.abs(v) !== 0 && (Math.abs(v) < 1e-3 || Math.abs(v) >= 1e5) ? v.toExponential(2) : String(Number(v.toPrecision(3))));
  const test = (name: string, t: DriftTestStat | undefined) => (t ? [`${name} ${n(t.statistic)} (p ${n(t.pValue)})`] : []);
  return [
    ...test('KS D', stats.ks),
    ...(stats.wasserstein !== undefined ? [`Wasserstein ${n(stats.wasserstein)}${stats.wassersteinNormed !== undefined ? ` (normed ${n(stats.wassersteinNormed)})` : ''}`] : []),
    ...(stats.psi !== undefined ? [`PSI ${n(stats.psi)}`] : []),
    ...(stats.jensenShannon !== undefined ? [`Jensen–Shannon ${n(stats.jensenShannon)}`] : []),
    ...test('χ²', stats.chiSquare),
    ...test('z', stats.zTest),
    ...(stats.unseenShare !== undefined ? [`unseen categories ${n(stats.unseenShare * 100)}%`] : []),
  ];
}

function binLabels(edges: number[], bins: number): string[] {
  const fmt = (v: number | undefined) => (v === undefined || !Number.isFinite(v) ? '?' : String(Number(v.toPrecision(3))));
  return Array.from({ length: bins }, (_, i) => `${fmt(edges[i])}–${fmt(edges[i + 1])}`);
}
