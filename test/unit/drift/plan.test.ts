// Which columns are compared and as what: contract types first, then DuckDB's, with the reasons for
// every skipped column.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readContract } from '../../../server/src/core/contract/model';
import { columnKind, type ColumnInfo } from '../../../server/src/core/data/source';
import { planFeatures } from '../../../server/src/core/drift/input/plan';

const cols = (spec: Record<string, string>): ColumnInfo[] => Object.entries(spec).map(([name, sqlType]) => ({ name, sqlType, kind: columnKind(sqlType) }));
const ref = cols({ id: 'VARCHAR', age: 'BIGINT', plan: 'VARCHAR', day: 'DATE', zip: 'BIGINT', label: 'BIGINT', old: 'DOUBLE' });
const cur = cols({ id: 'VARCHAR', age: 'VARCHAR', plan: 'VARCHAR', day: 'DATE', zip: 'BIGINT', label: 'BIGINT', new: 'DOUBLE' });

const contract = readContract(`apiVersion: v3.1.0
kind: DataContract
schema:
  - name: t
    properties:
      - { name: id, logicalType: string, primaryKey: true }
      - { name: age, logicalType: integer }
      - { name: zip, logicalType: string }
      - { name: day, logicalType: date }
`, 'c.odcs.yaml').schemas[0]!;

test('inferred: kinds from both files, text-vs-number checked later, dates and one-file columns skipped', () => {
  const plans = new Map(planFeatures({ reference: ref, current: cur }).map((p) => [p.name, p]));
  assert.deepEqual([...plans.keys()], ['id', 'age', 'plan', 'day', 'zip', 'label', 'old', 'new']);
  assert.deepEqual([plans.get('age')!.read, plans.get('age')!.numberChecks], ['number', { reference: false, current: true }]);
  assert.equal(plans.get('plan')!.read, 'category');
  assert.equal(plans.get('id')!.inferred, true, 'the identifier check runs once values are counted');
  assert.match(plans.get('day')!.skip!, /time moves between the two files/);
  assert.match(plans.get('old')!.skip!, /only in the reference file/);
  assert.match(plans.get('new')!.skip!, /only in the current file/);
});

test('contract: its logical types win, primaryKey is skipped, columns outside it say so', () => {
  const plans = new Map(planFeatures({ reference: ref, current: cur, schema: contract, target: 'label' }).map((p) => [p.name, p]));
  assert.match(plans.get('id')!.skip!, /identifier \(primaryKey in the contract\)/);
  assert.deepEqual([plans.get('zip')!.kind, plans.get('zip')!.read], ['categorical', 'category']);
  assert.equal(plans.get('age')!.inferred, false);
  assert.match(plans.get('label')!.skip!, /the target/);
  assert.match(plans.get('plan')!.notes[0]!, /not in contract schema "t"/);
});

test('scope, exclude and an explicit list: listed columns are compared even when they would be skipped', () => {
  assert.deepEqual(planFeatures({ reference: ref, current: cur, scope: ['age', 'plan', 'zip'], exclude: ['zip'] }).map((p) => p.name), ['age', 'plan']);
  const listed = planFeatures({ reference: ref, current: cur, schema: contract, features: ['id', 'day', 'label', 'missing'], target: 'label' });
  assert.deepEqual(listed.map((p) => [p.name, p.read]), [['id', 'category'], ['day', 'epoch'], ['label', 'number'], ['missing', null]]);
  assert.match(listed[3]!.skip!, /in neither file/);
});
