// `mlops drift --spec` keeps the spec's last report under .mlops/drift/<spec file>/last.json (the editor
// shows it after a window reload); comparisons without a spec keep nothing; a report that cannot be kept
// is still printed, with the reason.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, mkdirSync, readdirSync, readFileSync, realpathSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { readLastDriftReport } from '../../server/src/core/drift/lastReport';
import { mlops } from '../helpers/cli';
import { tempExample } from '../helpers/workspace';

test('drift --spec keeps the printed report as the spec\'s last one, replacing the previous', () => {
  const ws = tempExample();
  try {
    const kept = join(ws.dir, '.mlops', 'drift', 'mlops.yaml', 'last.json');
    const before = Date.now();
    const r = mlops(['drift', '--spec', 'mlops.yaml', '--format', 'json'], ws.dir);
    assert.equal(r.code, 0, r.stderr);
    const file = JSON.parse(readFileSync(kept, 'utf8'));
    assert.deepEqual(Object.keys(file), ['specPath', 'generatedAt', 'report']);
    assert.deepEqual(file.report, JSON.parse(r.stdout), 'the kept report is the one printed');
    assert.equal(realpathSync(file.specPath), realpathSync(join(ws.dir, 'mlops.yaml')));
    const at = Date.parse(file.generatedAt);
    assert.ok(at >= before - 1000 && at <= Date.now(), file.generatedAt);
    // A later check with other settings replaces it; no temporary file is left beside it.
    const loose = mlops(['drift', '--spec', 'mlops.yaml', '--format', 'text', '--threshold', '2'], ws.dir);
    assert.equal(loose.code, 0, loose.stderr);
    const again = readLastDriftReport(join(ws.dir, 'mlops.yaml'));
    assert.ok(again);
    assert.equal(again.report.features.find((f) => f.name === 'monthly_charges')!.threshold, 2);
    assert.deepEqual(readdirSync(join(ws.dir, '.mlops', 'drift', 'mlops.yaml')), ['last.json']);
  } finally { ws.cleanup(); }
});

test('drift without a spec keeps nothing', () => {
  const ws = tempExample();
  try {
    const r = mlops(['drift', '-r', 'data/train.csv', '-c', 'data/current.csv', '--format', 'json'], ws.dir);
    assert.equal(r.code, 0, r.stderr);
    assert.equal(existsSync(join(ws.dir, '.mlops', 'drift')), false);
  } finally { ws.cleanup(); }
});

test('a report that cannot be kept is still printed, the reason named, the exit code unchanged', () => {
  const ws = tempExample();
  try {
    mkdirSync(join(ws.dir, '.mlops'), { recursive: true });
    writeFileSync(join(ws.dir, '.mlops', 'drift'), 'a file where the folder would go');
    const r = mlops(['drift', '--spec', 'mlops.yaml', '--format', 'json', '--fail-on-drift'], ws.dir);
    assert.equal(r.code, 1, 'dataset drift with --fail-on-drift, as without the keeping');
    assert.equal(JSON.parse(r.stdout).datasetDrift, true);
    assert.match(r.stderr, /the report was not kept for the editor \(.*\.mlops\/drift\/mlops\.yaml\/last\.json: /);
    assert.doesNotMatch(r.stderr, /\n\s+at /, 'no stack trace');
    assert.equal(readFileSync(join(ws.dir, '.mlops', 'drift'), 'utf8'), 'a file where the folder would go');
  } finally { ws.cleanup(); }
});

test('a hand-edited or truncated last.json reads as no report', () => {
  const ws = tempExample();
  try {
    const dir = join(ws.dir, '.mlops', 'drift', 'mlops.yaml');
    mkdirSync(dir, { recursive: true });
    for (const text of ['{"specPath": "x", "generatedAt": "2026-01-01T00:00:00Z", "rep', '{"specPath": "x", "generatedAt": 3, "report": {"features": []}}', '[]']) {
      writeFileSync(join(dir, 'last.json'), text);
      assert.equal(readLastDriftReport(join(ws.dir, 'mlops.yaml')), null, text);
    }
  } finally { ws.cleanup(); }
});
