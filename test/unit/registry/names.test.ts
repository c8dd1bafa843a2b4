import { test } from 'node:test';
import assert from 'node:assert/strict';
import {
  aliasProblem, aliasTag, modelNameProblem, parseVersion, runIdProblem, versionDir, versionTag, versionsFromEntries,
} from '../../../server/src/core/registry/names';

test('model names that would break a path or a tag name are refused with the rule', () => {
  for (const ok of ['churn', 'churn-classifier', 'Churn_v2.1', '7up']) assert.equal(modelNameProblem(ok), null, ok);
  for (const bad of ['', '-x', 'a/b', 'a@b', 'a#b', 'a b', 'a..b', 'x.', 'x.lock', '.hidden', 'a'.repeat(101)]) {
    assert.match(modelNameProblem(bad) ?? '', /not a valid model name/, bad);
  }
});

test('aliases are lowercase identifiers', () => {
  for (const ok of ['production', 'staging', 'champion', 'canary-eu', 'a_1']) assert.equal(aliasProblem(ok), null, ok);
  for (const bad of ['Production', '1st', 'a b', 'a#b', '']) assert.match(aliasProblem(bad) ?? '', /not a valid alias/, bad);
});

test('run ids cannot climb out of the runs folder', () => {
  assert.equal(runIdProblem('20250101-120000-ab12'), null);
  for (const bad of ['..', '../x', 'a/b', '.', '']) assert.notEqual(runIdProblem(bad), null, bad);
});

test('versions parse from "v3" or "3" and nothing else', () => {
  assert.equal(parseVersion('v3'), 3);
  assert.equal(parseVersion('12'), 12);
  for (const bad of ['v0', '0', 'v03', '-1', '3.5', 'v', 'latest', '']) assert.equal(parseVersion(bad), null, bad);
});

test('tags, folders and version lists', () => {
  assert.equal(versionTag('churn', 3), 'churn@v3');
  assert.equal(aliasTag('churn', 'production'), 'churn#production');
  assert.equal(versionDir('churn', 3), 'models/churn/v3');
  assert.deepEqual(versionsFromEntries(['models/m/v10', 'models/m/v2', 'models/m/aliases.jsonl', 'models/m/v0', 'models/m/vx', 'v2']), [2, 10]);
});
