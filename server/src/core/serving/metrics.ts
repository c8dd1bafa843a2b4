/**
 * The server's Prometheus metrics (prom-client, one private registry per server so tests can run
 * several). Names and labels are the contract of issue 14; extra series only add to it.
 */
import { Counter, Gauge, Histogram, Registry, collectDefaultMetrics } from 'prom-client';
import { BulkHistogram } from './bulkHistogram';

export interface ServingMetrics {
  registry: Registry;
  requests: Counter<'model' | 'version' | 'code'>;
  duration: BulkHistogram;
  predictions: Counter<'model' | 'version'>;
  prediction: BulkHistogram;
  versionInfo: Gauge<'model' | 'version' | 'alias'>;
  shadowAgreement: Gauge<'model' | 'version' | 'shadow_version'>;
  shadowMeanAbsDiff: Gauge<'model' | 'version' | 'shadow_version'>;
  shadowScored: Counter<'model' | 'shadow_version'>;
  shadowDropped: Counter<'model'>;
  errors: Counter<'reason'>;
  unknownCategory: Counter<'column'>;
  batchRows: Histogram<'model'>;
  swaps: Counter<'model' | 'alias'>;
  loadFailures: Counter<'model' | 'alias'>;
  logDropped: Counter<'model'>;
  /** The recorder of answered requests of one version (made once per version, then reused). */
  answered(version: string): AnsweredRecorder;
}

/** What the request path records per answered request, at the cost of a few additions. */
export interface AnsweredRecorder {
  /** One request answered 200 in `seconds` (mlops_requests_total and mlops_request_duration_seconds). */
  request(seconds: number): void;
  /** Rows the primary scored (mlops_predictions_total). */
  predictions(rows: number): void;
}

/**
 * Counts kept as plain numbers and handed to a prom-client counter when it is collected (at each
 * scrape): prom-client checks and hashes the labels on every inc(), a measurable share of a
 * single-row request's time at tens of thousands of requests per second.
 */
class PendingCounts {
  private readonly pending: Array<{ labels: Record<string, string>; n: number }> = [];

  slot(labels: Record<string, string>): { n: number } {
    const entry = { labels, n: 0 };
    this.pending.push(entry);
    return entry;
  }

  flushInto(counter: Counter<string>): void {
    for (const p of this.pending) if (p.n > 0) { counter.inc(p.labels, p.n); p.n = 0; }
  }
}

/** Buckets for `mlops_prediction`: probabilities in tenths, class indices, or the validation deciles of a regression. */
export function predictionBuckets(task: string, hint?: number[]): number[] {
  if (task === 'binary') return [0.1, 0.2, 0.3, 0.4, 0.5, 0.6, 0.7, 0.8, 0.9, 1];
  if (task === 'multiclass') return Array.from({ length: 20 }, (_, i) => i);
  const edges = [...new Set((hint ?? []).filter(Number.isFinite))].sort((a, b) => a - b);
  return edges.length >= 2 ? edges : [-1000, -100, -10, -1, 0, 1, 10, 100, 1000];
}

/** Creates every metric on a fresh registry (with Node's process metrics, as most exporters do); `model` labels the request metrics. */
export function createMetrics(task: string, bucketsHint?: number[], model = ''): ServingMetrics {
  const registry = new Registry();
  const registers = [registry];
  collectDefaultMetrics({ register: registry, prefix: 'mlops_process_' });
  const requestCounts = new PendingCounts();
  const predictionCounts = new PendingCounts();
  const duration = new BulkHistogram('mlops_request_duration_seconds', 'Time from request to response, seconds', ['model'], [0.0005, 0.001, 0.002, 0.005, 0.01, 0.02, 0.05, 0.1, 0.2, 0.5, 1, 2, 5], registry);
  const observeDuration = duration.bind({ model });
  const recorders = new Map<string, AnsweredRecorder>();
  const answered = (version: string): AnsweredRecorder => {
    let r = recorders.get(version);
    if (!r) {
      const requests = requestCounts.slot({ model, version, code: '200' });
      const predictions = predictionCounts.slot({ model, version });
      r = { request: (seconds) => { requests.n++; observeDuration(seconds); }, predictions: (rows) => { predictions.n += rows; } };
      recorders.set(version, r);
    }
    return r;
  };
  return {
    registry,
    requests: new Counter({ name: 'mlops_requests_total', help: 'Inference requests answered, by model, version and HTTP status code', labelNames: ['model', 'version', 'code'], registers,
      collect() { requestCounts.flushInto(this); } }),
    duration,
    predictions: new Counter({ name: 'mlops_predictions_total', help: 'Rows scored by the primary model', labelNames: ['model', 'version'], registers,
      collect() { predictionCounts.flushInto(this); } }),
    prediction: new BulkHistogram('mlops_prediction', 'Predicted values (probability of the positive class, class index, or value)', ['model', 'version'], predictionBuckets(task, bucketsHint), registry),
    versionInfo: new Gauge({ name: 'mlops_model_version_info', help: '1 for the version an alias serves now', labelNames: ['model', 'version', 'alias'], registers }),
    shadowAgreement: new Gauge({ name: 'mlops_shadow_agreement_ratio', help: 'Share of rows where the shadow gives the primary\'s label', labelNames: ['model', 'version', 'shadow_version'], registers }),
    shadowMeanAbsDiff: new Gauge({ name: 'mlops_shadow_mean_abs_diff', help: 'Mean absolute difference between shadow and primary predictions', labelNames: ['model', 'version', 'shadow_version'], registers }),
    shadowScored: new Counter({ name: 'mlops_shadow_predictions_total', help: 'Rows scored by the shadow model', labelNames: ['model', 'shadow_version'], registers }),
    shadowDropped: new Counter({ name: 'mlops_shadow_dropped_total', help: 'Requests not shadowed because the shadow queue was full', labelNames: ['model'], registers }),
    errors: new Counter({ name: 'mlops_request_errors_total', help: 'Requests refused, by reason', labelNames: ['reason'], registers }),
    unknownCategory: new Counter({ name: 'mlops_unknown_category_total', help: 'Values outside the model\'s categories, scored through the one-hot unknown bucket', labelNames: ['column'], registers }),
    batchRows: new Histogram({ name: 'mlops_batch_rows', help: 'Rows per model call (micro-batching)', labelNames: ['model'], registers, buckets: [1, 2, 4, 8, 16, 32, 64, 128, 256, 1024, 4096, 16384] }),
    swaps: new Counter({ name: 'mlops_model_swaps_total', help: 'Version swaps after an alias moved', labelNames: ['model', 'alias'], registers }),
    loadFailures: new Counter({ name: 'mlops_model_load_failures_total', help: 'Versions that could not be loaded after an alias moved (the old one kept serving)', labelNames: ['model', 'alias'], registers }),
    logDropped: new Counter({ name: 'mlops_log_dropped_total', help: 'Prediction log records dropped because the log could not keep up or be written', labelNames: ['model'], registers }),
    answered,
  };
}
