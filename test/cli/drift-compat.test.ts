// `mlops drift --compat evidently` and `monitoring.drift.compat: evidently` end to end, on seeded CSV
// files, against Evidently's definitions recomputed here from the raw values (per-value counts, numpy's
// Sturges edges by formula, plain loops, closed-form p-values, BigInt path counts for KS); and the
// all-null current column flagged apart from the share.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { mlops } from '../helpers/cli';
import { normal, rng } from '../bench/driftRandom';
import { naiveKsStatistic, twoSampleByCounting } from '../unit/drift/reference/ksReference';

interface Feature { name: string; method: string | null; statistic: number | null; pValue: number | null; drifted: boolean; status: string;
  notes: string[]; stats: { psi?: number; jensenShannon?: number; chiSquare?: { statistic: number | null; dof: number; pValue: number } }; allNullCurrent?: boolean }
interface Report { features: Feature[]; compat: string; allNullCurrent: string[]; datasetDrift: boolean; compared: number }

const near = (actual: number, expected: number, rtol: number, what: string) =>
  assert.ok(Math.abs(actual - expected) <= rtol * Math.abs(expected), `${what}: ${actual} vs ${expected}`);

function pick<T>(rand: () => number, items: T[], weights: number[]): T {
  let u = rand() * weights.reduce((a, b) => a + b);
  for (let i = 0; i < items.length; i++) if ((u -= weights[i]!) < 0) return items[i]!;
  return items[items.length - 1]!;
}

/** Rows of amount (2 decimals), color, size, flag, visits (integers). */
function rows(n: number, seed: number, current: boolean): string[][] {
  const rand = rng(seed);
  return Array.from({ length: n }, () => [
    (50 + (current ? 3 : 0) + 10 * normal(rand)).toFixed(2),
    pick(rand, ['red', 'green', 'blue', 'pink'], current ? [4, 3, 2, 1] : [4, 3, 3, 0]),
    pick(rand, ['S', 'M', 'L'], current ? [3, 4, 3] : [3, 3, 4]),
    pick(rand, ['yes', 'no'], current ? [5.6, 4.4] : [6, 4]),
    String(pick(rand, [0, 1, 2, 3, 4, 5, 6], current ? [3, 3, 2, 2, 1, 1, 1] : [3, 3, 2, 2, 1, 0, 0])),
  ]);
}

const HEADER = ['amount', 'color', 'size', 'flag', 'visits'];
const column = (data: string[][], name: string) => data.map((r) => r[HEADER.indexOf(name)]!);
const tally = (values: string[], keys: string[]) => keys.map((k) => values.filter((v) => v === k).length);

function workspace(): { dir: string; ref: string[][]; cur: string[][]; cleanup(): void } {
  const dir = mkdtempSync(join(tmpdir(), 'mlops-compat-'));
  const ref = rows(800, 7, false);
  const cur = rows(900, 8, true);
  const csv = (data: string[][]) => [HEADER.join(','), ...data.map((r) => r.join(','))].join('\n') + '\n';
  writeFileSync(join(dir, 'reference.csv'), csv(ref));
  writeFileSync(join(dir, 'current.csv'), csv(cur));
  writeFileSync(join(dir, 'mlops.yaml'), 'apiVersion: mlops/v1\nkind: Pipeline\nmetadata: { name: compat }\n'
    + 'data:\n  train: { path: reference.csv }\n  current: { path: current.csv }\nmodel: { type: logistic, task: binary }\n'
    + 'monitoring:\n  drift:\n    compat: evidently\n');
  return { dir, ref, cur, cleanup: () => rmSync(dir, { recursive: true, force: true }) };
}

function drift(dir: string, args: string[]): Report {
  const r = mlops(['drift', ...args, '--format', 'json'], dir);
  assert.equal(r.code, 0, r.stderr);
  return JSON.parse(r.stdout) as Report;
}
const feature = (report: Report, name: string) => report.features.find((f) => f.name === name)!;

/** Φ by the Taylor series of erf (independent of the product's special functions). */
function phi(x: number): number {
  const t = x / Math.SQRT2;
  let term = t;
  let sum = t;
  for (let n = 1; n < 200; n++) { term *= (-t * t) / n; sum += term / (2 * n + 1); }
  return 0.5 + sum / Math.sqrt(Math.PI);
}

test('compat evidently, default preset: KS as SciPy, chi-squared goodness of fit, z-test, and an integer column typed categorical', () => {
  const ws = workspace();
  try {
    const report = drift(ws.dir, ['-r', 'reference.csv', '-c', 'current.csv', '--compat', 'evidently']);
    assert.equal(report.compat, 'evidently');
    // amount: 800 reference values, continuous: KS, exact (max 900 <= 10,000), p by counting paths.
    const a = column(ws.ref, 'amount').map(Number);
    const b = column(ws.cur, 'amount').map(Number);
    const ks = naiveKsStatistic(a, b);
    const amount = feature(report, 'amount');
    assert.equal(amount.method, 'ks');
    near(amount.statistic!, ks.d, 1e-15, 'D');
    near(amount.pValue!, twoSampleByCounting(800, 900, ks.h), 1e-11, 'KS p');
    // size: goodness of fit of the current counts to the reference shares, dof 2: p = e^{-x/2}.
    const keys = ['S', 'M', 'L'];
    const r = tally(column(ws.ref, 'size'), keys);
    const c = tally(column(ws.cur, 'size'), keys);
    const chi2 = keys.reduce((s, _, i) => s + (c[i]! - (r[i]! * 900) / 800) ** 2 / ((r[i]! * 900) / 800), 0);
    const size = feature(report, 'size');
    assert.equal(size.method, 'chisquare');
    near(size.statistic!, chi2, 1e-12, 'chi2');
    near(size.pValue!, Math.exp(-chi2 / 2), 1e-11, 'chi2 p');
    // color: "pink" is new, so the expected count is 0, the statistic infinite (null in JSON) and p = 0.
    const color = feature(report, 'color');
    assert.deepEqual([color.method, color.statistic, color.pValue, color.drifted], ['chisquare', null, 0, true]);
    assert.match(color.notes.join(), /statistic is infinite and p is 0/);
    // flag: z on the share of values other than "no" (first in sorted order), p = 2(1 - Φ(|z|)).
    const flag = feature(report, 'flag');
    const n1 = 800;
    const n2 = 900;
    const p1 = column(ws.ref, 'flag').filter((v) => v !== 'no').length / n1;
    const p2 = column(ws.cur, 'flag').filter((v) => v !== 'no').length / n2;
    const pooled = (p1 * n1 + p2 * n2) / (n1 + n2);
    const z = (p1 - p2) / Math.sqrt(pooled * (1 - pooled) * (1 / n1 + 1 / n2));
    assert.equal(flag.method, 'ztest');
    near(flag.statistic!, z, 1e-12, 'z');
    near(flag.pValue!, 2 * (1 - phi(Math.abs(z))), 1e-9, 'z p');
    // visits: whole numbers, 7 distinct in the current file: Evidently types it categorical, so
    // chi-squared (our default sees 7 numeric values over both files and runs KS).
    assert.equal(feature(report, 'visits').method, 'chisquare');
    assert.equal(feature(drift(ws.dir, ['-r', 'reference.csv', '-c', 'current.csv']), 'visits').method, 'ks');
  } finally {
    ws.cleanup();
  }
});

test('compat evidently, PSI and JS: Sturges bins over both samples for a numeric column, per-value shares, base e', () => {
  const ws = workspace();
  try {
    const a = column(ws.ref, 'amount').map(Number);
    const b = column(ws.cur, 'amount').map(Number);
    const all = [...a, ...b];
    const min = Math.min(...all);
    const max = Math.max(...all);
    const bins = Math.ceil((max - min) / ((max - min) / (Math.log2(all.length) + 1)));
    const edges = Array.from({ length: bins + 1 }, (_, i) => (i === bins ? max : i * ((max - min) / bins) + min));
    const counts = (xs: number[]) => edges.slice(0, -1).map((lo, i) => xs.filter((x) => x >= lo && (i === bins - 1 ? x <= max : x < edges[i + 1]!)).length);
    const fill = (p: number[]) => { const m = Math.min(...p.filter((x) => x > 0)); return p.map((x) => (x === 0 ? (m <= 1e-4 ? m / 1e6 : 1e-4) : x)); };
    const rs = fill(counts(a).map((x) => x / a.length));
    const cs = fill(counts(b).map((x) => x / b.length));
    const psi = rs.reduce((s, ri, i) => s + (ri - cs[i]!) * Math.log(ri / cs[i]!), 0);
    const report = drift(ws.dir, ['-r', 'reference.csv', '-c', 'current.csv', '--compat', 'evidently', '--method', 'psi']);
    near(feature(report, 'amount').statistic!, psi, 1e-12, `PSI on ${bins} Sturges bins`);
    // color by value: shares of red, green, blue, pink; JS with natural logs.
    const keys = ['red', 'green', 'blue', 'pink'];
    const p = tally(column(ws.ref, 'color'), keys).map((x) => x / 800);
    const q = tally(column(ws.cur, 'color'), keys).map((x) => x / 900);
    const kl = (x: number[], y: number[]) => x.reduce((s, xi, i) => (xi > 0 ? s + xi * Math.log(xi / y[i]!) : s), 0);
    const m = p.map((pi, i) => (pi + q[i]!) / 2);
    const js = Math.sqrt((kl(p, m) + kl(q, m)) / 2);
    const jsReport = drift(ws.dir, ['-r', 'reference.csv', '-c', 'current.csv', '--compat', 'evidently', '--method', 'jensenshannon']);
    near(feature(jsReport, 'color').statistic!, js, 1e-12, 'JS base e');
    // Our default: base 2 on the same categories (larger by 1/sqrt(ln 2)).
    near(feature(drift(ws.dir, ['-r', 'reference.csv', '-c', 'current.csv', '--method', 'jensenshannon']), 'color').statistic!, js / Math.sqrt(Math.LN2), 1e-12, 'JS base 2');
  } finally {
    ws.cleanup();
  }
});

test('monitoring.drift.compat: evidently in the spec gives the same report as the flag; a bad --compat is a usage error', () => {
  const ws = workspace();
  try {
    const fromSpec = drift(ws.dir, ['--spec', 'mlops.yaml']);
    const fromFlag = drift(ws.dir, ['-r', 'reference.csv', '-c', 'current.csv', '--compat', 'evidently']);
    assert.equal(fromSpec.compat, 'evidently');
    assert.deepEqual(fromSpec.features, fromFlag.features);
    assert.equal(drift(ws.dir, ['--spec', 'mlops.yaml', '--compat', 'none']).compat, 'none', 'the flag overrides the spec');
    const bad = mlops(['drift', '--spec', 'mlops.yaml', '--compat', 'scipy'], ws.dir);
    assert.equal(bad.code, 2);
    assert.match(bad.stderr, /--compat must be one of none, evidently \(got "scipy"\)/);
  } finally {
    ws.cleanup();
  }
});

test('an all-null current column is flagged apart from the share, said in the text verdict, and fails --fail-on-drift', () => {
  const dir = mkdtempSync(join(tmpdir(), 'mlops-allnull-'));
  try {
    const rand = rng(3);
    // a is the same in both files; b stops arriving.
    const lines = (empty: boolean) => ['a,b', ...Array.from({ length: 60 }, (_, i) => `${i % 17}.5,${empty ? '' : (5 * rand()).toFixed(3)}`)].join('\n') + '\n';
    writeFileSync(join(dir, 'ref.csv'), lines(false));
    writeFileSync(join(dir, 'cur.csv'), lines(true));
    const report = drift(dir, ['-r', 'ref.csv', '-c', 'cur.csv']);
    assert.deepEqual(report.allNullCurrent, ['b']);
    assert.equal(report.compared, 1, 'only a is compared');
    assert.equal(report.datasetDrift, false);
    const b = feature(report, 'b');
    assert.deepEqual([b.status, b.allNullCurrent, b.drifted], ['skipped', true, true]);
    const text = mlops(['drift', '-r', 'ref.csv', '-c', 'cur.csv', '--fail-on-drift'], dir);
    assert.equal(text.code, 1, 'a column that stopped arriving fails the gate');
    assert.match(text.stdout, /Dataset: no drift: 0 of 1 compared features drifted/);
    assert.match(text.stdout, /Flagged apart from the share: 1 column with every current value missing \(b\)/);
    assert.match(text.stdout, /^b +numeric +all-null +FLAG/m);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
