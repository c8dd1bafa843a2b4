/**
 * The server's Prometheus metrics (prom-client, one private registry per server so tests can run
 * several). Names and labels are the contract of issue 14; extra series only add to it.
 */
import { Counter, Gauge, Histogram, Registry, collectDefaultMetrics } from 'prom-client';
import { BulkHistogram } from './bulkHistogram';

export interface ServingMetrics {
  registry: Registry;
  requests: Counter<'model' | 'version' | 'code'>;
  duration: Histogram<'model'>;
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
}

/** Buckets for `mlops_prediction`: probabilities in tenths, class indices, or the validation deciles of a regression. */
export function predictionBuckets(task: string, hint?: number[]): number[] {
  if (task === 'binary') return [0.1, 0.2, 0.3, 0.4, 0.5, 0.6, 0.7, 0.8, 0.9, 1];
  if (task === 'multiclass') return Array.from({ length: 20 }, (_, i) => i);
  const edges = [...new Set((hint ?? []).filter(Number.isFinite))].sort((a, b) => a - b);
  return edges.length >= 2 ? edges : [-1000, -100, -10, -1, 0, 1, 10, 100, 1000];
}

/** Creates every metric on a fresh registry (with Node's process metrics, as most exporters do). */
export function createMetrics(task: string, bucketsHint?: number[]): ServingMetrics {
  const registry = new Registry();
  const registers = [registry];
  collectDefaultMetrics({ register: registry, prefix: 'mlops_process_' });
  return {
    registry,
    requests: new Counter({ name: 'mlops_requests_total', help: 'Inference requests answered, by model, version and HTTP status code', labelNames: ['model', 'version', 'code'], registers }),
    duration: new Histogram({ name: 'mlops_request_duration_seconds', help: 'Time from request to response, seconds', labelNames: ['model'], registers,
      buckets: [0.0005, 0.001, 0.002, 0.005, 0.01, 0.02, 0.05, 0.1, 0.2, 0.5, 1, 2, 5] }),
    predictions: new Counter({ name: 'mlops_predictions_total', help: 'Rows scored by the primary model', labelNames: ['model', 'version'], registers }),
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
  };
}
