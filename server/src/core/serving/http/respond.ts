/**
 * Answers shared by every endpoint: JSON responses, refusals (counted by reason and logged), and
 * which deployment answers for a model and version in the URL.
 */
import type { ServerResponse } from 'node:http';
import type { Deployment } from '../deployment';
import { ServingError, STATUS } from '../errors';
import { registeredVersions } from '../reference';
import type { ServingServer } from '../server';

export function sendJson(res: ServerResponse, code: number, body: unknown, headers: Record<string, string> = {}): void {
  const text = JSON.stringify(body);
  res.writeHead(code, { 'content-type': 'application/json', 'content-length': Buffer.byteLength(text), ...headers });
  res.end(text);
}

/** Counts and answers a refusal (the log keeps every refusal, sampled or not). */
export function sendError(s: ServingServer, res: ServerResponse, e: unknown, started: number): void {
  const err = e instanceof ServingError ? e : new ServingError(`internal error: ${(e as Error)?.message ?? String(e)}`, 'unavailable', 'internal');
  const code = e instanceof ServingError ? STATUS[err.kind] : 500;
  if (!res.headersSent) sendJson(res, code, { error: err.message }, code === 413 ? { connection: 'close' } : {});
  else res.destroy();
  s.metrics.errors.inc({ reason: err.reason.replace(/-/g, '_') });
  s.metrics.requests.inc({ model: s.options.model, version: 'none', code: String(code) });
  s.live.record(performance.now() - started, false);
  s.log.write({ type: 'error', t: new Date().toISOString(), model: s.options.model, code, reason: err.reason.replace(/-/g, '_'), message: err.message });
}

/** Versions served now: the primary's and the shadow's. */
export function servedDeployments(s: ServingServer): Deployment[] {
  return [s.primary.current, s.shadow?.current].filter((d): d is Deployment => d !== undefined);
}

function versionLabel(v: string): number | null {
  const m = /^v?([1-9][0-9]{0,8})$/.exec(v);
  return m ? Number(m[1]) : null;
}

/** The deployment answering for a version in the URL (the primary when none); 404 naming what is served. */
export function pickDeployment(s: ServingServer, model: string, version: string | undefined): Deployment {
  if (model !== s.options.model) throw new ServingError(`model "${model}" is not served here (this server serves "${s.options.model}")`, 'not-found', 'not_found');
  const primary = s.primary.current;
  if (!primary) throw new ServingError('the model is not loaded yet', 'unavailable', 'unavailable');
  if (version === undefined) return primary;
  const n = versionLabel(version);
  const found = n === null ? undefined : servedDeployments(s).find((d) => d.version === n);
  if (found) return found;
  const served = servedDeployments(s).map((d) => `v${d.version}`).join(', ');
  const registered = n !== null && registeredVersions(s.options.workspace, model).includes(n);
  throw new ServingError(`${model} ${n === null ? `"${version}"` : `v${n}`} ${registered ? 'is registered but not served here' : 'does not exist'} (served: ${served})`, 'not-found', 'not_found');
}
