/**
 * A Prometheus histogram that takes many observations at once. prom-client's Histogram hashes the
 * labels on every observe(); a 10,000-row request would pay that 10,000 times. This one counts a
 * request's predictions in one loop and registers itself in a prom-client Registry like any metric
 * (prom-client renders whatever `get()` returns), so `/metrics` shows an ordinary histogram.
 */
import type { Registry } from 'prom-client';

interface Series { labels: Record<string, string>; counts: Float64Array; sum: number; count: number }

export class BulkHistogram {
  readonly type = 'histogram';
  readonly aggregator = 'sum';
  private readonly series = new Map<string, Series>();

  constructor(readonly name: string, readonly help: string, private readonly labelNames: string[], private readonly bounds: number[], registry: Registry) {
    registry.registerMetric(this as never);
  }

  private key(labels: Record<string, string>): string {
    return this.labelNames.map((n) => labels[n] ?? '').join('\u0000');
  }

  private seriesOf(labels: Record<string, string>): Series {
    const key = this.key(labels);
    let s = this.series.get(key);
    if (!s) {
      s = { labels: { ...labels }, counts: new Float64Array(this.bounds.length), sum: 0, count: 0 };
      this.series.set(key, s);
    }
    return s;
  }

  /**
   * An observer bound to one label set: each call is a bucket scan and two additions (no label
   * hashing), which is what a per-request metric such as the request duration can afford.
   */
  bind(labels: Record<string, string>): (value: number) => void {
    const s = this.seriesOf(labels);
    const b = this.bounds;
    return (v) => {
      if (!Number.isFinite(v)) return;
      s.sum += v;
      s.count++;
      for (let k = 0; k < b.length; k++) if (v <= b[k]!) { s.counts[k]!++; break; }
    };
  }

  /** Adds every finite value of `values` under one label set. */
  observeMany(labels: Record<string, string>, values: ArrayLike<number>): void {
    const s = this.seriesOf(labels);
    const b = this.bounds;
    for (let i = 0; i < values.length; i++) {
      const v = values[i]!;
      if (!Number.isFinite(v)) continue;
      s.sum += v;
      s.count++;
      // Buckets are few (<= 20): a linear scan is as fast as a search.
      for (let k = 0; k < b.length; k++) if (v <= b[k]!) { s.counts[k]!++; break; }
    }
  }

  /** What prom-client renders: cumulative buckets, +Inf, _sum and _count per label set. */
  async get(): Promise<{ name: string; help: string; type: string; aggregator: string; values: Array<{ labels: Record<string, string | number>; value: number; metricName: string }> }> {
    const values: Array<{ labels: Record<string, string | number>; value: number; metricName: string }> = [];
    for (const s of this.series.values()) {
      let cumulative = 0;
      this.bounds.forEach((le, k) => {
        cumulative += s.counts[k]!;
        values.push({ labels: { le, ...s.labels }, value: cumulative, metricName: `${this.name}_bucket` });
      });
      values.push({ labels: { le: '+Inf', ...s.labels }, value: s.count, metricName: `${this.name}_bucket` });
      values.push({ labels: s.labels, value: s.sum, metricName: `${this.name}_sum` });
      values.push({ labels: s.labels, value: s.count, metricName: `${this.name}_count` });
    }
    return { name: this.name, help: this.help, type: this.type, aggregator: this.aggregator, values };
  }

  reset(): void {
    // Bound observers keep their series object: zero it rather than dropping it.
    for (const s of this.series.values()) { s.counts.fill(0); s.sum = 0; s.count = 0; }
  }
}
