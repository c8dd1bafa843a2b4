// The server warms its validation path on a synthetic spec after `initialized` (server/src/lsp/warmUp.ts):
// over a real stdio connection, that warm-up publishes nothing, writes nothing, and the first real
// document is validated as usual.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { codes, LspTestClient } from '../helpers/lspClient';
import { tempExample } from '../helpers/workspace';

let client: LspTestClient;
let ws: ReturnType<typeof tempExample>;
before(async () => { ws = tempExample(); client = await LspTestClient.start(ws.dir); });
after(async () => { await client.stop(); ws.cleanup(); });

test('the start-up warm-up publishes no diagnostics and creates no files; a real spec opened right after is validated', async () => {
  const uri = client.open(join(ws.dir, 'typo.mlops.yaml'), 'apiVersion: mlops/v1\nkind: Pipelin\nmetadata:\n  name: t\n');
  const first = await client.diagnostics(uri);
  assert.ok(codes(first.diagnostics).length > 0, 'the misspelt kind is reported');
  await sleep(1500); // the warm-up has long finished by now
  assert.deepEqual(client.publishedUris(), [uri], 'only the opened document got diagnostics');
  assert.equal(existsSync(join(tmpdir(), 'mlops-warm-up')), false, 'the synthetic spec is never written to disk');
});
