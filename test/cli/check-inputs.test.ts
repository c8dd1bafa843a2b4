// More inputs (issue 12 item 13): JSON arrays, NDJSON and glob patterns read as one table, with samples
// that name their file and line; and privacy (item 11): failing samples never show values of columns
// the contract classifies as sensitive. Expected lines and values are worked out from the files below.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { mlops } from '../helpers/cli';
import { contractYaml, tempDir, writeIn } from '../unit/contract/helpers';

const PROPS = '- { name: id, logicalType: integer, required: true }\n- { name: score, logicalType: number, logicalTypeOptions: { maximum: 10 } }';

function check(dir: string, data: string, extra: string[] = []) {
  const r = mlops(['check', '--contract', 'c.odcs.yaml', '--data', data, '--format', 'json', ...extra], dir);
  return { ...r, json: r.stdout ? JSON.parse(r.stdout) : undefined };
}

test('check: a glob reads every matching CSV as one table; samples name the file and its line', () => {
  const dir = tempDir();
  mkdirSync(join(dir, 'parts'));
  writeIn(dir, 'parts/a.csv', 'id,score\n1,2\n2,3\n');
  writeIn(dir, 'parts/b.csv', 'id,score\n3,4\n\n4,11\n5,12,extra\n');
  writeIn(dir, 'c.odcs.yaml', contractYaml(PROPS));
  const r = check(dir, 'parts/*.csv');
  assert.equal(r.code, 1, r.stderr);
  assert.equal(r.json.data, 'parts/*.csv');
  assert.equal(r.json.rows, 4, 'the ragged record is set aside');
  const max = r.json.checks.find((c: { id: string }) => c.id === 't.score.maximum');
  assert.deepEqual(max.samples, [{ line: 4, value: '11', file: join('parts', 'b.csv') }], 'line 4 of b.csv: the blank line counts');
  const records = r.json.checks.find((c: { id: string }) => c.id === 'data.records');
  assert.deepEqual(records.samples, [{ line: 5, value: '5,12,extra', file: join('parts', 'b.csv') }]);
  const text = mlops(['check', '--contract', 'c.odcs.yaml', '--data', 'parts/*.csv'], dir);
  assert.match(text.stdout, /parts\/b\.csv:4: "11"/);
  // An unquoted pattern reaches the CLI expanded by the shell: refused, not checked on its first file.
  const expanded = mlops(['check', '--contract', 'c.odcs.yaml', '--data', 'parts/a.csv', 'parts/b.csv'], dir);
  assert.equal(expanded.code, 2);
  assert.match(expanded.stderr, /unexpected argument "parts\/b\.csv"; to check several files as one table, quote the pattern/);
});

test('check: a glob that matches nothing, or files with different headers, is bad input (exit 2, file named)', () => {
  const dir = tempDir();
  writeIn(dir, 'c.odcs.yaml', contractYaml(PROPS));
  const none = check(dir, 'nothing/*.csv');
  assert.equal(none.code, 2);
  assert.match(none.stderr, /nothing\/\*\.csv: no file matches this pattern/);
  writeIn(dir, 'x1.csv', 'id,score\n1,2\n');
  writeIn(dir, 'x2.csv', 'id,points\n1,2\n');
  const mixed = check(dir, 'x*.csv');
  assert.equal(mixed.code, 2);
  assert.match(mixed.stderr, /x2\.csv: has the header "id,points", unlike .*x1\.csv \("id,score"\)/);
  writeIn(dir, 'y.csv', 'id,score\n1,2\n');
  writeIn(dir, 'y.json', '[{"id": 1, "score": 2}]');
  const formats = check(dir, 'y.*');
  assert.equal(formats.code, 2);
  assert.match(formats.stderr, /matches files of different formats \(csv, json\)/);
});

test('check: a JSON array of records and NDJSON files (one pattern) are checked with their own types', () => {
  const dir = tempDir();
  writeIn(dir, 'c.odcs.yaml', contractYaml(PROPS));
  writeIn(dir, 'a.json', '[{"id": 1, "score": 2.5}, {"id": 2, "score": 20}, {"id": null, "score": 1}]');
  const arr = check(dir, 'a.json');
  assert.equal(arr.code, 1, arr.stderr);
  assert.equal(arr.json.rows, 3);
  const byId = (j: { checks: Array<{ id: string }> }, id: string) => j.checks.find((c) => c.id === id) as unknown as { samples: unknown[]; passed: boolean };
  assert.deepEqual(byId(arr.json, 't.score.maximum').samples, [{ line: 2, value: '20.0' }], 'row numbers in a JSON array; the value as DuckDB writes it (a DOUBLE, since 2.5 is in the column)');
  assert.deepEqual(byId(arr.json, 't.id.required').samples, [{ line: 3, value: null }]);
  mkdirSync(join(dir, 'logs'));
  writeIn(dir, 'logs/1.ndjson', '{"id": 1, "score": 1}\n{"id": 2, "score": 2}\n');
  writeIn(dir, 'logs/2.ndjson', '{"id": 3, "score": 3}\n\n{"id": 4, "score": 40}\n');
  const nd = check(dir, 'logs/*.ndjson');
  assert.equal(nd.json.rows, 4);
  assert.deepEqual(byId(nd.json, 't.score.maximum').samples, [{ line: 3, value: '40', file: join('logs', '2.ndjson') }]);
});

// datacontract-cli withholds values of columns classified pii, personal, personal_data, confidential,
// restricted, sensitive or secret (engines/ibis/ibis_check_execute.py); we withhold anything but
// public and internal, which covers that list.
const DATACONTRACT_CLI_SENSITIVE = ['pii', 'personal', 'personal_data', 'confidential', 'restricted', 'sensitive', 'secret'];

test('check: samples mask values of columns classified as sensitive, in JSON and text, and say so', () => {
  const dir = tempDir();
  const classes = [...DATACONTRACT_CLI_SENSITIVE, 'Restricted', 'public', 'internal'];
  const props = classes.map((c, i) => `- { name: c${i}, logicalType: integer, classification: ${c} }`).join('\n');
  writeIn(dir, 'c.odcs.yaml', contractYaml(`${props}\n- { name: email, logicalType: string, tags: [pii], logicalTypeOptions: { pattern: "@" } }`));
  writeIn(dir, 'd.csv', `${classes.map((_, i) => `c${i}`).join(',')},email\n${classes.map(() => 'x').join(',')},ann.example.com\n`);
  const r = check(dir, 'd.csv');
  assert.equal(r.code, 1);
  const type = (i: number) => r.json.checks.find((c: { id: string }) => c.id === `t.c${i}.type`);
  classes.forEach((c, i) => {
    const shown = c === 'public' || c === 'internal';
    assert.deepEqual(type(i).samples, [shown ? { line: 2, value: 'x' } : { line: 2, value: '***', masked: true }], c);
    assert.equal(type(i).message.endsWith('(values of columns the contract classifies as sensitive are masked)'), !shown, c);
  });
  const email = r.json.checks.find((c: { id: string }) => c.id === 't.email.pattern');
  assert.deepEqual(email.samples, [{ line: 2, value: '***', masked: true }], 'a pii tag hides values too');
  const text = mlops(['check', '--contract', 'c.odcs.yaml', '--data', 'd.csv'], dir);
  assert.match(text.stdout, /line 2: \*\*\* \(masked\)/);
  assert.doesNotMatch(text.stdout, /ann\.example\.com/);
  assert.doesNotMatch(r.stdout, /ann\.example\.com/);
});

test('check: a composite key masks only its sensitive part; a malformed record is withheld whole', () => {
  const dir = tempDir();
  writeIn(dir, 'c.odcs.yaml', contractYaml(`
- { name: id, logicalType: integer, primaryKey: true, primaryKeyPosition: 1 }
- { name: ssn, logicalType: string, primaryKey: true, primaryKeyPosition: 2, classification: confidential }`));
  writeIn(dir, 'd.csv', 'id,ssn\n1,111-22-3333\n1,111-22-3333\n2,999-88-7777,oops\n');
  const r = check(dir, 'd.csv');
  const pk = r.json.checks.find((c: { id: string }) => c.id === 't.id.primaryKey');
  assert.deepEqual(pk.samples, [{ line: 2, value: ['1', '***'], masked: true }, { line: 3, value: ['1', '***'], masked: true }]);
  const records = r.json.checks.find((c: { id: string }) => c.id === 'data.records');
  assert.deepEqual(records.samples, [{ line: 4, value: '***', masked: true }]);
  assert.doesNotMatch(r.stdout, /111-22-3333|999-88-7777/);
});
