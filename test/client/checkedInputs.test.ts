// Issue 11, bug 3: a data-check problem must not outlive its rule. The decision which shown problems a
// change makes stale, on the files a real `mlops check` of the example reads and reports on.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { CheckedInputs } from '../../client/src/data/checkedInputs';
import { mlops } from '../helpers/cli';
import { tempExample } from '../helpers/workspace';

const CONTRACT = 'contracts/customers.odcs.yaml';

/** The files a real failing check shows problems in (its locations), absolute. */
function failingCheck(dir: string): string[] {
  const path = join(dir, CONTRACT);
  writeFileSync(path, readFileSync(path, 'utf8').replace('mustBeGreaterThan: 1000', 'mustBeGreaterThan: 1000000'));
  const r = mlops(['check', '--contract', CONTRACT, '--data', 'data/current.csv', '--format', 'json'], dir);
  assert.equal(r.code, 1, r.stderr);
  const failed = (JSON.parse(r.stdout).checks as Array<{ passed: boolean; location?: { path: string } }>).filter((c) => !c.passed);
  assert.ok(failed.length > 0);
  return [...new Set(failed.map((c) => resolve(dir, c.location!.path)))];
}

test('a change to the checked contract or data makes its problems stale; other files do not', () => {
  const ws = tempExample();
  try {
    const shownIn = failingCheck(ws.dir);
    assert.deepEqual(shownIn, [join(ws.dir, CONTRACT)], 'the problems are on the contract');
    const checked = new CheckedInputs();
    const contract = join(ws.dir, CONTRACT);
    const data = join(ws.dir, 'data/current.csv');
    assert.deepEqual(checked.record(contract, data, shownIn), [], 'nothing shown before');
    assert.deepEqual(checked.inputs().sort(), [contract, data].sort());
    // The spec and the other data file were not read by this check.
    assert.deepEqual(checked.invalidate(join(ws.dir, 'mlops.yaml')), []);
    assert.deepEqual(checked.invalidate(join(ws.dir, 'data/train.csv')), []);
    assert.deepEqual(checked.invalidate(join(ws.dir, 'contracts/../data/current.csv')), shownIn, 'the data file changed');
    assert.deepEqual(checked.inputs(), [], 'a stale check is forgotten');
    assert.deepEqual(checked.invalidate(data), [], 'and cleared only once');

    checked.record(contract, data, shownIn);
    assert.deepEqual(checked.invalidate(contract), shownIn, 'the contract changed');
  } finally { ws.cleanup(); }
});

test('a data folder read as one table goes stale when a file inside it changes; a re-check replaces the last', () => {
  const checked = new CheckedInputs();
  const contract = resolve('/ws/contracts/c.odcs.yaml');
  const other = resolve('/ws/notes/other.yaml');
  assert.deepEqual(checked.record(contract, '/ws/data/parts', [contract, other]), []);
  assert.deepEqual(checked.record(contract, '/ws/data/parts', [contract]), [contract, other], 'the files the last check showed problems in');
  assert.deepEqual(checked.invalidate('/ws/data/parts-old/x.csv'), [], 'a sibling folder with a longer name is not inside');
  assert.deepEqual(checked.invalidate('/ws/data/parts/2024/p1.parquet'), [contract]);
});
