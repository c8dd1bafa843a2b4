// Issue 11, bug 6: Check Data on a broken contract must count its problems as the editor and
// `mlops validate` do (odcs-options-contradict included), and its toast must not end at a colon.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { firstErrorLine } from '../../client/src/jobs/cliProcess';
import { mlops } from '../helpers/cli';
import { tempExample } from '../helpers/workspace';

const CONTRACT = 'contracts/customers.odcs.yaml';

test('check refuses a broken contract with the count mlops validate gives, and its first line reads as a sentence', () => {
  const ws = tempExample();
  try {
    const path = join(ws.dir, CONTRACT);
    // A structure error (an invalid logicalType) and a rule error (minimum above maximum) in the checked schema.
    const broken = readFileSync(path, 'utf8')
      .replace(/(- name: age\n {8})logicalType: integer/, '$1logicalType: int')
      .replace(/minimum: 18\n(\s+)maximum: 100/, 'minimum: 180\n$1maximum: 100');
    writeFileSync(path, broken);

    const validate = mlops(['validate', CONTRACT], ws.dir);
    assert.equal(validate.code, 1);
    const errorLines = validate.stdout.split('\n').filter((l) => / error /.test(l));
    assert.deepEqual(errorLines.map((l) => l.split(' ')[2]).sort(), ['odcs-options-contradict', 'odcs-schema']);

    const check = mlops(['check', '--contract', CONTRACT, '--data', 'data/current.csv', '--format', 'json'], ws.dir);
    assert.equal(check.code, 2, 'a contract problem is an input problem');
    const counted = /is not a valid ODCS contract \((\d+) problems?\)/.exec(check.stderr);
    assert.ok(counted, check.stderr);
    assert.equal(Number(counted[1]), errorLines.length, 'the same count as mlops validate');
    // Each error validate lists is named with its line.
    for (const l of errorLines) assert.ok(check.stderr.includes(`line ${l.split(':')[1]},`), `line of ${l}`);

    const toast = firstErrorLine(check.stderr);
    assert.doesNotMatch(toast, /:\s*$/, 'the toast does not end at a colon');
    assert.match(toast, /\(2 problems\).* line \d+, column \d+: /, 'it names the first problem');
  } finally { ws.cleanup(); }
});
