// The labels `mlops evaluate` reads from a labelled file: encoded as the saved model encodes its
// target, with every unusable label refused naming its line, and the sensitive columns as read.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { readLabels } from '../../../server/src/core/evaluation/labels';

function withCsv(text: string, f: (path: string) => Promise<void>): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), 'mlops-labels-'));
  const path = join(dir, 'labelled.csv');
  writeFileSync(path, text);
  return f(path).finally(() => rmSync(dir, { recursive: true, force: true }));
}

const BINARY = { column: 'y', task: 'binary' as const, classes: ['neg', 'pos'] };

test('binary labels become 0/1 with the second class positive; sensitive text, numbers and nulls are kept', () => withCsv('y,g,age\npos,a,20\nneg,,41\npos,b,\n', async (path) => {
  const l = await readLabels(path, BINARY, ['g', 'age']);
  assert.equal(l.rows, 3);
  assert.deepEqual([...l.y], [1, 0, 1]);
  assert.deepEqual(l.sensitive.get('g')!.values, ['a', null, 'b']);
  assert.deepEqual(l.sensitive.get('age')!.values, [20, 41, null]);
}));

test('a missing label or a class the model does not know is refused with its CSV line', async () => {
  await withCsv('y,g\npos,a\n,b\nneg,a\n', async (path) => {
    await assert.rejects(readLabels(path, BINARY, ['g']), /target "y" is missing at line 3; every evaluated row needs its label/);
  });
  await withCsv('y,g\npos,a\nmaybe,b\nneg,a\n', async (path) => {
    await assert.rejects(readLabels(path, BINARY, []), /value\(s\) maybe at line 3 are not classes the model knows \(neg, pos\)/);
  });
  await withCsv('y,g\npos,a\n', async (path) => {
    await assert.rejects(readLabels(path, BINARY, ['gender']), /evaluation\.fairness\.sensitive: column "gender" is not in/);
  });
});

test('regression labels are numbers; text among them is refused with its line', async () => {
  await withCsv('y\n1.5\n-2\n', async (path) => {
    assert.deepEqual([...(await readLabels(path, { column: 'y', task: 'regression' }, [])).y], [1.5, -2]);
  });
  await withCsv('y\n1.5\nabc\n', async (path) => {
    await assert.rejects(readLabels(path, { column: 'y', task: 'regression' }, []), /line 3/);
  });
});
