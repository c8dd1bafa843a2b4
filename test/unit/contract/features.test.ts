// Completion, hover and outline of contracts; `|` marks the cursor in each text.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { Position } from 'vscode-languageserver-types';
import { contractService } from '../../../server/src/core/contract/service';

const HOST = { exists: () => false, readText: () => undefined, listDir: () => [], workspaceRoot: () => undefined };

function at(marked: string): { text: string; pos: Position } {
  const i = marked.indexOf('|');
  const before = marked.slice(0, i);
  return { text: before + marked.slice(i + 1), pos: { line: before.split('\n').length - 1, character: i - before.lastIndexOf('\n') - 1 } };
}

const doc = (text: string) => ({ uri: 'file:///w/c.odcs.yaml', path: '/w/c.odcs.yaml', text, version: 1 });

function labels(marked: string): string[] {
  const { text, pos } = at(marked);
  return contractService.complete(doc(text), pos, HOST).map((c) => c.label);
}

function hover(marked: string): string | undefined {
  const { text, pos } = at(marked);
  const h = contractService.hover(doc(text), pos, HOST);
  return h ? (h.contents as { value: string }).value : undefined;
}

const HEAD = 'apiVersion: v3.1.0\nkind: DataContract\nid: x\nversion: 1.0.0\nstatus: active\n';

describe('contract completion', () => {
  it('offers the top-level keys not yet written', () => {
    const got = labels(`${HEAD}|`);
    assert.ok(got.includes('schema') && got.includes('servers') && got.includes('team'));
    assert.ok(!got.includes('apiVersion') && !got.includes('kind'), 'keys already present are left out');
  });

  it('offers property keys inside a property, and logicalType values', () => {
    const props = labels(`${HEAD}schema:\n  - name: t\n    properties:\n      - name: a\n        |`);
    for (const k of ['logicalType', 'required', 'unique', 'primaryKey', 'logicalTypeOptions', 'quality']) assert.ok(props.includes(k), k);
    assert.ok(!props.includes('name'));
    assert.deepEqual(labels(`${HEAD}schema:\n  - name: t\n    properties:\n      - name: a\n        logicalType: |`),
      ['string', 'date', 'timestamp', 'time', 'number', 'integer', 'object', 'array', 'boolean']);
  });

  it('offers the options of the property\'s own logicalType', () => {
    const got = labels(`${HEAD}schema:\n  - name: t\n    properties:\n      - name: a\n        logicalType: integer\n      - name: s\n        logicalType: string\n        logicalTypeOptions:\n          |`);
    assert.deepEqual(got.sort(), ['format', 'maxLength', 'minLength', 'pattern']);
  });

  it('offers metrics, operators and units in quality rules', () => {
    const base = `${HEAD}schema:\n  - name: t\n    quality:\n      - metric: `;
    assert.deepEqual(labels(`${base}|`), ['nullValues', 'missingValues', 'invalidValues', 'duplicateValues', 'rowCount']);
    const keys = labels(`${base}rowCount\n        |`);
    assert.ok(keys.includes('mustBeBetween') && keys.includes('unit') && keys.includes('arguments'));
    assert.deepEqual(labels(`${base}rowCount\n        unit: |`), ['rows', 'percent']);
  });

  it('offers connection keys by server type', () => {
    const got = labels(`${HEAD}servers:\n  - server: prod\n    type: snowflake\n    |`);
    assert.ok(got.includes('account') && got.includes('warehouse'));
    assert.ok(!got.includes('location'));
  });
});

describe('contract hover', () => {
  it('explains keys from the standard, with their type and allowed values', () => {
    const h = hover(`${HEAD}schema:\n  - name: t\n    properties:\n      - name: a\n        requ|ired: true\n`)!;
    assert.match(h, /^\*\*required\*\*/);
    assert.match(h, /no nulls/);
    assert.match(h, /Type: boolean/);
    assert.match(hover(`${HEAD}sche|ma: []\n`)!, /objects \(tables, documents, topics\)/);
  });

  it('explains enumerated values such as metrics and logical types', () => {
    assert.match(hover(`${HEAD}schema:\n  - name: t\n    quality:\n      - { metric: rowC|ount, mustBe: 1 }\n`)!, /\*\*metric: rowCount\*\*\n\nCounts the rows/);
    assert.match(hover(`${HEAD}schema:\n  - name: t\n    properties:\n      - { name: a, logicalType: arr|ay }\n`)!, /A list of values/);
  });

  it('says nothing off the standard\'s keys', () => {
    assert.equal(hover(`${HEAD}description:\n  my|Own: 1\n`), undefined);
  });
});

describe('contract outline', () => {
  it('lists sections, schema objects with their properties and quality rules, servers', () => {
    const text = `${HEAD}servers:\n  - server: prod\n    type: local\n    path: x\n    format: csv\nschema:\n  - name: orders\n    properties:\n      - name: id\n        logicalType: integer\n      - name: lines\n        logicalType: array\n        items:\n          properties:\n            - name: sku\n    quality:\n      - { id: enough, metric: rowCount, mustBeGreaterThan: 0 }\n`;
    const symbols = contractService.symbols(doc(text));
    assert.deepEqual(symbols.map((s) => s.name), ['apiVersion', 'kind', 'id', 'version', 'status', 'servers', 'schema']);
    const schema = symbols.find((s) => s.name === 'schema')!;
    const orders = schema.children![0]!;
    assert.equal(orders.name, 'orders');
    assert.deepEqual(orders.children!.map((c) => [c.name, c.detail]), [['id', 'integer'], ['lines', 'array'], ['enough', 'rowCount']]);
    assert.deepEqual(orders.children![1]!.children!.map((c) => c.name), ['sku']);
    assert.equal(symbols.find((s) => s.name === 'servers')!.children![0]!.name, 'prod');
    assert.deepEqual(orders.selectionRange.start, { line: text.split('\n').findIndex((l) => l.includes('name: orders')), character: 10 });
  });
});

describe('contract files', () => {
  it('are *.odcs.yaml files and YAML files that say kind DataContract with apiVersion v3', () => {
    assert.equal(contractService.accepts('/w/a.odcs.yaml', ''), true);
    assert.equal(contractService.accepts('/w/a.yaml', 'kind: DataContract\napiVersion: v3.0.2\n'), true);
    assert.equal(contractService.accepts('/w/a.yaml', 'kind: DataContract\napiVersion: v2.2.0\n'), false);
    assert.equal(contractService.accepts('/w/mlops.yaml', 'apiVersion: mlops/v1\nkind: Pipeline\n'), false);
  });
});
