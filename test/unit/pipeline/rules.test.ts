import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { spawnSync } from 'node:child_process';
import { pipelineRules } from '../../../server/src/core/pipeline/rules';
import { validateFiles } from '../../../server/src/core/validation/validateFiles';
import { actualPairs, expectedFromComments, listing } from '../../helpers/golden';

const dir = resolve(__dirname, '../../fixtures/rules');
const fixtures = readdirSync(dir).filter((f) => f.endsWith('.mlops.yaml')).sort();
// Built from the registry, so a rule added without a fixture fails the test below.
const CODES = ['yaml-syntax', 'schema', ...pipelineRules.map((r) => r.code)];

for (const name of fixtures) {
  test(`rule fixture ${name}: diagnostics on the lines its comments name`, () => {
    const path = join(dir, name);
    const { results } = validateFiles([path], [dir]);
    const diags = results[0]!.diagnostics;
    assert.deepEqual(actualPairs(diags), expectedFromComments(readFileSync(path, 'utf8')), `diagnostics were:\n${listing(diags)}`);
  });
}

test('every diagnostic code has its own fixture, <code>.mlops.yaml, that produces it', () => {
  const missing = CODES.filter((code) => {
    const name = `${code}.mlops.yaml`;
    return !fixtures.includes(name) || !expectedFromComments(readFileSync(join(dir, name), 'utf8')).some((p) => p.endsWith(`:${code}`));
  });
  assert.deepEqual(missing, [], 'add test/fixtures/rules/<code>.mlops.yaml with an "# expect: <code>" comment on each line the rule reports');
});

test('rule codes are unique and the registry lists every rule file', () => {
  assert.equal(new Set(CODES).size, CODES.length);
  const check = spawnSync(process.execPath, ['scripts/ruleIndex.mjs', '--check'], { cwd: resolve(__dirname, '../../..'), encoding: 'utf8' });
  assert.equal(check.status, 0, check.stderr);
});

test('the example workspace has no diagnostics', () => {
  const ws = resolve(__dirname, '../../../examples/churn');
  const { results } = validateFiles([join(ws, 'mlops.yaml')], [ws]);
  assert.equal(results.length, 1);
  assert.deepEqual(results[0]!.diagnostics, [], listing(results[0]!.diagnostics));
});
