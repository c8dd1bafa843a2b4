// The rule runner shared by pipeline specs and data contracts: codes come from the rule, findings come
// back in document order, and a rule that throws is reported instead of silencing the others.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { DiagnosticSeverity } from 'vscode-languageserver-types';
import { diskHost } from '../../../server/src/core/host';
import { analyse } from '../../../server/src/core/pipeline/analysis';
import { pipelineRules } from '../../../server/src/core/pipeline/rules';
import type { PipelineRule } from '../../../server/src/core/pipeline/rules/types';
import { guarded, runRules } from '../../../server/src/core/validation/runner';
import { parseYaml } from '../../../server/src/core/yaml/parse';

const DIR = resolve(__dirname, '../../fixtures/rules');

function specInput(name: string) {
  const path = join(DIR, name);
  const text = readFileSync(path, 'utf8');
  const host = diskHost([DIR]);
  return { a: analyse({ uri: `file://${path}`, path, text, version: 0 }, parseYaml(text), host), host };
}

const unknownStage = pipelineRules.find((r) => r.code === 'unknown-stage')!;

test('a rule that throws keeps what it found, adds a diagnostic with its code, and the others still run', () => {
  const input = specInput('unknown-stage.mlops.yaml');
  const alone = runRules([unknownStage], input);
  assert.ok(alone.length > 0);
  const breaks: PipelineRule = {
    code: 'test-breaks',
    check({ a, report }) {
      report(a.stages[0]!.pair.key.range, 'found before the failure', 'hint');
      throw new Error('cannot read properties of undefined');
    },
  };
  const both = runRules([breaks, unknownStage], input);
  const own = both.filter((d) => d.code === 'test-breaks');
  assert.deepEqual(own.map((d) => d.message.startsWith('Internal error') ? 'failure' : d.message).sort(), ['failure', 'found before the failure']);
  const failure = own.find((d) => d.message.startsWith('Internal error'))!;
  assert.match(failure.message, /check "test-breaks" failed on this file \(cannot read properties of undefined\)/);
  assert.equal(failure.severity, DiagnosticSeverity.Warning);
  assert.deepEqual(both.filter((d) => d.code === 'unknown-stage'), alone);
});

test('report() stamps the rule code and the default severity; findings come back in document order', () => {
  const input = specInput('dag-cycle.mlops.yaml');
  const lastFirst: PipelineRule = {
    code: 'test-order',
    check({ a, report }) {
      for (const s of [...a.stages].reverse()) report(s.pair.key.range, `stage ${s.name}`);
    },
  };
  const out = runRules([lastFirst], input);
  assert.equal(out.length, input.a.stages.length);
  assert.ok(out.every((d) => d.code === 'test-order' && d.severity === DiagnosticSeverity.Error && d.source === 'mlops'));
  const lines = out.map((d) => d.range.start.line);
  assert.deepEqual(lines, [...lines].sort((x, y) => x - y));
});

test('guarded: a validation step that throws is an error diagnostic with the step code', () => {
  const out = guarded('schema', () => { throw new TypeError('type.split is not a function'); });
  assert.equal(out.length, 1);
  assert.equal(out[0]!.code, 'schema');
  assert.equal(out[0]!.severity, DiagnosticSeverity.Error);
  assert.match(out[0]!.message, /type\.split is not a function/);
  assert.deepEqual(guarded('schema', () => []), []);
});
