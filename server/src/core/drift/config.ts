// The drift settings a report runs with: `monitoring.drift` of the pipeline spec, or defaults.
import type { DriftCompat, DriftFeatureSpec, DriftMethod, Features, MonitoringSpec } from '../pipeline/spec';
import { DEFAULT_THRESHOLDS } from './verdict/methods';
import type { TestMethod } from './model';

export interface DriftConfig {
  method: DriftMethod;
  /** Applies to whichever test runs (as Evidently's stattest_threshold); each test's default when absent. */
  threshold?: number;
  /** Dataset drift when drifted / compared >= driftShare. */
  driftShare: number;
  features: 'all' | string[];
  perFeature: Record<string, DriftFeatureSpec>;
  /** The spec's features.target: skipped unless listed in `features`. */
  target?: string;
  /**
   * With `features: all`, the columns in play: the spec's features.include (the model's inputs), so a
   * column the model never reads cannot tip the verdict. Undefined means every column.
   */
  scope?: string[];
  /** The spec's features.exclude: left out unless listed in `features`. */
  exclude?: string[];
  /** `evidently`: every statistic, test choice and threshold as Evidently's DataDriftPreset (default `none`: ours). */
  compat?: DriftCompat;
}

export const DEFAULT_DRIFT_SHARE = 0.5;

/** Settings from a spec's monitoring.drift block and features (every field optional). */
export function driftConfigFromSpec(monitoring: MonitoringSpec | undefined, features?: Features): DriftConfig {
  const d = monitoring?.drift ?? {};
  return {
    method: d.method ?? 'auto',
    threshold: d.threshold,
    driftShare: d.driftShare ?? DEFAULT_DRIFT_SHARE,
    features: d.features ?? 'all',
    perFeature: d.perFeature ?? {},
    target: features?.target,
    scope: features?.include,
    exclude: features?.exclude,
    compat: d.compat ?? 'none',
  };
}

/** The method requested for one feature: its override, else the global one. */
export function requestedMethod(config: DriftConfig, feature: string): DriftMethod {
  return config.perFeature[feature]?.method ?? config.method;
}

/** The threshold for one feature once its test is known: override, global, then the test's default. */
export function thresholdFor(config: DriftConfig, feature: string, method: TestMethod): number {
  return config.perFeature[feature]?.threshold ?? config.threshold ?? DEFAULT_THRESHOLDS[method];
}
