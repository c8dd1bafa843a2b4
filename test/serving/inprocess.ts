// Starts a ServingServer inside the test process (tests that need to reach into its state: the
// batcher, the alias check, the shadow queue) on a free loopback port.
import { resolveServeOptions } from '../../server/src/core/serving/options';
import { ServingServer } from '../../server/src/core/serving/server';
import type { ServingSpec } from '../../server/src/core/pipeline/spec';
import { MODEL } from '../helpers/serving';

export async function startInProcess(workspace: string, env: NodeJS.ProcessEnv, spec: ServingSpec = {}, flags: { shadow?: string; alias?: string; logDir?: string; logSample?: number } = {}): Promise<ServingServer> {
  const options = resolveServeOptions(workspace, MODEL, { pollMs: 3_600_000, ...spec }, { port: 0, env, ...flags });
  const server = new ServingServer(options);
  await server.start();
  return server;
}

export async function post(server: ServingServer, path: string, body: unknown): Promise<{ status: number; body: any }> {
  const res = await fetch(`${server.url}${path}`, { method: 'POST', body: JSON.stringify(body), headers: { 'content-type': 'application/json' } });
  return { status: res.status, body: await res.json() };
}

/** Sum of a metric's samples whose labels include `labels`, read from the server's own registry. */
export async function metricValue(server: ServingServer, name: string, labels: Record<string, string> = {}): Promise<number> {
  const text = await server.metrics.registry.metrics();
  const want = Object.entries(labels).map(([k, v]) => `${k}="${v}"`);
  return text.split('\n').filter((l) => (l.startsWith(`${name}{`) || l.startsWith(`${name} `)) && want.every((w) => l.includes(w)))
    .reduce((sum, l) => sum + Number(l.slice(l.lastIndexOf(' ') + 1)), 0);
}
