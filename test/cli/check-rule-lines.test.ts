import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { mlops } from '../helpers/cli';
import { tempExample } from '../helpers/workspace';

const CONTRACT = 'contracts/customers.odcs.yaml';

/** The 0-based line and column of `key:` in the first line at or after `from` that holds it. */
function keyAt(lines: string[], from: number, key: string): { line: number; character: number } {
  const line = lines.findIndex((l, i) => i >= from && l.trimStart().startsWith(`${key}:`));
  assert.ok(line >= 0, `no "${key}:" after line ${from}`);
  return { line, character: lines[line]!.indexOf(key) };
}

// Issue 11, bug 4: the README promises a failed rule on the rule's own line. Adding `maximum: 5` under
// support_calls must put its failure on `maximum:`, not on `- name: support_calls`.
test('check: a failing logicalTypeOptions rule and a failing type sit on their own keys in the real example contract', () => {
  const ws = tempExample();
  try {
    const path = join(ws.dir, CONTRACT);
    const text = readFileSync(path, 'utf8')
      .replace(/(- name: support_calls\n(?: {8}.*\n)*? {8}logicalTypeOptions:\n {10}minimum: 0\n)/, '$1          maximum: 5\n')
      // A type the values of plan cannot parse as: fails on every row, on the logicalType key.
      .replace(/(- name: plan\n {8})logicalType: string/, '$1logicalType: integer');
    assert.notEqual(text, readFileSync(path, 'utf8'));
    writeFileSync(path, text);
    const lines = text.split('\n');

    // The failing rows counted here from the CSV itself, independently of the engine.
    const csv = readFileSync(join(ws.dir, 'data/current.csv'), 'utf8').trim().split('\n');
    const col = csv[0]!.split(',').indexOf('support_calls');
    const over = csv.slice(1).filter((row) => Number(row.split(',')[col]) > 5).length;
    assert.ok(over > 0, 'the example has customers with more than 5 support calls');

    const r = mlops(['check', '--contract', CONTRACT, '--data', 'data/current.csv', '--format', 'json'], ws.dir);
    assert.equal(r.code, 1, r.stderr);
    const checks = JSON.parse(r.stdout).checks as Array<{ id: string; failures: number; location?: { range: { start: unknown } } }>;
    const max = checks.find((c) => c.id === 'customers.support_calls.maximum');
    assert.ok(max, 'the maximum rule is checked');
    assert.equal(max.failures, over);
    const prop = lines.indexOf('      - name: support_calls');
    assert.deepEqual(max.location?.range.start, keyAt(lines, prop, 'maximum'));

    const type = checks.find((c) => c.id === 'customers.plan.type');
    assert.ok(type && type.failures > 0, 'plan fails as an integer');
    assert.deepEqual(type.location?.range.start, keyAt(lines, lines.indexOf('      - name: plan'), 'logicalType'));
    // A boolean rule sits on its own key too (required: true).
    const required = checks.find((c) => c.id === 'customers.age.required');
    const ageLine = lines.indexOf('      - name: age');
    assert.deepEqual(required?.location?.range.start, keyAt(lines, ageLine, 'required'));
  } finally { ws.cleanup(); }
});
