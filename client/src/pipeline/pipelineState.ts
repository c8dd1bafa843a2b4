/**
 * Pure helpers of the Pipeline feature (no vscode): the engine's pipeline status as the view's
 * stages, a `mlops run --events` event as a stage state, and the text of a stage's CodeLens.
 */
import type { PipelineRunEvent } from '../../../server/src/cliProtocol';
import type { PipelineOverview, PipelineStageOverview } from '../../../server/src/protocol';
import type { PipelineStage, StageState } from '../../../webviews/src/protocol';

/** The stages of an overview as the Pipeline view draws them. */
export function viewStages(o: PipelineOverview): PipelineStage[] {
  return o.stages.map((s) => ({ name: s.name, line: s.line, kind: s.uses ?? 'cmd', after: s.after, state: s.status, reasons: s.reasons }));
}

/** The state change an event of `mlops run --events` means for the view, or null (logs, the result). */
export function stateOfEvent(e: PipelineRunEvent): { name: string; state: StageState; reasons: string[] } | null {
  if (e.type === 'stageStarted') return { name: e.name, state: 'running', reasons: [] };
  if (e.type === 'stageEnded') return { name: e.name, state: e.status, reasons: e.reason ? [e.reason] : [] };
  return null;
}

/** Whether a parsed stdout line is an event of `mlops run --events`. */
export function isRunEvent(e: Record<string, unknown>): e is PipelineRunEvent & Record<string, unknown> {
  return (e.type === 'stageStarted' && typeof e.name === 'string') || (e.type === 'stageEnded' && typeof e.name === 'string' && typeof e.status === 'string')
    || (e.type === 'log' && typeof e.stage === 'string' && typeof e.line === 'string') || (e.type === 'result' && Array.isArray(e.stages));
}

/** The CodeLens title of a stage: "up to date", or "stale: <first reason>" (and how many more). */
export function lensTitle(s: Pick<PipelineStageOverview, 'status' | 'reasons'>): string {
  if (s.status === 'up-to-date') return '$(check) up to date';
  const [first, ...rest] = s.reasons;
  return `$(warning) stale: ${first ?? 'changed'}${rest.length ? ` (+${rest.length} more)` : ''}`;
}

/** One line summing up a finished run for a notification, e.g. "3 ran, 2 skipped, 1 failed". */
export function runSummary(stages: Array<{ status: string }>): string {
  const counts = new Map<string, number>();
  for (const s of stages) counts.set(s.status, (counts.get(s.status) ?? 0) + 1);
  return [...counts].map(([k, v]) => `${v} ${k}`).join(', ') || 'no stages';
}
