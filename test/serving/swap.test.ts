// Seamless update under real load: autocannon keeps `mlops serve` busy while `mlops promote` moves
// the production alias; not one request may fail, and the answers move from v1 to v2.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { promoteVersion } from '../../server/src/core/registry/promote';
import { runLoad } from '../helpers/load';
import { exampleRows, MODEL, servingWorkspace, startServe, v2Body, type ServeProcess, type ServingWorkspace } from '../helpers/serving';

let ws: ServingWorkspace;
let srv: ServeProcess;

before(async () => {
  ws = await servingWorkspace(2);
  srv = await startServe(['--model', MODEL, '--workspace', ws.dir, '--poll-ms', '100'], ws.dir, ws.env);
});
after(async () => { await srv?.stop(); ws?.cleanup(); });

test('promoting v2 to production while autocannon loads the server swaps versions with zero failed requests', async () => {
  const seen: string[] = [];
  const statuses = new Map<number, number>();
  const load = runLoad({
    url: srv.url, path: `/v2/models/${MODEL}/infer`, body: JSON.stringify(v2Body(exampleRows(ws.dir, 0, 4))), connections: 16, seconds: 120,
    onBody: (status, body) => {
      statuses.set(status, (statuses.get(status) ?? 0) + 1);
      if (status === 200) seen.push(JSON.parse(body).model_version);
    },
  });
  // Let the load settle on v1, then promote for real (a git commit and a moved tag).
  while (seen.length < 50) await new Promise((r) => setTimeout(r, 50));
  const promoted = await promoteVersion({ workspace: ws.dir, model: MODEL, version: 'v2', alias: 'production', reason: 'swap test', env: ws.env });
  assert.equal(promoted.from, 1);
  // Keep the load on until v2 has answered a good while (autocannon's own bound is 120 s).
  const deadline = Date.now() + 100_000;
  while (seen.filter((v) => v === 'v2').length < 300 && Date.now() < deadline) await new Promise((r) => setTimeout(r, 50));
  load.stop();
  const result = await load.done;
  assert.equal(result.errors, 0, 'no connection errors or timeouts');
  assert.equal(result.non2xx, 0, `every response 200 (${JSON.stringify([...statuses])})`);
  assert.ok(result.requests.total > 100, `load was real: ${result.requests.total} requests`);
  const firstV2 = seen.indexOf('v2');
  assert.ok(seen[0] === 'v1' && firstV2 > 0, 'answers moved from v1 to v2');
  // In-flight requests may still finish on v1 right after the swap; later ones are all v2.
  assert.ok(seen.slice(firstV2 + 64).every((v) => v === 'v2'), 'after the swap settles, only v2 answers');
  assert.match(srv.stderr(), /primary \(production\) swapped v1 -> v2/);
  const status = await (await fetch(`${srv.url}/mlops/status`)).json() as { primary: { version: number }; timeline: Array<{ event: string; version: number; from?: number }> };
  assert.equal(status.primary.version, 2);
  assert.deepEqual(status.timeline.map((e) => `${e.event}:${e.from ?? ''}->${e.version}`), ['loaded:->1', 'swapped:1->2']);
  const metrics = await (await fetch(`${srv.url}/metrics`)).text();
  assert.match(metrics, /mlops_model_version_info\{model="churn-classifier",version="v2",alias="production"\} 1/);
  assert.doesNotMatch(metrics, /mlops_model_version_info\{[^}]*version="v1"/);
  assert.match(metrics, /mlops_model_swaps_total\{model="churn-classifier",alias="production"\} 1/);
});
