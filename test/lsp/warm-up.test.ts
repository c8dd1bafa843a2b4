// The server warms its validation path on a synthetic spec after `initialized` when the workspace holds
// a large spec (server/src/lsp/warmUp.ts): over a real stdio connection, that warm-up publishes nothing,
// writes nothing, and the first real document is validated as usual.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { codes, LspTestClient } from '../helpers/lspClient';
import { tempExample } from '../helpers/workspace';
import { hasLargeSpec, WARM_UP_MIN_BYTES } from '../../server/src/lsp/warmUp';

let client: LspTestClient;
let ws: ReturnType<typeof tempExample>;
/** A spec of about `bytes` bytes: many small stages. */
function bigSpec(bytes: number): string {
  const lines = ['apiVersion: mlops/v1', 'kind: Pipeline', 'metadata: { name: big }', 'data:', '  train: { path: data/train.csv }', 'stages:'];
  for (let i = 0; lines.join('\n').length < bytes; i++) lines.push(`  s${i}:`, `    cmd: echo ${i}`);
  return `${lines.join('\n')}\n`;
}

before(async () => {
  ws = tempExample();
  // A large spec in the workspace is what turns the warm-up on.
  writeFileSync(join(ws.dir, 'big.mlops.yaml'), bigSpec(WARM_UP_MIN_BYTES + 1024));
  client = await LspTestClient.start(ws.dir);
});
after(async () => { await client.stop(); ws.cleanup(); });

test('the start-up warm-up publishes no diagnostics and creates no files; a real spec opened right after is validated', async () => {
  const uri = client.open(join(ws.dir, 'typo.mlops.yaml'), 'apiVersion: mlops/v1\nkind: Pipelin\nmetadata:\n  name: t\n');
  const first = await client.diagnostics(uri);
  assert.ok(codes(first.diagnostics).length > 0, 'the misspelt kind is reported');
  await sleep(1500); // the warm-up has long finished by now
  assert.deepEqual(client.publishedUris(), [uri], 'only the opened document got diagnostics');
  assert.equal(existsSync(join(tmpdir(), 'mlops-warm-up')), false, 'the synthetic spec is never written to disk');
});

test('the warm-up is for workspaces with a large spec: found a few folders down, not in node_modules or hidden folders, not for small specs', () => {
  const root = mkdtempSync(join(tmpdir(), 'mlops-large-spec-'));
  try {
    writeFileSync(join(root, 'mlops.yaml'), bigSpec(2000));
    for (const hidden of ['node_modules', '.mlops']) {
      mkdirSync(join(root, hidden), { recursive: true });
      writeFileSync(join(root, hidden, 'big.mlops.yaml'), bigSpec(WARM_UP_MIN_BYTES + 1024));
    }
    assert.equal(hasLargeSpec([root]), false, 'small specs, and large ones only where the workspace is not');
    mkdirSync(join(root, 'pipelines', 'nightly'), { recursive: true });
    writeFileSync(join(root, 'pipelines', 'nightly', 'train.mlops.yaml'), bigSpec(WARM_UP_MIN_BYTES + 1024));
    assert.equal(hasLargeSpec([root]), true);
  } finally {
    rmSync(root, { recursive: true, force: true });
  }
});
