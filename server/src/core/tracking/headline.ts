/**
 * The metrics a run is summed up by wherever runs are listed side by side (`mlops runs`, the model
 * catalog, notifications): validation scores first, then training scores, then losses.
 */
import { HEADLINE_METRICS } from '../../cliProtocol';

// The order lives in the CLI protocol file so that the editor (which imports no engine code) shows the same.
export { HEADLINE_METRICS };

/** The first `count` headline metrics that at least one of the runs has as a finite number, in headline order. */
export function headlineMetrics(runs: ReadonlyArray<Record<string, number | null | undefined>>, count = 3): string[] {
  return HEADLINE_METRICS.filter((k) => runs.some((m) => Number.isFinite(m[k]))).slice(0, count);
}
