import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import { describe, it } from 'node:test';
import { checkData, type CheckReport, type CheckResult } from '../../../server/src/core/contract/check';
import { holds, readComparisons } from '../../../server/src/core/contract/checks/operators';
import { contractYaml, tempDir, writeIn } from './helpers';

const dir = tempDir();
// 10 rows: plan has 2 nulls and one "gold"; email has an "N/A" and a duplicate.
const CSV = ['id,plan,email,score',
  '1,basic,a@x.io,10', '2,premium,b@x.io,20', '3,,N/A,30', '4,gold,c@x.io,40', '5,basic,a@x.io,50',
  '6,basic,d@x.io,60', '7,,e@x.io,70', '8,premium,f@x.io,80', '9,basic,g@x.io,90', '10,basic,h@x.io,100'].join('\n') + '\n';

async function run(name: string, properties: string, schemaExtra = ''): Promise<CheckReport> {
  const data = writeIn(dir, `${name}.csv`, CSV);
  const contract = writeIn(dir, `${name}.odcs.yaml`, contractYaml(properties, schemaExtra));
  return checkData({ contractPath: contract, dataPath: data });
}

const find = (r: CheckReport, rule: string, column: string | null): CheckResult => {
  const c = r.checks.find((x) => x.rule === rule && x.column === column);
  assert.ok(c, `no ${rule} check on ${column}`);
  return c;
};

describe('ODCS library metrics', () => {
  it('counts nullValues in rows and in percent', async () => {
    const r = await run('nulls', `
- name: plan
  quality:
    - { metric: nullValues, mustBe: 2 }
    - { metric: nullValues, mustBeLessThan: 10, unit: percent, severity: warning }`);
    const [rows, pct] = r.checks.filter((c) => c.rule === 'nullValues');
    assert.equal(rows!.passed, true);
    assert.equal(rows!.observed, 2);
    assert.equal(pct!.passed, false);
    assert.equal(pct!.severity, 'warning');
    assert.deepEqual(pct!.samples.map((s) => s.line), [4, 8]);
    assert.equal(r.passed, true, 'a failed warning does not fail the report');
  });

  it('counts missingValues from the listed values, invalidValues from validValues and pattern', async () => {
    const r = await run('missing', `
- name: email
  quality:
    - { metric: missingValues, arguments: { missingValues: [null, "", "N/A"] }, mustBe: 0 }
    - { metric: invalidValues, arguments: { pattern: "@x\\\\.io$" }, mustBe: 0 }
- name: plan
  quality:
    - { id: plan_values, metric: invalidValues, arguments: { validValues: [basic, premium] }, mustBeLessOrEqualTo: 0 }`);
    assert.deepEqual(find(r, 'missingValues', 'email').samples, [{ line: 4, value: 'N/A' }]);
    assert.deepEqual(find(r, 'invalidValues', 'email').samples, [{ line: 4, value: 'N/A' }]);
    const plan = r.checks.find((c) => c.id === 'plan_values')!;
    assert.deepEqual(plan.samples, [{ line: 5, value: 'gold' }], 'nulls are not invalid values');
  });

  it('counts duplicateValues on a column and across columns of the schema', async () => {
    const r = await run('dups', `
- name: email
  quality:
    - { metric: duplicateValues, mustBe: 0 }
- name: plan`, `
quality:
  - { metric: duplicateValues, arguments: { properties: [plan, email] }, mustBe: 0 }
  - { metric: duplicateValues, arguments: { properties: [id] }, mustBe: 0 }`);
    const col = find(r, 'duplicateValues', 'email');
    assert.equal(col.failures, 1);
    assert.deepEqual(col.samples.map((s) => s.line), [2, 6]);
    const [pair, ids] = r.checks.filter((c) => c.rule === 'duplicateValues' && c.column === null);
    assert.equal(pair!.passed, false);
    assert.deepEqual(pair!.samples[0]!.value, ['basic', 'a@x.io']);
    assert.equal(ids!.passed, true);
  });

  it('compares rowCount with every operator', async () => {
    const ops = [
      ['mustBe: 10', true], ['mustNotBe: 10', false], ['mustBeGreaterThan: 10', false], ['mustBeGreaterOrEqualTo: 10', true],
      ['mustBeLessThan: 11', true], ['mustBeLessOrEqualTo: 9', false], ['mustBeBetween: [5, 11]', true],
      ['mustBeBetween: [10, 20]', false], ['mustNotBeBetween: [0, 5]', true], ['mustNotBeBetween: [5, 20]', false],
    ] as const;
    const r = await run('rowcount', '- name: id', `quality:\n${ops.map(([op]) => `  - { metric: rowCount, ${op} }`).join('\n')}`);
    const results = r.checks.filter((c) => c.rule === 'rowCount');
    assert.deepEqual(results.map((c) => c.passed), ops.map(([, want]) => want));
    assert.ok(results.every((c) => c.observed === 10));
  });

  it('runs sql rules with {object} and {property}, and the table under its contract name', async () => {
    const r = await run('sql', `
- name: score
  quality:
    - { type: sql, query: "SELECT max(CAST({property} AS INTEGER)) FROM {object}", mustBe: 100 }
    - { type: sql, query: "SELECT count(*) FROM t WHERE plan = 'gold'", mustBeGreaterThan: 1 }
    - { type: text, description: checked by a person }`);
    const [max, gold] = r.checks.filter((c) => c.rule === 'sql');
    assert.equal(max!.passed, true);
    assert.equal(gold!.passed, false);
    assert.equal(gold!.observed, 1);
    assert.equal(find(r, 'text', 'score').skipped, true);
  });

  it('reports a rule it cannot run (unknown table, a column metric on the table) as a failed check, not a crash', async () => {
    const r = await run('broken', `
- name: score
  quality:
    - { type: sql, query: "SELECT * FROM missing_table", mustBe: 0 }`, `
quality:
  - { metric: nullValues, mustBe: 0 }`);
    const [sql, nulls] = [r.checks.find((c) => c.rule === 'sql')!, r.checks.find((c) => c.rule === 'nullValues')!];
    assert.equal(sql.passed, false);
    assert.match(sql.message, /^cannot check: .*missing_table/);
    assert.equal(nulls.passed, false);
    assert.match(nulls.message, /^cannot check: metric "nullValues" applies to a property/);
  });

  it('refuses a contract that does not follow the standard, naming lines and columns', async () => {
    await assert.rejects(run('invalid', `
- name: score
  quality:
    - { metric: nullValues, mustBeBetween: [1] }
    - { metric: nope, mustBe: 0 }`), (e: Error) => {
      assert.equal(e.name, 'ContractError');
      assert.match(e.message, /invalid\.odcs\.yaml: is not a valid ODCS contract \(2 problems\)/);
      assert.match(e.message, /line 11, column 50: mustBeBetween needs two different numbers/);
      assert.match(e.message, /line 12, column 23: "nope" is not allowed/);
      return true;
    });
  });
});

describe('ODCS v3.0 library rules and placeholders (the v3.0.2 standard\'s own examples)', () => {
  it('runs rule: duplicateCount, rule: validValues with its list beside it, rule: rowCount, and ${object}/${property}', async () => {
    const data = writeIn(dir, 'v30.csv', CSV);
    const contract = writeIn(dir, 'v30.odcs.yaml', contractYaml(`
- name: email
  quality:
    - { rule: duplicateCount, mustBeLessThan: 1, unit: rows }
- name: plan
  quality:
    - { rule: validValues, validValues: [basic, premium] }
    - { type: sql, query: "SELECT count(*) FROM \${object} WHERE \${property} IS NULL", mustBe: 2 }`, 'quality:\n  - { rule: rowCount, mustBeBetween: [5, 20] }').replace('v3.1.0', 'v3.0.2'));
    const r = await checkData({ contractPath: contract, dataPath: data });
    // 10 rows: one email repeats (a@x.io), one plan is outside the list (gold), two plans are empty.
    assert.deepEqual(r.checks.filter((c) => ['duplicateValues', 'invalidValues', 'sql', 'rowCount'].includes(c.rule)).map((c) => [c.rule, c.observed, c.passed]), [
      ['duplicateValues', 1, false], ['invalidValues', 1, false], ['sql', 2, true], ['rowCount', 10, true],
    ]);
  });
});

describe('sql rules are sandboxed', () => {
  it('cannot read other files, write files, change settings or run two statements', async () => {
    const queries = [
      "SELECT count(*) FROM read_csv('/etc/passwd')",
      "COPY (SELECT 1) TO '/tmp/mlops-should-not-exist.csv'",
      'SET enable_external_access = true',
      'SELECT 1; SELECT 2',
      "SELECT count(*) FROM read_text('/etc/hostname')",
      "ATTACH '/tmp/mlops-should-not-exist.db' AS other",
      'DROP VIEW data',
      'SELECT count(*) FROM data',
    ];
    const r = await run('sandbox', `
- name: id
  logicalType: integer
  logicalTypeOptions: { maximum: 5 }
  quality:
${queries.map((q) => `    - { type: sql, query: ${JSON.stringify(q)}, mustBe: 1 }`).join('\n')}`);
    const sql = r.checks.filter((c) => c.rule === 'sql');
    assert.equal(sql.length, queries.length);
    const last = sql.pop()!;
    assert.equal(last.passed, false);
    assert.equal(last.observed, 10, 'the view is still there after a rule dropped it, and earlier failures do not abort later rules');
    assert.equal(existsSync('/tmp/mlops-should-not-exist.csv') || existsSync('/tmp/mlops-should-not-exist.db'), false);
    const max = r.checks.find((c) => c.rule === 'maximum')!;
    assert.deepEqual(max.samples.map((s) => s.line), [7, 8, 9, 10, 11], 'a rule that drops the view does not break later scans');
    // Statements that are not one query are refused by DuckDB's parser before anything runs (as the
    // editor's odcs-sql-syntax says); queries that read other files fail when run, in the sandbox.
    const refused = new Set([1, 2, 3, 5, 6]);
    sql.forEach((c, i) => {
      assert.equal(c.passed, false, c.message);
      assert.match(c.message, refused.has(i) ? /^SQL does not parse: / : /^cannot check: /, queries[i]);
    });
  });
});

describe('operators', () => {
  it('reads the operators written on a rule and refuses values that are not numbers', () => {
    assert.deepEqual(readComparisons({ mustBeGreaterThan: 1, mustBeLessThan: 5 }).comparisons.map((c) => c.operator), ['mustBeGreaterThan', 'mustBeLessThan']);
    assert.match(readComparisons({ mustBeBetween: [1, 'x'] }).error!, /two numbers/);
    assert.match(readComparisons({ mustBe: 'zero' }).error!, /needs a number/);
  });

  it('treats mustBeBetween as the standard defines it: greater than the low and less than the high bound', () => {
    const between = { operator: 'mustBeBetween' as const, expected: [0, 10] as [number, number] };
    assert.deepEqual([0, 1, 9, 10].map((v) => holds(between, v)), [false, true, true, false]);
    const outside = { operator: 'mustNotBeBetween' as const, expected: [0, 10] as [number, number] };
    assert.deepEqual([0, 1, 10].map((v) => holds(outside, v)), [true, false, true]);
  });
});
