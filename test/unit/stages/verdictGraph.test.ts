// A spec that passed before is not ordered again: openPipeline keeps the ordered stages with the
// verdict. The graph read back must be the graph built from the spec (edges from needs, from a file
// out, from a folder out and from what a `uses:` step implies), and an edited spec is ordered anew.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { buildGraph } from '../../../server/src/core/stages/order';
import { openPipeline } from '../../../server/src/core/stages/pipeline';
import type { StageGraph } from '../../../server/src/core/stages/types';

const SPEC = [
  'apiVersion: mlops/v1', 'kind: Pipeline', 'metadata: { name: verdict-graph }',
  'data:', '  train: { path: data/train.csv, contract: contracts/train.odcs.yaml }', 'stages:',
  '  prepare:', '    cmd: mkdir -p out/features && cp data/train.csv out/features/a.csv', '    deps: [data/train.csv]', '    outs: [out/features]',
  '  validate:', '    uses: check', '    with: { data: out/features/a.csv, report: reports/check.json }', '    needs: [prepare]',
  '  summary:', '    cmd: wc -l out/features/a.csv reports/check.json > out/summary.txt', '    deps: [./out/features/a.csv, reports//check.json]', '    outs: [out/summary.txt]',
  '',
].join('\n');

/** What a graph says, as plain data: order, edges and every field of every stage. */
const shape = (g: StageGraph) => JSON.parse(JSON.stringify({ stages: g.stages, children: [...g.children], names: [...g.byName.keys()] })) as unknown;

test('the stage graph kept with the verdict is the graph built from the spec; an edited spec is ordered again', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'mlops-verdict-graph-'));
  try {
    const specPath = join(dir, 'mlops.yaml');
    writeFileSync(specPath, SPEC);
    const first = await openPipeline(specPath);
    const built = buildGraph(first.spec, 'mlops.yaml', new Map(first.graph.stages.map((s) => [s.name, s.line])));
    assert.deepEqual(shape(first.graph), shape(built));
    assert.deepEqual(first.graph.stages.map((s) => s.name), ['prepare', 'validate', 'summary']);
    assert.deepEqual(first.graph.byName.get('summary')!.after, ['prepare', 'validate'], 'a file in a folder out, and a step\'s report');
    assert.deepEqual(first.graph.byName.get('summary')!.deps, ['out/features/a.csv', 'reports/check.json']);
    const again = await openPipeline(specPath);
    assert.deepEqual(shape(again.graph), shape(first.graph));
    assert.equal(again.graph.byName.get('validate')!.line, 11);
    assert.equal(again.graph.byName.get('summary')!.line, 15);
    writeFileSync(specPath, SPEC.replace(', reports//check.json]', ']'));
    const edited = await openPipeline(specPath);
    assert.deepEqual(edited.graph.byName.get('summary')!.after, ['prepare'], 'the report is no longer a dep');
    assert.deepEqual(shape(edited.graph), shape(buildGraph(edited.spec, 'mlops.yaml', new Map(edited.graph.stages.map((s) => [s.name, s.line])))));
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
