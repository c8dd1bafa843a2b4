import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';
import { mlops } from '../helpers/cli';
import { tempExample } from '../helpers/workspace';
import { SKIP_REASON, odcsDir, officialValidator } from '../unit/contract/shared';

test('contract infer: the example data gives a contract the official schema accepts and the data passes', (t) => {
  const ws = tempExample();
  try {
    const r = mlops(['contract', 'infer', '--data', 'data/train.csv', '--name', 'Churn customers', '--out', 'inferred.odcs.yaml'], ws.dir);
    assert.equal(r.code, 0, r.stderr);
    const contract = parse(readFileSync(join(ws.dir, 'inferred.odcs.yaml'), 'utf8'));
    assert.equal(contract.apiVersion, 'v3.1.0');
    assert.equal(contract.name, 'Churn customers');
    const props = Object.fromEntries(contract.schema[0].properties.map((p: { name: string }) => [p.name, p]));
    assert.equal(props.customer_id.unique, true);
    assert.equal(props.age.logicalType, 'integer');
    assert.equal(props.monthly_charges.logicalType, 'number');
    assert.equal(props.signup_date.logicalType, 'date');
    assert.equal(props.age.required, true);
    assert.deepEqual(props.plan.quality[0].arguments.validValues, ['basic', 'premium', 'standard']);
    assert.equal(props.age.logicalTypeOptions.minimum, 18);
    const check = mlops(['check', '--contract', 'inferred.odcs.yaml', '--data', 'data/train.csv'], ws.dir);
    assert.equal(check.code, 0, check.stdout);
    if (!odcsDir) { t.skip(SKIP_REASON); return; }
    assert.equal(officialValidator('3.1.0')(contract), true);
  } finally { ws.cleanup(); }
});

test('contract infer: nulls, mixed values and odd names; the result validates and the same data passes', (t) => {
  const ws = tempExample();
  try {
    writeFileSync(join(ws.dir, 'odd.csv'), [
      'id,"we""ird <b>name</b>",score,when,flag,code',
      '1,a,1.5,2024-01-01 10:00:00,true,007', '2,,2.5,2024-01-02 11:00:00,false,12', '3,c,,2024-01-03 12:00:00,true,x1',
      '4,a,4,2024-01-04 13:00:00,false,', '5,a,5,2024-01-05 14:00:00,true,5',
    ].join('\n'));
    const r = mlops(['contract', 'infer', '--data', 'odd.csv'], ws.dir);
    assert.equal(r.code, 0, r.stderr);
    const contract = parse(r.stdout);
    const [id, name, score, when, flag, code] = contract.schema[0].properties;
    assert.equal(name.name, 'we"ird <b>name</b>');
    assert.equal(name.required, undefined);
    assert.deepEqual([id.logicalType, score.logicalType, when.logicalType, flag.logicalType, code.logicalType], ['integer', 'number', 'timestamp', 'boolean', 'string']);
    assert.equal(score.required, undefined);
    assert.equal(id.unique, true);
    writeFileSync(join(ws.dir, 'odd.odcs.yaml'), r.stdout);
    const check = mlops(['check', '--contract', 'odd.odcs.yaml', '--data', 'odd.csv'], ws.dir);
    assert.equal(check.code, 0, check.stdout);
    if (!odcsDir) { t.skip(SKIP_REASON); return; }
    assert.equal(officialValidator('3.1.0')(contract), true);
  } finally { ws.cleanup(); }
});

test('contract infer: refuses to overwrite without --force, and bad input exits 2', () => {
  const ws = tempExample();
  try {
    const target = join(ws.dir, 'contracts/customers.odcs.yaml');
    const before = readFileSync(target, 'utf8');
    const r = mlops(['contract', 'infer', '--data', 'data/train.csv', '--out', 'contracts/customers.odcs.yaml'], ws.dir);
    assert.equal(r.code, 2);
    assert.match(r.stderr, /already exists; pass --force/);
    assert.equal(readFileSync(target, 'utf8'), before);
    const missing = mlops(['contract', 'infer', '--data', 'nope.csv'], ws.dir);
    assert.equal(missing.code, 2);
    assert.match(missing.stderr, /nope\.csv: no such data file/);
    const action = mlops(['contract', 'frobnicate'], ws.dir);
    assert.equal(action.code, 2);
    assert.equal(existsSync(join(ws.dir, 'data/train.odcs.yaml')), false);
  } finally { ws.cleanup(); }
});
