/** Pure helpers of the drift view: severity order and histogram normalisation. */
import type { DriftFeature, DriftHistogram } from '../protocol';

/**
 * How far past its threshold a feature is. p-value methods drift when p falls below the threshold, the
 * distance methods when the statistic rises above it, so both become "higher is worse".
 */
export function severity(f: DriftFeature): number {
  if (f.threshold === null || f.threshold === 0) return f.statistic ?? -Infinity;
  if (f.pValue !== null && isPValueMethod(f.method)) return f.threshold / Math.max(f.pValue, 1e-300);
  return f.statistic === null ? -Infinity : f.statistic / f.threshold;
}

function isPValueMethod(method: string): boolean {
  return /ks|chi|z[-_ ]?test|p[-_ ]?value/i.test(method);
}

/** Drifted features first, each group by severity, then by name. */
export function bySeverity(features: DriftFeature[]): DriftFeature[] {
  return [...features].sort((a, b) => Number(b.drifted) - Number(a.drifted) || severity(b) - severity(a) || a.name.localeCompare(b.name));
}

/** Bin labels and both distributions as shares of their rows (the files differ in size). */
export function histogramShares(hist: DriftHistogram): { labels: string[]; reference: number[]; current: number[] } {
  const total = (xs: number[]) => xs.reduce((a, b) => a + b, 0) || 1;
  const rt = total(hist.reference);
  const ct = total(hist.current);
  const labels = hist.categories ?? binLabels(hist.edges ?? [], hist.reference.length);
  return { labels, reference: hist.reference.map((c) => c / rt), current: hist.current.map((c) => c / ct) };
}

function binLabels(edges: number[], bins: number): string[] {
  const fmt = (v: number | undefined) => (v === undefined || !Number.isFinite(v) ? '?' : String(Number(v.toPrecision(3))));
  return Array.from({ length: bins }, (_, i) => `${fmt(edges[i])}–${fmt(edges[i + 1])}`);
}
