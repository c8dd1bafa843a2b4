// Model references and alias tags, parsed without a repository.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parseAliasTags } from '../../../server/src/core/registry/aliasTags';
import { parseModelRef } from '../../../server/src/core/serving/reference';
import { describeInputs } from '../../../server/src/core/serving/inputs';
import type { ContractSchemaObject } from '../../../server/src/core/contract/model';
import type { Preprocessing } from '../../../server/src/core/training/preprocess';
import type { ModelCard } from '../../../server/src/core/registry/types';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { EXAMPLE } from '../../helpers/workspace';

test('NAME, NAME@vN, NAME@N and NAME#alias; anything else is refused with the forms that work', () => {
  assert.deepEqual(parseModelRef('churn'), { model: 'churn' });
  assert.deepEqual(parseModelRef('churn@v3'), { model: 'churn', version: 3 });
  assert.deepEqual(parseModelRef('churn@3'), { model: 'churn', version: 3 });
  assert.deepEqual(parseModelRef('churn#staging'), { model: 'churn', alias: 'staging' });
  assert.throws(() => parseModelRef('churn@v0'), /not a version/);
  assert.throws(() => parseModelRef('churn#Prod'), /not a valid alias/);
  assert.throws(() => parseModelRef('churn@v1#prod'), /NAME, NAME@v3 or NAME#production/);
  assert.throws(() => parseModelRef('../x'), /not a valid model name/);
});

test('an alias tag names the version whose tag points at the same commit; dates come along', () => {
  const text = [
    'm@v1 aaaa1111 t0001 2025-01-01T10:00:00+00:00',
    'm@v2 bbbb2222 t0002 2025-01-02T10:00:00+00:00',
    'm#production bbbb2222 t0003 2025-01-03T10:00:00+00:00',
    'm#staging cccc3333 t0004 2025-01-04T10:00:00+00:00',
    'm#light  aaaa1111 ',
  ].join('\n');
  const tags = parseAliasTags(text, 'm');
  assert.deepEqual(tags.get('production'), { version: 2, at: '2025-01-03T10:00:00+00:00' });
  assert.equal(tags.has('staging'), false, 'a tag on no version commit names no version');
  assert.deepEqual(tags.get('light'), { version: 1, at: null }, 'a lightweight tag has no date');
});

test('inputs follow the contract: datatypes from logicalType, sensitive columns (classification or pii tag) kept out of logs, keys from the primary key', () => {
  const prep = { steps: [
    { column: 'age', type: 'numeric', transform: 'standardize', center: 40, scale: 10, fill: null },
    { column: 'email', type: 'onehot', categories: [], fill: null },
    { column: 'plan', type: 'onehot', categories: ['a', 'b'], fill: null },
    { column: 'zip', type: 'onehot', categories: ['1'], fill: null },
  ] } as unknown as Preprocessing;
  const prop = (name: string, extra: Record<string, unknown>) => ({ name, required: false, unique: false, primaryKey: false, options: {}, quality: [], ...extra });
  const schema = { name: 's', properties: [
    prop('id', { primaryKey: true, logicalType: 'string' }), prop('age', { logicalType: 'integer', classification: 'public' }),
    prop('email', { logicalType: 'string', classification: 'restricted' }), prop('plan', { logicalType: 'string', classification: 'Internal' }),
    prop('zip', { logicalType: 'integer', tags: ['pii'] }),
  ] } as unknown as ContractSchemaObject;
  const inputs = describeInputs(prep, schema);
  assert.deepEqual(inputs.columns.map((c) => `${c.name}:${c.datatype}:${c.pii ? 'hidden' : 'clear'}:${c.missingAllowed ? 'fill' : 'required'}`),
    ['age:INT64:clear:required', 'email:BYTES:hidden:fill', 'plan:BYTES:clear:fill', 'zip:INT64:hidden:fill']);
  assert.deepEqual(inputs.keys, ['id']);
  assert.deepEqual(describeInputs(prep).columns.map((c) => c.datatype), ['FP64', 'BYTES', 'BYTES', 'BYTES'], 'without a contract: numbers FP64, categories BYTES');
});

test('the contract a version names is read again when the file changes (serving reads it once per change, not per load)', async () => {
  const { versionSchema } = await import('../../../server/src/core/serving/model');
  const dir = mkdtempSync(join(tmpdir(), 'mlops-version-schema-'));
  try {
    const text = readFileSync(join(EXAMPLE, 'contracts/customers.odcs.yaml'), 'utf8');
    writeFileSync(join(dir, 'c.odcs.yaml'), text);
    const card = { contract: { path: 'c.odcs.yaml' } } as unknown as ModelCard;
    const age = () => versionSchema(dir, card)?.properties.find((p) => p.name === 'age');
    assert.equal(age()?.logicalType, 'integer');
    assert.equal(age()?.classification, undefined);
    // Same file read twice: the same answer. Then the file changes: the change is seen.
    writeFileSync(join(dir, 'c.odcs.yaml'), text.replace(/(- name: age\n(\s+))logicalType: integer/, '$1logicalType: number\n$2classification: restricted'));
    assert.equal(age()?.logicalType, 'number');
    assert.equal(age()?.classification, 'restricted');
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
