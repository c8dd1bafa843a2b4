/**
 * Routing and the answers that need no model call: health, metadata, metrics, status. Every error is
 * caught here and becomes a JSON `{"error": ...}` with its status (400/404/405/413/503), counted by
 * reason; nothing a client sends can end the process.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import { ServingError } from '../errors';
import { registeredVersions } from '../reference';
import type { ServingServer } from '../server';
import { infer } from './infer';
import { pickDeployment, sendError, sendJson } from './respond';
import { metadataV2 } from './v2';

type Route = { kind: 'live' | 'ready' | 'server' | 'metrics' | 'status' } | { kind: 'model' | 'modelReady' | 'infer'; model: string; version?: string; v1?: boolean };

function decode(part: string): string {
  try { return decodeURIComponent(part); } catch { return part; }
}

/** Matches the path (query string ignored); null when no endpoint has it. */
export function matchRoute(method: string, url: string): { route: Route | null; method: 'GET' | 'POST' } {
  const path = url.split('?')[0]!.replace(/\/+$/, '') || '/';
  const get = (r: Route) => ({ route: r, method: 'GET' as const });
  const post = (r: Route) => ({ route: r, method: 'POST' as const });
  if (path === '/v2/health/live') return get({ kind: 'live' });
  if (path === '/v2/health/ready') return get({ kind: 'ready' });
  if (path === '/v2') return get({ kind: 'server' });
  if (path === '/metrics') return get({ kind: 'metrics' });
  if (path === '/mlops/status') return get({ kind: 'status' });
  let m = /^\/v2\/models\/([^/]+)(?:\/versions\/([^/]+))?(\/ready|\/infer)?$/.exec(path);
  if (m) {
    const model = decode(m[1]!);
    const version = m[2] === undefined ? undefined : decode(m[2]);
    if (m[3] === '/infer') return post({ kind: 'infer', model, ...(version !== undefined ? { version } : {}) });
    return get({ kind: m[3] === '/ready' ? 'modelReady' : 'model', model, ...(version !== undefined ? { version } : {}) });
  }
  m = /^\/v1\/models\/([^/:]+)(:predict)?$/.exec(path);
  if (m) return m[2] ? post({ kind: 'infer', model: decode(m[1]!), v1: true }) : get({ kind: 'modelReady', model: decode(m[1]!), v1: true });
  void method;
  return { route: null, method: 'GET' };
}

async function answer(s: ServingServer, req: IncomingMessage, res: ServerResponse, route: Route, started: number): Promise<void> {
  switch (route.kind) {
    case 'live': return sendJson(res, 200, { live: true });
    case 'ready': {
      const ready = !s.closingDown && s.primary.current !== undefined;
      return sendJson(res, ready ? 200 : 503, { ready });
    }
    case 'server': return sendJson(res, 200, { name: 'mlops', version: process.env.MLOPS_VERSION ?? '0.1.0', extensions: [] });
    case 'metrics': {
      const text = await s.metrics.registry.metrics();
      res.writeHead(200, { 'content-type': s.metrics.registry.contentType, 'content-length': Buffer.byteLength(text) });
      res.end(text);
      return;
    }
    case 'status': return sendJson(res, 200, statusOf(s));
    case 'model': {
      const d = pickDeployment(s, route.model, route.version);
      return sendJson(res, 200, metadataV2(d.loaded, registeredVersions(s.options.workspace, route.model).map((v) => `v${v}`)));
    }
    case 'modelReady': {
      const d = pickDeployment(s, route.model, route.version);
      return sendJson(res, 200, route.v1 ? { name: route.model, ready: true } : { name: route.model, version: `v${d.version}`, ready: true });
    }
    case 'infer': return infer(s, req, res, route.model, route.version, route.v1 === true, started);
  }
}

/** The live numbers and version timeline (the editor's Serving view polls this). */
export function statusOf(s: ServingServer): Record<string, unknown> {
  const agreement = [...s.agreement.values()].map((a) => ({ version: a.version, shadowVersion: a.shadowVersion, rows: a.rows,
    agreement: a.labelRows ? a.agreed / a.labelRows : null, meanAbsDiff: a.diffRows ? a.absDiffSum / a.diffRows : null }));
  return {
    model: s.options.model, startedAt: s.startedAt.toISOString(),
    primary: { alias: s.primary.alias, version: s.primary.current?.version ?? null },
    shadow: s.shadow ? { alias: s.shadow.alias, version: s.shadow.current?.version ?? null, queued: s.shadowQueue?.length ?? 0, dropped: s.shadowQueue?.dropped ?? 0, agreement } : null,
    live: s.live.snapshot(),
    timeline: [...s.primary.events.map((e) => ({ ...e, role: 'primary' })), ...(s.shadow?.events ?? []).map((e) => ({ ...e, role: 'shadow' }))].sort((a, b) => a.at.localeCompare(b.at)),
    log: { dir: s.options.log.dir, sample: s.options.log.sample },
  };
}

/** Handles one request; never throws. */
export async function handleRequest(s: ServingServer, req: IncomingMessage, res: ServerResponse): Promise<void> {
  const started = performance.now();
  try {
    const { route, method } = matchRoute(req.method ?? 'GET', req.url ?? '/');
    if (!route) throw new ServingError(`no endpoint ${req.method} ${(req.url ?? '').slice(0, 200)}; see /v2/models/${s.options.model}, /v2/models/${s.options.model}/infer, /v1/models/${s.options.model}:predict, /metrics`, 'not-found', 'not_found');
    if (req.method !== method && !(method === 'GET' && req.method === 'HEAD')) {
      res.setHeader('allow', method);
      throw new ServingError(`${req.method} is not allowed here; use ${method}`, 'not-allowed', 'method_not_allowed');
    }
    await answer(s, req, res, route, started);
  } catch (e) {
    try { sendError(s, res, e, started); } catch { res.destroy(); }
  }
}
