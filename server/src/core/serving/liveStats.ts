/**
 * Live numbers for the editor's Serving view and /mlops/status: requests per second over the last
 * ten seconds, p50/p99 latency of the last requests, error rate, shadow agreement so far.
 */
const WINDOW_S = 10;
const LATENCIES = 2048;

export interface LiveSnapshot {
  requests: number;
  errors: number;
  /** Requests per second over the last 10 s. */
  perSecond: number;
  /** Share of refused requests over the last 10 s. */
  errorRate: number;
  p50Ms: number | null;
  p99Ms: number | null;
}

export class LiveStats {
  requests = 0;
  errors = 0;
  private readonly latencies = new Float64Array(LATENCIES);
  private count = 0;
  private readonly seconds = new Map<number, { ok: number; failed: number }>();

  constructor(private readonly now: () => number = Date.now) {}

  record(ms: number, ok: boolean): void {
    this.requests++;
    if (!ok) this.errors++;
    if (ok) this.latencies[this.count++ % LATENCIES] = ms;
    const s = Math.floor(this.now() / 1000);
    const bucket = this.seconds.get(s) ?? { ok: 0, failed: 0 };
    if (ok) bucket.ok++; else bucket.failed++;
    this.seconds.set(s, bucket);
    if (this.seconds.size > WINDOW_S + 2) for (const k of this.seconds.keys()) if (k < s - WINDOW_S) this.seconds.delete(k);
  }

  snapshot(): LiveSnapshot {
    const s = Math.floor(this.now() / 1000);
    let ok = 0, failed = 0;
    // The current second is still filling: count the ten whole seconds before it.
    for (let k = s - WINDOW_S; k < s; k++) { const b = this.seconds.get(k); if (b) { ok += b.ok; failed += b.failed; } }
    const n = Math.min(this.count, LATENCIES);
    const sorted = Float64Array.from(this.latencies.subarray(0, n)).sort();
    const q = (p: number) => (n === 0 ? null : sorted[Math.min(n - 1, Math.ceil(p * n) - 1)]!);
    return { requests: this.requests, errors: this.errors, perSecond: (ok + failed) / WINDOW_S, errorRate: ok + failed ? failed / (ok + failed) : 0, p50Ms: q(0.5), p99Ms: q(0.99) };
  }
}
