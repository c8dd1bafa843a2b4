import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { mlops } from '../helpers/cli';
import { tempExample } from '../helpers/workspace';

const CONTRACT = 'contracts/customers.odcs.yaml';

test('check: the example training data meets its contract (exit 0, JSON shape)', () => {
  const ws = tempExample();
  try {
    const r = mlops(['check', '--contract', CONTRACT, '--data', 'data/train.csv', '--format', 'json'], ws.dir);
    assert.equal(r.code, 0, r.stderr);
    const json = JSON.parse(r.stdout);
    assert.deepEqual(Object.keys(json).slice(0, 3), ['contract', 'data', 'schema']);
    assert.equal(json.contract, CONTRACT);
    assert.equal(json.data, 'data/train.csv');
    assert.equal(json.rows, 5000);
    assert.equal(json.passed, true);
    for (const c of json.checks) {
      for (const key of ['id', 'column', 'rule', 'passed', 'failures', 'samples', 'severity', 'message']) assert.ok(key in c, `${c.id} lacks ${key}`);
    }
    const text = mlops(['check', '--contract', CONTRACT, '--data', 'data/train.csv'], ws.dir);
    assert.equal(text.code, 0);
    assert.match(text.stdout, /^5,000 rows, \d+ checks: \d+ passed, 0 failed, 0 warnings$/m);
    assert.match(text.stdout, /PASSED: data\/train\.csv meets the contract/);
  } finally { ws.cleanup(); }
});

test('check: broken rows give exit 1 with up to 5 samples per failed check, lines as in the file', () => {
  const ws = tempExample();
  try {
    const path = join(ws.dir, 'data/train.csv');
    const lines = readFileSync(path, 'utf8').split('\n');
    // Ages out of range on 7 rows: the samples are the first five, with their line numbers.
    const bad = [10, 20, 30, 40, 50, 60, 70];
    for (const n of bad) lines[n - 1] = lines[n - 1]!.replace(/^(C\d+,[^,]+,)\d+,/, '$1150,');
    lines[99] = lines[99]!.replace(/,(basic|standard|premium),/, ',gold,');
    writeFileSync(path, lines.join('\n'));
    const r = mlops(['check', '--contract', CONTRACT, '--data', 'data/train.csv', '--format', 'json'], ws.dir);
    assert.equal(r.code, 1, r.stderr);
    const json = JSON.parse(r.stdout);
    assert.equal(json.passed, false);
    const max = json.checks.find((c: { id: string }) => c.id === 'customers.age.maximum');
    assert.equal(max.failures, 7);
    assert.deepEqual(max.samples, bad.slice(0, 5).map((line) => ({ line, value: '150' })));
    const plan = json.checks.find((c: { id: string }) => c.id === 'customers.plan.quality[0].invalidValues');
    assert.deepEqual(plan.samples, [{ line: 100, value: 'gold' }]);
    // The location points at the rule in the contract (0-based LSP position of the rule's first key).
    const contractLines = readFileSync(join(ws.dir, CONTRACT), 'utf8').split('\n');
    const ruleLine = contractLines.findIndex((l, i) => i > contractLines.indexOf('      - name: plan') && l.includes('- metric: invalidValues'));
    assert.deepEqual(plan.location.range.start, { line: ruleLine, character: contractLines[ruleLine]!.indexOf('metric') });
  } finally { ws.cleanup(); }
});

test('check: --schema picks a schema object; usage mistakes exit 2 with a clear message', () => {
  const ws = tempExample();
  try {
    const named = mlops(['check', '--contract', CONTRACT, '--data', 'data/current.csv', '--schema', 'customers'], ws.dir);
    assert.equal(named.code, 0, named.stderr);
    const unknown = mlops(['check', '--contract', CONTRACT, '--data', 'data/train.csv', '--schema', 'orders'], ws.dir);
    assert.equal(unknown.code, 2);
    assert.match(unknown.stderr, /has no schema object named "orders" \(it has: customers\)/);
    const noData = mlops(['check', '--contract', CONTRACT], ws.dir);
    assert.equal(noData.code, 2);
    assert.match(noData.stderr, /--data is required/);
    const badFormat = mlops(['check', '--contract', CONTRACT, '--data', 'data/train.csv', '--format', 'xml'], ws.dir);
    assert.equal(badFormat.code, 2);
    assert.match(badFormat.stderr, /--format must be one of text, json/);
    const missing = mlops(['check', '--contract', 'nope.odcs.yaml', '--data', 'data/train.csv'], ws.dir);
    assert.equal(missing.code, 2);
    assert.match(missing.stderr, /nope\.odcs\.yaml: cannot read the contract: it does not exist/);
    assert.doesNotMatch(missing.stderr + unknown.stderr, /\n\s+at /, 'no stack trace');
  } finally { ws.cleanup(); }
});
