/**
 * What one `--events` line of train/sweep/reproduce means for the progress notification, the status bar
 * and the Experiments view. Pure (unit-tested on real event streams).
 */
import type { TrainEvent } from '../../../server/src/cliProtocol';
import type { EpochPoint } from '../../../webviews/src/protocol';

export interface EventStep {
  runId?: string;
  message?: string;
  /** Share of a single run done (sweeps report per trial, without a total). */
  fraction?: number;
  point?: EpochPoint;
  runsChanged?: boolean;
  /** A line for the MLOps output channel. */
  log?: string;
}

function fmt(v: number): string {
  return v.toFixed(4);
}

/** "trial 4/6" (or "trial 4" when the total is not known), empty outside a sweep. */
function trialOf(e: { trial?: number; trials?: number }): string {
  if (e.trial === undefined) return '';
  return `trial ${e.trial}${e.trials !== undefined ? `/${e.trials}` : ''}`;
}

export function describeEvent(e: TrainEvent): EventStep {
  switch (e.type) {
    case 'started':
      return { runId: e.runId, runsChanged: true, log: `${trialOf(e) ? `${trialOf(e)}: ` : ''}run ${e.runId} started on ${e.backend}`,
        message: `${trialOf(e) ? `${trialOf(e)}: ` : ''}run ${e.runId} started on ${e.backend}` };
    case 'epoch': {
      const losses = (['loss', 'val_loss'] as const).filter((k) => Number.isFinite(e.metrics[k]))
        .map((k) => `${k} ${fmt(e.metrics[k]!)}`).join(' · ');
      const trial = trialOf(e) ? `${trialOf(e)} · ` : '';
      return {
        runId: e.runId,
        point: { epoch: e.epoch, metrics: Object.fromEntries(Object.entries(e.metrics).filter(([, v]) => Number.isFinite(v))) },
        message: `${trial}epoch ${e.epoch}/${e.epochs}${losses ? ` · ${losses}` : ''}`,
        ...(e.trial === undefined ? { fraction: e.epoch / e.epochs } : {}),
      };
    }
    case 'log':
      return { log: e.message, ...(e.runId ? { runId: e.runId } : {}) };
    case 'phase':
      return { message: e.message, log: e.message };
    default:
      return {};
  }
}

/** The payload of the `result` event (the last line a `--events` command prints), or null. */
export function resultEvent<T>(stdout: string): T | null {
  const lines = stdout.trim().split('\n');
  for (let i = lines.length - 1; i >= 0; i--) {
    try {
      const e = JSON.parse(lines[i]!) as { type?: string };
      if (e.type === 'result') {
        const { type: _type, ...rest } = e;
        return rest as T;
      }
    } catch {
      // a log line
    }
  }
  return null;
}
