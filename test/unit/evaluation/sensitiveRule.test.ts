// sensitive-feature-used when features.include is absent: every contract column but the excluded
// ones and the target is then an input (the golden fixture covers the listed case).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { cpSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { validateFiles } from '../../../server/src/core/validation/validateFiles';

const FIXTURES = resolve(__dirname, '../../fixtures/rules');

test('without features.include a sensitive contract column is an input unless excluded or the target', () => {
  const dir = mkdtempSync(join(tmpdir(), 'mlops-sensitive-'));
  try {
    cpSync(join(FIXTURES, 'contracts'), join(dir, 'contracts'), { recursive: true });
    cpSync(join(FIXTURES, 'data'), join(dir, 'data'), { recursive: true });
    const spec = join(dir, 'all.mlops.yaml');
    writeFileSync(spec, [
      'apiVersion: mlops/v1', 'kind: Pipeline', 'metadata: { name: all }',
      'data:', '  train: { path: data/train.csv, contract: contracts/people.odcs.yaml, schema: people }',
      'features:', '  target: label', '  exclude: [kind]',
      'model: { type: logistic, task: binary }',
      'evaluation:', '  fairness:', '    sensitive: [plan, kind, label]', '',
    ].join('\n'));
    const diags = validateFiles([spec], [dir]).results[0]!.diagnostics;
    const used = diags.filter((d) => d.code === 'sensitive-feature-used');
    assert.equal(used.length, 1, JSON.stringify(diags));
    assert.equal(used[0]!.range.start.line, 11);
    assert.match(used[0]!.message, /"plan" is also a model input \(features\.include is not set, so every contract column is\)/);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('evaluation.fairness on a multiclass task is an error on the fairness key (unknown-gate-metric)', () => {
  const dir = mkdtempSync(join(tmpdir(), 'mlops-multiclass-'));
  try {
    const spec = join(dir, 'multi.mlops.yaml');
    writeFileSync(spec, [
      'apiVersion: mlops/v1', 'kind: Pipeline', 'metadata: { name: multi }', 'data:', '  train: { path: train.csv }',
      'features:', '  target: kind', 'model: { type: logistic, task: multiclass }',
      'evaluation:', '  fairness:', '    sensitive: [plan]', '',
    ].join('\n'));
    const diags = validateFiles([spec], [dir]).results[0]!.diagnostics.filter((d) => d.code === 'unknown-gate-metric');
    assert.equal(diags.length, 1);
    assert.deepEqual(diags[0]!.range.start, { line: 9, character: 2 });
    assert.match(diags[0]!.message, /binary classification and regression, not multiclass/);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
