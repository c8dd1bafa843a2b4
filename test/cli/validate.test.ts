import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { mlops } from '../helpers/cli';
import { tempExample } from '../helpers/workspace';

const RULES = resolve(__dirname, '../fixtures/rules');

test('validate: the example workspace is clean (exit 0, JSON shape)', () => {
  const ws = tempExample();
  try {
    const r = mlops(['validate', '.', '--format', 'json'], ws.dir);
    assert.equal(r.code, 0, r.stderr);
    const json = JSON.parse(r.stdout);
    assert.equal(json.errorCount, 0);
    assert.equal(json.warningCount, 0);
    assert.ok(json.files.some((f: { path: string }) => f.path === 'mlops.yaml'));
  } finally { ws.cleanup(); }
});

test('validate: an error gives exit 1 and 0-based LSP ranges in JSON', () => {
  const ws = tempExample();
  try {
    const spec = join(ws.dir, 'mlops.yaml');
    writeFileSync(spec, readFileSync(spec, 'utf8').replace('optimizer: adam', 'optimizer: adamw'));
    const r = mlops(['validate', 'mlops.yaml', '--format', 'json'], ws.dir);
    assert.equal(r.code, 1);
    const json = JSON.parse(r.stdout);
    const [d] = json.files[0].diagnostics;
    const line = readFileSync(spec, 'utf8').split('\n').findIndex((l: string) => l.includes('adamw'));
    assert.deepEqual(d, {
      range: { start: { line, character: 13 }, end: { line, character: 18 } },
      severity: 'error', code: 'schema',
      message: 'string "adamw" is not allowed for training.optimizer; use one of: adam, sgd, rmsprop. Did you mean "adam"?',
    });
    assert.equal(json.errorCount, 1);
    const text = mlops(['validate', 'mlops.yaml'], ws.dir);
    assert.equal(text.stdout.trim(), `mlops.yaml:${line + 1}:14: error schema ${d.message}`);
  } finally { ws.cleanup(); }
});

test('validate: SARIF 2.1.0 with one result per diagnostic', () => {
  const r = mlops(['validate', 'unknown-stage.mlops.yaml', '--format', 'sarif'], RULES);
  assert.equal(r.code, 1);
  const sarif = JSON.parse(r.stdout);
  assert.equal(sarif.version, '2.1.0');
  const [result] = sarif.runs[0].results;
  assert.equal(result.ruleId, 'unknown-stage');
  assert.equal(result.level, 'error');
  assert.deepEqual(result.locations[0].physicalLocation.region, { startLine: 10, startColumn: 22, endLine: 10, endColumn: 29 });
});

test('validate: bad usage exits 2 with a clear message', () => {
  const missing = mlops(['validate', 'nope/'], RULES);
  assert.equal(missing.code, 2);
  assert.match(missing.stderr, /no such file or folder: nope\//);
  const badFormat = mlops(['validate', '--format', 'xml'], RULES);
  assert.equal(badFormat.code, 2);
  assert.match(badFormat.stderr, /--format must be one of text, json, sarif/);
  const unknownFlag = mlops(['validate', '--strict'], RULES);
  assert.equal(unknownFlag.code, 2);
  assert.doesNotMatch(unknownFlag.stderr, /\n\s+at /);
});
