// Stage steps and the portability lint over a real stdio connection to dist/server.js.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { CompletionItem, CompletionList } from 'vscode-languageserver-protocol';
import { mlops } from '../helpers/cli';
import { codes, LspTestClient } from '../helpers/lspClient';
import { exampleSpecHead, positionOf, tempExample } from '../helpers/workspace';

const labels = (r: CompletionItem[] | CompletionList | null) => (Array.isArray(r) ? r : r?.items ?? []).map((i) => i.label);

const SPEC = `${exampleSpecHead('churn', 'export: { target: argo }\n')}stages:
  fit:
    uses: train
  watch:
    uses: drift
    with:
      method: auto
`;

describe('pipeline stages over stdio', () => {
  let client: LspTestClient;
  let ws: ReturnType<typeof tempExample>;
  before(async () => { ws = tempExample(); client = await LspTestClient.start(ws.dir); });
  after(async () => { await client.stop(); ws.cleanup(); });

  test('a train stage without resources and a drift stage without current data are reported as you type', async () => {
    const uri = client.open(join(ws.dir, 'stages.mlops.yaml'), SPEC);
    const first = await client.diagnostics(uri);
    assert.deepEqual(codes(first.diagnostics), ['bad-with', 'missing-resources']);
    const at = positionOf(SPEC, 'method: auto');
    const v = client.change(uri, { start: at, end: at }, 'current: data/current.csv\n      ');
    const fixed = await client.diagnosticsForVersion(uri, v);
    assert.deepEqual(codes(fixed.diagnostics), ['missing-resources']);
    const items = await client.request<CompletionItem[]>('textDocument/completion', { textDocument: { uri }, position: { line: at.line + 1, character: 6 } });
    assert.ok(labels(items).includes('failOnDrift'), labels(items).join(', '));
  });

  test('mlops/pipelineStatus answers the DAG with each stage stale or up to date, and a broken spec as an error', async () => {
    const answer = await client.request<{ pipeline: { stages: Array<{ name: string; status: string; reasons: string[]; line: number; after: string[] }> } }>(
      'mlops/pipelineStatus', { path: join(ws.dir, 'mlops.yaml') });
    assert.deepEqual(answer.pipeline.stages.map((s) => [s.name, s.status, s.reasons, s.after]), [['generate', 'stale', ['never run'], []]]);
    const broken = join(ws.dir, 'broken.mlops.yaml');
    writeFileSync(broken, SPEC.replace('uses: train', 'uses: trian'));
    const error = await client.request<{ error: string }>('mlops/pipelineStatus', { path: broken });
    assert.match(error.error, /broken\.mlops\.yaml:11:11: error schema .*"trian"/);
  });

  test('mlops/pipelineStatus read-only (Restricted Mode) answers the same status but writes no stat cache into the workspace; a normal request does', async () => {
    const spec = join(ws.dir, 'copy.mlops.yaml');
    writeFileSync(join(ws.dir, 'in.txt'), 'one\n');
    writeFileSync(spec, `${exampleSpecHead('copy')}stages:
  copy:
    cmd: node -e "require('fs').copyFileSync('in.txt', 'out.txt')"
    deps: [in.txt]
    outs: [out.txt]
`);
    const ran = mlops(['run', '--spec', spec], ws.dir);
    assert.equal(ran.code, 0, ran.stderr);
    const cache = join(ws.dir, '.mlops', 'pipeline', 'hashes.json');
    rmSync(cache, { force: true });
    type Status = { pipeline: { stages: Array<{ name: string; status: string }> } };
    const readOnly = await client.request<Status>('mlops/pipelineStatus', { path: spec, readOnly: true });
    assert.deepEqual(readOnly.pipeline.stages.map((s) => [s.name, s.status]), [['copy', 'up-to-date']]);
    assert.equal(existsSync(cache), false, 'a read-only status writes no stat cache');
    const normal = await client.request<Status>('mlops/pipelineStatus', { path: spec });
    assert.deepEqual(normal.pipeline.stages.map((s) => [s.name, s.status]), [['copy', 'up-to-date']]);
    assert.equal(existsSync(cache), true, 'a normal status keeps its stat cache');
  });
});
