/**
 * What a scan of the prediction log adds up to: requests and rows per version, latencies, errors by
 * reason, shadow agreement per pair of versions, the sampling rates the files were written with, and
 * each version's served predictions (for prediction drift).
 */
import type { LogRecord } from '../predictionLog';

export interface VersionWindow { version: number; requests: number; rows: number; from: string; to: string }

export interface ShadowPair { version: number; shadowVersion: number; requests: number; rows: number; agreed: number; labelRows: number; absDiffSum: number; diffRows: number }

export class LogStats {
  from: string | null = null;
  to: string | null = null;
  requests = 0;
  rows = 0;
  readonly versions = new Map<number, VersionWindow>();
  readonly latencies: number[] = [];
  readonly predictions = new Map<number, number[]>();
  readonly errorsByReason = new Map<string, number>();
  readonly errorsByCode = new Map<string, number>();
  errors = 0;
  readonly shadow = new Map<string, ShadowPair>();
  readonly samples = new Set<number>();
  lastVersion: number | null = null;

  add(r: LogRecord): void {
    if (r.type === 'meta') { this.samples.add(r.sample); return; }
    if (this.from === null || r.t < this.from) this.from = r.t;
    if (this.to === null || r.t > this.to) this.to = r.t;
    if (r.type === 'error') {
      this.errors++;
      this.errorsByReason.set(r.reason, (this.errorsByReason.get(r.reason) ?? 0) + 1);
      this.errorsByCode.set(String(r.code), (this.errorsByCode.get(String(r.code)) ?? 0) + 1);
    } else if (r.type === 'request') {
      this.requests++;
      this.rows += r.rows;
      this.latencies.push(r.ms);
      const v = this.versions.get(r.version) ?? { version: r.version, requests: 0, rows: 0, from: r.t, to: r.t };
      v.requests++; v.rows += r.rows; if (r.t < v.from) v.from = r.t; if (r.t > v.to) v.to = r.t;
      this.versions.set(r.version, v);
      const preds = this.predictions.get(r.version) ?? [];
      for (const p of r.outputs?.prediction ?? []) preds.push(p);
      this.predictions.set(r.version, preds);
      this.lastVersion = r.version;
    } else if (r.type === 'shadow') {
      const key = `${r.version}:${r.shadowVersion}`;
      const s = this.shadow.get(key) ?? { version: r.version, shadowVersion: r.shadowVersion, requests: 0, rows: 0, agreed: 0, labelRows: 0, absDiffSum: 0, diffRows: 0 };
      s.requests++; s.rows += r.rows;
      if (r.agreed !== null) { s.agreed += r.agreed; s.labelRows += r.rows; }
      if (r.meanAbsDiff !== null) { s.absDiffSum += r.meanAbsDiff * r.rows; s.diffRows += r.rows; }
      this.shadow.set(key, s);
    }
  }

  /** Latency quantiles (nearest rank) of logged requests, ms. */
  latency(): { requests: number; p50Ms: number; p90Ms: number; p99Ms: number; meanMs: number; maxMs: number } | null {
    const n = this.latencies.length;
    if (n === 0) return null;
    const sorted = Float64Array.from(this.latencies).sort();
    const q = (p: number) => sorted[Math.min(n - 1, Math.max(0, Math.ceil(p * n) - 1))]!;
    return { requests: n, p50Ms: q(0.5), p90Ms: q(0.9), p99Ms: q(0.99), meanMs: sorted.reduce((a, b) => a + b, 0) / n, maxMs: sorted[n - 1]! };
  }

  /** Shadow agreement per pair of versions; null when nothing was shadowed. */
  shadowSummary(): { requests: number; rows: number; coverage: number; pairs: Array<{ version: number; shadowVersion: number; requests: number; rows: number; agreement: number | null; meanAbsDiff: number | null }> } | null {
    if (this.shadow.size === 0) return null;
    const pairs = [...this.shadow.values()].map((s) => ({ version: s.version, shadowVersion: s.shadowVersion, requests: s.requests, rows: s.rows,
      agreement: s.labelRows ? s.agreed / s.labelRows : null, meanAbsDiff: s.diffRows ? s.absDiffSum / s.diffRows : null }));
    const requests = pairs.reduce((a, p) => a + p.requests, 0);
    return { requests, rows: pairs.reduce((a, p) => a + p.rows, 0), coverage: this.requests ? requests / this.requests : 0, pairs };
  }
}
