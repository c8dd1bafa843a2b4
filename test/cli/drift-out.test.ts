// `mlops drift --out` never replaces what it reads and replaces any other file only with --force;
// data that is not a regular file is named for what it is.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdirSync, readFileSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { mlops } from '../helpers/cli';
import { tempExample } from '../helpers/workspace';

test('drift --out refuses to overwrite an input, and any other file without --force', () => {
  const ws = tempExample();
  try {
    const current = join(ws.dir, 'data/current.csv');
    const before = readFileSync(current, 'utf8');
    for (const out of ['data/current.csv', './data/../data/current.csv', 'data/train.csv']) {
      const r = mlops(['drift', '-r', 'data/train.csv', '-c', 'data/current.csv', '--format', 'html', '--out', out, '--force'], ws.dir);
      assert.equal(r.code, 2, r.stderr);
      assert.match(r.stderr, new RegExp(`--out ${out.replace(/\./g, '\\.')} is the (current|reference) data file of this comparison; the report would replace it: name another file`));
    }
    // Through a symbolic link too, and for the spec and the contract the spec names.
    symlinkSync(current, join(ws.dir, 'report.html'));
    const viaLink = mlops(['drift', '-r', 'data/train.csv', '-c', 'data/current.csv', '--out', 'report.html', '--force'], ws.dir);
    assert.equal(viaLink.code, 2);
    for (const [out, what] of [['mlops.yaml', 'the spec'], ['contracts/customers.odcs.yaml', 'the contract']]) {
      const r = mlops(['drift', '--spec', 'mlops.yaml', '--out', out!, '--force'], ws.dir);
      assert.equal(r.code, 2, r.stderr);
      assert.match(r.stderr, new RegExp(`is ${what} of this comparison`));
    }
    assert.equal(readFileSync(current, 'utf8'), before, 'the data is untouched');

    writeFileSync(join(ws.dir, 'old.json'), 'keep me');
    const exists = mlops(['drift', '-r', 'data/train.csv', '-c', 'data/current.csv', '--format', 'json', '--out', 'old.json'], ws.dir);
    assert.equal(exists.code, 2);
    assert.match(exists.stderr, /old\.json already exists; pass --force to replace it/);
    assert.equal(readFileSync(join(ws.dir, 'old.json'), 'utf8'), 'keep me');
    const forced = mlops(['drift', '-r', 'data/train.csv', '-c', 'data/current.csv', '--format', 'json', '--out', 'old.json', '--force'], ws.dir);
    assert.equal(forced.code, 0, forced.stderr);
    assert.equal(JSON.parse(readFileSync(join(ws.dir, 'old.json'), 'utf8')).compared > 0, true);
  } finally {
    ws.cleanup();
  }
});

test('drift names a folder or a FIFO given as data for what it is', () => {
  const ws = tempExample();
  try {
    mkdirSync(join(ws.dir, 'folder.csv'));
    const folder = mlops(['drift', '-r', 'data/train.csv', '-c', 'folder.csv'], ws.dir);
    assert.equal(folder.code, 2);
    assert.match(folder.stderr, /folder\.csv: is a folder, not a data file/);
    try { execFileSync('mkfifo', [join(ws.dir, 'pipe.csv')]); } catch { return; }
    const fifo = mlops(['drift', '-r', 'pipe.csv', '-c', 'data/current.csv'], ws.dir);
    assert.equal(fifo.code, 2);
    assert.match(fifo.stderr, /pipe\.csv: is a named pipe \(FIFO\), not a file: save the data to a CSV or Parquet file/);
  } finally {
    ws.cleanup();
  }
});
