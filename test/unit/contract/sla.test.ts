// SLAs (issue 12 item 12): latency (freshness) and retention on a named date or timestamp column are
// measured against the data; the other slaProperties are listed as not checkable from a file. Calendar
// arithmetic is compared with DuckDB's own TIMESTAMP - INTERVAL; verdicts are worked out by hand.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { DuckDBInstance } from '@duckdb/node-api';
import { checkData, type CheckReport, type CheckResult } from '../../../server/src/core/contract/check';
import { readSpan, spanBefore } from '../../../server/src/core/contract/checks/sla';
import { contractYaml, tempDir, writeIn } from './helpers';

const dir = tempDir();
const NOW = new Date('2024-02-29T12:00:00Z');

function byId(r: CheckReport, id: string): CheckResult {
  const c = r.checks.find((x) => x.id === id);
  assert.ok(c, `no check ${id} in ${r.checks.map((x) => x.id).join(', ')}`);
  return c;
}

async function run(name: string, csv: string, sla: string, props = '- { name: id, logicalType: integer }\n- { name: ts, logicalType: timestamp }\n- { name: day, logicalType: date }'): Promise<CheckReport> {
  const data = writeIn(dir, `${name}.csv`, csv);
  const contract = writeIn(dir, `${name}.odcs.yaml`, `${contractYaml(props)}slaProperties:\n${sla}`);
  return checkData({ contractPath: contract, dataPath: data, now: NOW });
}

describe('SLA spans are subtracted as DuckDB subtracts intervals', () => {
  it('agrees with TIMESTAMP - INTERVAL on month ends, leap days and mixed spans', async () => {
    const cases: Array<[string, string, unknown, string | undefined]> = [
      ['2024-02-29 12:00:00', '3 YEAR', 3, 'y'], ['2024-03-31 00:00:00', '1 MONTH', 1, 'mo'], ['2024-03-31 00:00:00', '13 MONTH', 13, 'months'],
      ['2024-01-01 00:30:00', '1 HOUR', 1, 'h'], ['2024-03-10 00:00:00', '2 WEEK', 2, 'w'], ['2023-12-31 23:59:59', '90 MINUTE', 90, 'min'],
      ['2024-05-31 06:00:00', '1 YEAR 2 MONTH 3 DAY 4 HOUR 5 MINUTE 6 SECOND', 'P1Y2M3DT4H5M6S', undefined],
    ];
    const instance = await DuckDBInstance.create(':memory:');
    const c = await instance.connect();
    for (const [at, interval, value, unit] of cases) {
      const expected = Number((await c.runAndReadAll(`SELECT epoch(TIMESTAMP '${at}' - INTERVAL '${interval}')`)).getRows()[0]![0]);
      const span = readSpan(value, unit);
      assert.notEqual(typeof span, 'string', String(span));
      assert.equal(spanBefore(new Date(`${at.replace(' ', 'T')}Z`), span as object), expected, `${at} - ${interval}`);
    }
    c.closeSync();
    instance.closeSync();
  });

  it('refuses an ambiguous unit and a value that is not an amount', () => {
    assert.equal(readSpan(3, 'm'), 'unit "m" could mean minutes or months: write min or mo');
    assert.match(String(readSpan('soon', 'd')), /is not a number of d/);
    assert.match(String(readSpan(1, 'fortnight')), /unit "fortnight" is not one of/);
  });
});

describe('SLA checks on data', () => {
  const csv = 'id,ts,day\n1,2024-02-28 11:00:00,2021-02-28\n2,2021-02-28 12:00:00,2023-01-01\n3,,\n';

  it('latency: the newest value must be at most value+unit old (25 h old fails 1 d, passes 2 d)', async () => {
    const r = await run('latency', csv, [
      '  - { property: latency, value: 1, unit: d, element: t.ts }',
      '  - { id: fresh2, property: freshness, value: 2, unit: days, element: t.ts }',
      '  - { property: ly, value: PT30H, element: ts }',
    ].join('\n'));
    const one = byId(r, 'sla.latency[0]');
    assert.equal(one.passed, false);
    assert.equal(one.message, 'newest ts is 2024-02-28T11:00:00.000Z; latency 1 d needs it on or after 2024-02-28T12:00:00.000Z');
    assert.equal(byId(r, 'sla.fresh2').passed, true);
    assert.equal(byId(r, 'sla.ly[2]').passed, true, 'an ISO 8601 duration, synonym ly, element without its object');
  });

  it('retention: the oldest value must be at most value+unit old, on the leap-day boundary exactly', async () => {
    const r = await run('retention', csv, [
      '  - { property: retention, value: 3, unit: y, element: t.ts }',
      '  - { property: RE, value: 2, unit: y, element: t.ts }',
      '  - { property: retention, value: 3, unit: y, element: t.day }',
    ].join('\n'));
    assert.equal(byId(r, 'sla.retention[0]').passed, true, '2021-02-28 12:00 is exactly 3 years before 2024-02-29 12:00');
    assert.equal(byId(r, 'sla.RE[1]').passed, false);
    assert.equal(byId(r, 'sla.retention[2]').passed, false, 'a date column: 2021-02-28 00:00 is before the boundary');
  });

  it('lists what one file cannot show, and SLAs on other objects or without an element, as not checked', async () => {
    const r = await run('other', csv, [
      '  - { property: availability, value: 99.9, unit: percent }',
      '  - { property: frequency, value: 1, valueExt: 1, unit: d, element: t.ts }',
      '  - { property: generalAvailability, value: "2022-05-12T09:30:10-08:00" }',
      '  - { property: latency, value: 1, unit: d, element: orders.ts }',
      '  - { property: latency, value: 1, unit: d }',
      '  - { property: retention, value: 1, unit: m, element: t.ts }',
    ].join('\n'));
    const skipped = r.checks.filter((c) => c.id.startsWith('sla.') && c.skipped).map((c) => [c.id, c.message]);
    assert.deepEqual(skipped, [
      ['sla.availability[0]', 'not checkable from a data file: availability describes the service that delivers the data, not the data'],
      ['sla.frequency[1]', 'not checkable from a data file: how often the data is updated shows in its history, not in one file'],
      ['sla.generalAvailability[2]', 'not checkable from a data file: generalAvailability describes the service that delivers the data, not the data'],
      ['sla.latency[3]', 'not checked here: its element orders.ts is in object orders, not t'],
      ['sla.latency[4]', 'not checked here: it names no element (add element: object.column, a date or timestamp column)'],
    ]);
    assert.equal(byId(r, 'sla.retention[5]').message, 'cannot check: unit "m" could mean minutes or months: write min or mo');
    assert.equal(byId(r, 'sla.retention[5]').passed, false);
  });

  it('a column without any value fails latency, saying so', async () => {
    const r = await run('empty', 'id,ts,day\n1,,\n', '  - { property: latency, value: 1, unit: d, element: t.ts }');
    assert.equal(byId(r, 'sla.latency[0]').message, 'ts holds no timestamp value to measure latency on');
  });
});
