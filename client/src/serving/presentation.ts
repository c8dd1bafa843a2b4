/** How a serving session is shown: the status bar text and the Serving view's message. Pure (no vscode). */
import type { ServingToView } from '../../../webviews/src/protocol';
import type { SessionState } from './session';

/** The status bar item's text for a state (undefined: hidden). */
export function statusText(s: SessionState): string | undefined {
  if (s.kind === 'stopped') return undefined;
  if (s.kind === 'starting') return `$(loading~spin) Serving ${s.choice.model}…`;
  const live = s.status?.live;
  const version = s.status?.primary.version;
  return `$(radio-tower) ${s.choice.model}${version ? ` v${version}` : ''} · ${live ? live.perSecond.toFixed(1) : '0.0'} req/s`;
}

/** The Serving view's message for a state. */
export function stateMessage(s: SessionState): ServingToView {
  if (s.kind === 'stopped') return { type: 'stopped', ...(s.message ? { message: s.message } : {}) };
  if (s.kind === 'starting' || !s.status) return { type: 'starting', model: s.choice.model, alias: s.choice.alias, shadow: s.choice.shadow ?? null };
  return { type: 'status', url: s.url, status: s.status };
}
