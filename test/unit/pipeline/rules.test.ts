import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { validateFiles } from '../../../server/src/core/validateFiles';
import { actualPairs, expectedFromComments, listing } from '../../helpers/golden';

const dir = resolve(__dirname, '../../fixtures/rules');
const fixtures = readdirSync(dir).filter((f) => f.endsWith('.mlops.yaml')).sort();
const CODES = ['yaml-syntax', 'schema', 'unknown-stage', 'dag-cycle', 'duplicate-output', 'missing-file', 'contract-not-found',
  'unknown-schema-object', 'unknown-column', 'transform-type-mismatch', 'target-task-mismatch', 'unknown-sweep-parameter',
  'unknown-gate-metric', 'early-stopping-needs-validation', 'path-outside-workspace', 'target-in-features', 'unused-transform'];

for (const name of fixtures) {
  test(`rule fixture ${name}: diagnostics on the lines its comments name`, () => {
    const path = join(dir, name);
    const { results } = validateFiles([path], [dir]);
    const diags = results[0]!.diagnostics;
    assert.deepEqual(actualPairs(diags), expectedFromComments(readFileSync(path, 'utf8')), `diagnostics were:\n${listing(diags)}`);
  });
}

test('every diagnostic code is produced by some fixture', () => {
  const produced = new Set(fixtures.flatMap((f) => expectedFromComments(readFileSync(join(dir, f), 'utf8')).map((p) => p.split(':')[1])));
  assert.deepEqual(CODES.filter((c) => !produced.has(c)), []);
});

test('the example workspace has no diagnostics', () => {
  const ws = resolve(__dirname, '../../../examples/churn');
  const { results } = validateFiles([join(ws, 'mlops.yaml')], [ws]);
  assert.equal(results.length, 1);
  assert.deepEqual(results[0]!.diagnostics, [], listing(results[0]!.diagnostics));
});
