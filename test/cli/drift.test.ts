import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { mlops } from '../helpers/cli';
import { tempExample } from '../helpers/workspace';

const FIX = resolve(__dirname, '../fixtures/drift');

interface Feature { name: string; kind: string; method: string | null; statistic: number | null; pValue: number | null;
  threshold: number | null; drifted: boolean; status: string; notes: string[]; stats: Record<string, unknown>; allNullCurrent?: boolean;
  histogram: { type: string; edges?: number[]; reference: number[]; current: number[] } | null }

function json(stdout: string): { features: Feature[]; compared: number; drifted: number; allNullCurrent: string[]; [k: string]: unknown } {
  assert.ok(!/\bNaN\b|Infinity/.test(stdout), 'JSON output holds no NaN or Infinity');
  return JSON.parse(stdout);
}
const byName = (features: Feature[]) => new Map(features.map((f) => [f.name, f]));

test('drift --spec on the example: the two shifted features drift, one verdict, --fail-on-drift exits 1', () => {
  const ws = tempExample();
  try {
    const r = mlops(['drift', '--spec', 'mlops.yaml', '--format', 'json'], ws.dir);
    assert.equal(r.code, 0, r.stderr);
    const report = json(r.stdout);
    assert.deepEqual(Object.keys(report).slice(0, 6), ['reference', 'current', 'features', 'driftedShare', 'datasetDrift', 'driftShare']);
    assert.deepEqual(report.reference, { path: 'data/train.csv', rows: 5000 });
    assert.deepEqual(report.current, { path: 'data/current.csv', rows: 3000 });
    // features: all = the model's inputs (features.include); the target and the id are not among them.
    assert.deepEqual(report.features.map((f) => f.name), ['age', 'tenure_months', 'plan', 'contract_type', 'monthly_charges', 'support_calls']);
    assert.deepEqual(report.features.filter((f) => f.drifted).map((f) => f.name), ['monthly_charges', 'support_calls']);
    const charges = byName(report.features).get('monthly_charges')!;
    assert.equal(charges.method, 'wasserstein');
    assert.equal(charges.threshold, 0.1);
    assert.ok(charges.statistic! > 0.3, `normed W1 of a +12 shift over sd ~25 is large (${charges.statistic})`);
    assert.equal(charges.histogram!.edges!.length, charges.histogram!.reference.length + 1);
    assert.equal(byName(report.features).get('plan')!.method, 'jensenshannon');
    assert.equal(report.driftedShare, 2 / 6);
    assert.equal(report.datasetDrift, true, 'driftShare 0.3 in the spec');
    assert.equal(mlops(['drift', '--spec', 'mlops.yaml', '--fail-on-drift'], ws.dir).code, 1);
  } finally { ws.cleanup(); }
});

test('drift without a spec: identifiers and dates skipped with the reason, the contract types columns', () => {
  const ws = tempExample();
  try {
    const inferred = json(mlops(['drift', '-r', 'data/train.csv', '-c', 'data/current.csv', '--format', 'json'], ws.dir).stdout);
    const f = byName(inferred.features);
    assert.equal(f.get('customer_id')!.status, 'skipped');
    assert.match(f.get('customer_id')!.notes[0]!, /identifier-like: all 5000 reference values are distinct/);
    assert.match(f.get('signup_date')!.notes[0]!, /time moves between the two files/);
    assert.equal(f.get('churned')!.status, 'compared', 'no spec, so no target is known');
    const typed = json(mlops(['drift', '-r', 'data/train.csv', '-c', 'data/current.csv', '--contract', 'contracts/customers.odcs.yaml', '--format', 'json'], ws.dir).stdout);
    assert.match(byName(typed.features).get('customer_id')!.notes[0]!, /primaryKey in the contract/);
    const text = mlops(['drift', '-r', 'data/train.csv', '-c', 'data/current.csv'], ws.dir).stdout;
    for (const name of ['age', 'region', 'monthly_charges', 'customer_id']) assert.match(text, new RegExp(`^${name} `, 'm'));
    assert.match(text, /^monthly_charges +numeric +wasserstein +0\.\d+ +– +0\.1 +DRIFT/m);
  } finally { ws.cleanup(); }
});

test('drift bad input: per-feature notes, never NaN, compared on the shared columns', () => {
  const r = mlops(['drift', '-r', 'reference.csv', '-c', 'current.csv', '--format', 'json'], FIX);
  assert.equal(r.code, 0, r.stderr);
  const report = json(r.stdout);
  const f = byName(report.features);
  assert.deepEqual(report.columns, { onlyInReference: ['only_ref'], onlyInCurrent: ['only_cur'] });
  assert.match(f.get('only_ref')!.notes[0]!, /only in the reference file/);
  assert.match(f.get('id')!.notes[0]!, /identifier-like/);
  assert.equal(f.get('amount')!.method, 'ks', 'small reference: KS');
  assert.equal(f.get('amount')!.drifted, true);
  assert.equal(f.get('color')!.method, 'chisquare');
  assert.equal(f.get('color')!.stats.unseenShare, 0.25);
  assert.deepEqual([f.get('constant')!.method, f.get('constant')!.statistic, f.get('constant')!.pValue, f.get('constant')!.drifted], ['ztest', 0, 1, false]);
  assert.match(f.get('constant')!.notes.join(), /constant in the reference/);
  assert.match(f.get('empty_col')!.notes[0]!, /no values in either file/);
  assert.match(f.get('mixed')!.notes[0]!, /numbers in one file, text in the other: 40 current values are not numbers/);
  // All-null in the current file: flagged on its own with the reason, not a member of the drifted share.
  assert.deepEqual([f.get('vanish')!.status, f.get('vanish')!.drifted, f.get('vanish')!.allNullCurrent, f.get('vanish')!.statistic], ['skipped', true, true, null]);
  assert.match(f.get('vanish')!.notes[0]!, /every current value is missing \(\d+ of \d+ rows\).*left out of the drifted share/);
  assert.deepEqual(report.allNullCurrent, ['vanish']);
  const compared = report.features.filter((x) => x.status === 'compared');
  assert.equal(report.compared, compared.length);
  assert.equal(report.drifted, compared.filter((x) => x.drifted).length);
});

test('drift with a contract: its types win; text in a number column is left out with a note', () => {
  const report = json(mlops(['drift', '-r', 'reference.csv', '-c', 'current.csv', '--contract', 'contract.odcs.yaml', '--format', 'json'], FIX).stdout);
  const f = byName(report.features);
  assert.match(f.get('id')!.notes[0]!, /primaryKey in the contract/);
  assert.equal(f.get('constant')!.kind, 'categorical');
  assert.match(f.get('mixed')!.notes.join(), /40 current values are not numbers \(e\.g\. "(n\/a|x|\?|none)"\): left out as missing/);
  assert.equal(f.get('mixed')!.allNullCurrent, true, 'nothing numeric arrived: the column stopped arriving');
  assert.match(f.get('vanish')!.notes.join(), /not in contract schema "events"/);
});

test('drift on one row, a header-only file and an empty file: notes, and exit 2 when nothing compares', () => {
  const one = mlops(['drift', '-r', 'one_row.csv', '-c', 'current.csv', '--format', 'json'], FIX);
  assert.equal(one.code, 0, one.stderr);
  assert.match(byName(json(one.stdout).features).get('amount')!.notes.join(), /only 1 value in the reference file/);
  for (const current of ['header_only.csv', 'empty.csv']) {
    const r = mlops(['drift', '-r', 'reference.csv', '-c', current, '--format', 'json'], FIX);
    assert.equal(r.code, 2, current);
    assert.match(r.stderr, /no feature of reference\.csv could be compared with/);
    const report = json(r.stdout);
    assert.equal(report.datasetDrift, false);
    assert.match(report.features[1]!.notes[0]!, current === 'empty.csv' ? /the current file is empty \(0 bytes\)/ : /the current file has no rows/);
  }
});

test('drift usage errors name what to fix (exit 2, no stack trace)', () => {
  const missing = mlops(['drift', '-r', 'reference.csv'], FIX);
  assert.equal(missing.code, 2);
  assert.match(missing.stderr, /no current data: pass --current/);
  const absent = mlops(['drift', '-r', 'reference.csv', '-c', 'nope.csv'], FIX);
  assert.equal(absent.code, 2);
  assert.match(absent.stderr, /nope\.csv: no such data file/);
  assert.doesNotMatch(absent.stderr, /\n\s+at /);
  assert.equal(mlops(['drift', '-r', 'reference.csv', '-c', 'current.csv', '--format', 'xml'], FIX).code, 2);
  assert.equal(mlops(['drift', '-r', 'reference.csv', '-c', 'current.csv', '--workers', 'two'], FIX).code, 2);
});

test('drift --format html --out: one self-contained, small file with every name escaped', () => {
  const ws = tempExample();
  try {
    writeFileSync(join(ws.dir, 'a.csv'), '"<img src=x onerror=alert(1)>",v\n' + Array.from({ length: 50 }, (_, i) => `k${i % 3},${i}`).join('\n'));
    writeFileSync(join(ws.dir, 'b.csv'), '"<img src=x onerror=alert(1)>",v\n' + Array.from({ length: 50 }, (_, i) => `<b>${i % 4}</b>,${i + 5}`).join('\n'));
    const r = mlops(['drift', '-r', 'a.csv', '-c', 'b.csv', '--format', 'html', '--out', 'report.html'], ws.dir);
    assert.equal(r.code, 0, r.stderr);
    assert.equal(r.stdout, '');
    const html = readFileSync(join(ws.dir, 'report.html'), 'utf8');
    assert.ok(!/<script|<img|<b>|https?:|src=|<link/i.test(html.replace(/&lt;img src=x onerror=alert\(1\)&gt;/g, '')), 'no script, no remote resource, no raw markup from the data');
    assert.match(html, /&lt;img src=x onerror=alert\(1\)&gt;/);
    assert.match(html, /Content-Security-Policy" content="default-src 'none'/);
    const full = mlops(['drift', '--spec', 'mlops.yaml', '--format', 'html', '--out', 'full.html'], ws.dir);
    assert.equal(full.code, 0, full.stderr);
    assert.ok(statSync(join(ws.dir, 'full.html')).size < 60_000, 'histograms, not rows');
    assert.ok(!existsSync(join(ws.dir, 'full.html.tmp')));
  } finally { ws.cleanup(); }
});

test('drift --spec: monitoring.drift method, thresholds, listed features and per-feature overrides', () => {
  const ws = tempExample();
  try {
    const spec = join(ws.dir, 'mlops.yaml');
    writeFileSync(spec, readFileSync(spec, 'utf8').replace(/drift: \{[^}]*\}/, `drift:
    method: psi
    threshold: 0.2
    driftShare: 0.5
    features: [age, plan, monthly_charges, customer_id, churned]
    perFeature:
      age: { method: ks, threshold: 0.01 }
      plan: { method: wasserstein }`));
    const report = json(mlops(['drift', '--spec', 'mlops.yaml', '--format', 'json'], ws.dir).stdout);
    const f = byName(report.features);
    assert.deepEqual(report.features.map((x) => x.name), ['age', 'plan', 'monthly_charges', 'customer_id', 'churned']);
    assert.deepEqual([f.get('age')!.method, f.get('age')!.threshold], ['ks', 0.01]);
    assert.equal(f.get('plan')!.method, 'jensenshannon');
    assert.match(f.get('plan')!.notes.join(), /method wasserstein was requested but wasserstein needs a numeric column; used jensenshannon \(auto\) instead/);
    assert.deepEqual([f.get('monthly_charges')!.method, f.get('monthly_charges')!.threshold, f.get('monthly_charges')!.drifted], ['psi', 0.2, true]);
    // Listed explicitly, so compared although the contract marks it primaryKey: every current id is new.
    assert.equal(f.get('customer_id')!.status, 'compared');
    assert.equal(f.get('customer_id')!.stats.unseenShare, 1);
    assert.equal(f.get('churned')!.status, 'compared', 'the target is compared when listed');
    assert.equal(report.driftShare, 0.5);
  } finally { ws.cleanup(); }
});

test('drift --spec with broken YAML names the file and the line', () => {
  const ws = tempExample();
  try {
    writeFileSync(join(ws.dir, 'bad.yaml'), 'monitoring:\n  drift: [unclosed\n');
    const r = mlops(['drift', '--spec', 'bad.yaml'], ws.dir);
    assert.equal(r.code, 2);
    assert.match(r.stderr, /bad\.yaml:\d+:\d+: error yaml-syntax /);
    // A spec the schema refuses is stopped too, with the line of the key.
    writeFileSync(join(ws.dir, 'typo.mlops.yaml'), readFileSync(join(ws.dir, 'mlops.yaml'), 'utf8').replace('driftShare: 0.3', 'drift_share: 0.3'));
    const typo = mlops(['drift', '--spec', 'typo.mlops.yaml'], ws.dir);
    assert.equal(typo.code, 2);
    assert.match(typo.stderr, /typo\.mlops\.yaml:\d+:\d+: error schema Unknown key "drift_share" in monitoring\.drift\. Did you mean "driftShare"\?/);
  } finally { ws.cleanup(); }
});

test('drift: --method, --threshold and --drift-share override the spec; bad values exit 2', () => {
  const ws = tempExample();
  try {
    const loose = json(mlops(['drift', '--spec', 'mlops.yaml', '--format', 'json', '--threshold', '2'], ws.dir).stdout);
    assert.deepEqual(loose.features.filter((f) => f.drifted).map((f) => f.name), [], 'no normed distance reaches 2');
    assert.equal(loose.datasetDrift, false);
    const share = json(mlops(['drift', '--spec', 'mlops.yaml', '--format', 'json', '--drift-share', '0.9'], ws.dir).stdout);
    assert.deepEqual(share.features.filter((f) => f.drifted).map((f) => f.name), ['monthly_charges', 'support_calls']);
    assert.equal(share.datasetDrift, false, '2 of 6 is under 90%');
    const psi = json(mlops(['drift', '--spec', 'mlops.yaml', '--format', 'json', '--method', 'psi'], ws.dir).stdout);
    assert.ok(psi.features.every((f) => f.method === 'psi'), psi.features.map((f) => f.method).join(','));
    for (const bad of [['--method', 'bogus'], ['--threshold=-1'], ['--drift-share', '1.5'], ['--threshold', 'x']]) {
      const r = mlops(['drift', '--spec', 'mlops.yaml', ...bad], ws.dir);
      assert.equal(r.code, 2, bad.join(' '));
      assert.match(r.stderr, new RegExp(`${bad[0]!.split('=')[0]} must be`));
    }
  } finally { ws.cleanup(); }
});
