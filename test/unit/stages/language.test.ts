// Language features for pipeline stages that use built-in steps: completion and hover come from the
// schema's per-step `with:` definitions; the portability rules read the real git index.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { CompletionItem, Hover } from 'vscode-languageserver-types';
import { diskHost } from '../../../server/src/core/host';
import { createPipelineService } from '../../../server/src/core/pipeline/service';
import { validateFiles } from '../../../server/src/core/validation/validateFiles';
import { withCursor } from '../../helpers/cursor';
import { EXAMPLE } from '../../helpers/workspace';
import { sandbox } from '../../git/helpers';

const HEAD = 'apiVersion: mlops/v1\nkind: Pipeline\nmetadata: { name: t }\ndata:\n  train: { path: data/train.csv, contract: contracts/customers.odcs.yaml }\nstages:\n';
const host = diskHost([EXAMPLE]);

function docOf(text: string) {
  const path = join(EXAMPLE, 'steps-test.mlops.yaml');
  return { uri: pathToFileURL(path).toString(), path, text, version: 1 };
}

function complete(marked: string): CompletionItem[] {
  const { text, position } = withCursor(marked);
  return createPipelineService().complete(docOf(text), position, host);
}

function hover(marked: string): string {
  const { text, position } = withCursor(marked);
  const h = createPipelineService().hover(docOf(text), position, host) as Hover | null;
  return h ? (h.contents as { value: string }).value : '';
}

test('completion: the built-in steps after uses:, stage keys including uses, with, resources and retries', () => {
  assert.deepEqual(complete(`${HEAD}  s:\n    uses: |`).map((i) => i.label), ['check', 'train', 'drift', 'register']);
  const keys = complete(`${HEAD}  s:\n    uses: train\n    |`).map((i) => i.label);
  for (const k of ['with', 'deps', 'outs', 'needs', 'resources', 'retries', 'cmd']) assert.ok(keys.includes(k), `${k} in ${keys.join(', ')}`);
});

test('completion under with: offers the options of the step the stage uses, and only those', () => {
  const drift = complete(`${HEAD}  s:\n    uses: drift\n    with:\n      |`).map((i) => i.label);
  assert.deepEqual(drift.sort(), ['contract', 'current', 'driftShare', 'failOnDrift', 'method', 'out', 'reference', 'sample', 'threshold']);
  const train = complete(`${HEAD}  s:\n    uses: train\n    with:\n      |`).map((i) => i.label);
  assert.deepEqual(train.sort(), ['allowContractViolations', 'backend', 'metrics', 'model', 'set', 'sweep']);
  const methods = complete(`${HEAD}  s:\n    uses: drift\n    with:\n      method: |`).map((i) => i.label);
  assert.ok(methods.includes('psi') && methods.includes('ks'));
  assert.deepEqual(complete(`${HEAD}  s:\n    uses: train\n    with:\n      backend: |`).map((i) => i.label), ['auto', 'tensorflow', 'wasm', 'cpu']);
});

test('hover explains uses, a step option and resources from the schema', () => {
  assert.match(hover(`${HEAD}  s:\n    us|es: check\n`), /same engine as the CLI command/);
  assert.match(hover(`${HEAD}  s:\n    uses: drift\n    with:\n      failOn|Drift: true\n`), /Fail the stage .* when the dataset drifts/);
  assert.match(hover(`${HEAD}  s:\n    uses: check\n    with:\n      rep|ort: r.json\n`), /check report as JSON/);
  assert.match(hover(`${HEAD}  s:\n    cmd: x\n    resources: { mem|ory: 2Gi }\n`), /Memory, e\.g\. `4Gi`/);
});

test('undeclared-input: a file git does not track warns, a tracked one and a declared one do not', () => {
  const s = sandbox();
  try {
    mkdirSync(join(s.dir, 'data'));
    mkdirSync(join(s.dir, 'scripts'));
    writeFileSync(join(s.dir, 'data/train.csv'), 'a\n1\n');
    writeFileSync(join(s.dir, 'data/lookup.csv'), 'k,v\n');
    writeFileSync(join(s.dir, 'data/local.csv'), 'only here\n');
    writeFileSync(join(s.dir, 'scripts/prep.mjs'), '');
    s.git('add', 'data/train.csv', 'data/lookup.csv', 'scripts/prep.mjs');
    const text = `apiVersion: mlops/v1\nkind: Pipeline\nmetadata: { name: git }\nexport: { target: argo }\ndata:\n  train: { path: data/train.csv }\nstages:\n`
      + '  prep:\n    cmd: node scripts/prep.mjs data/lookup.csv data/local.csv data/train.csv > data/out.csv\n    deps: [data/train.csv]\n    outs: [data/out.csv]\n';
    writeFileSync(join(s.dir, 'mlops.yaml'), text);
    const diags = validateFiles([join(s.dir, 'mlops.yaml')], [s.dir]).results[0]!.diagnostics;
    assert.deepEqual(diags.map((d) => [d.code, d.range.start.line, text.split('\n')[d.range.start.line]!.slice(d.range.start.character, d.range.end.character)]),
      [['undeclared-input', 8, 'data/local.csv']]);
    assert.match(diags[0]!.message, /not tracked by git/);
    s.git('add', 'data/local.csv');
    assert.deepEqual(validateFiles([join(s.dir, 'mlops.yaml')], [s.dir]).results[0]!.diagnostics, []);
  } finally {
    s.cleanup();
  }
});

test('the lifecycle example (examples/churn/lifecycle.mlops.yaml) has no diagnostics, portability lint included', () => {
  const dir = join(EXAMPLE);
  const diags = validateFiles([join(dir, 'lifecycle.mlops.yaml')], [join(EXAMPLE, '../..')]).results[0]!.diagnostics;
  assert.deepEqual(diags.map((d) => `${d.range.start.line + 1} ${String(d.code)} ${d.message}`), []);
});
