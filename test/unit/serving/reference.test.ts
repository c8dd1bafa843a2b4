// Model references and alias tags, parsed without a repository.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parseAliasTags } from '../../../server/src/core/registry/aliasTags';
import { parseModelRef } from '../../../server/src/core/serving/reference';
import { isProtected } from '../../../server/src/core/serving/inputs';

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

test('only public and internal classifications (and levels 1-2) may be logged in clear', () => {
  for (const c of ['public', 'Internal', '1', '2', undefined, '']) assert.equal(isProtected(c), false, String(c));
  for (const c of ['pii', 'restricted', 'confidential', 'sensitive', '3', '5']) assert.equal(isProtected(c), true, c);
});
