// Keys are data: contracts and specs whose keys or column names are toString, constructor or
// __proto__ get a clear answer from check and train (exit 1 or 2), never exit 70 or a raw TypeError,
// and a `__proto__` key never smuggles values into the object that holds it.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { mlops } from '../helpers/cli';

const HEAD = 'apiVersion: v3.1.0\nkind: DataContract\nid: keys\nversion: 1.0.0\nstatus: active\n';

function workspace(): { dir: string; cleanup: () => void } {
  const dir = mkdtempSync(join(tmpdir(), 'mlops-keys-'));
  writeFileSync(join(dir, 'keys.csv'), `toString,__proto__,constructor\n${Array.from({ length: 40 }, (_, i) => `${i % 7}.5,${(i * 3) % 11},${i % 2}`).join('\n')}\n`);
  return { dir, cleanup: () => rmSync(dir, { recursive: true, force: true }) };
}

const clean = (r: { stderr: string; stdout: string }) => assert.doesNotMatch(r.stderr + r.stdout, /unexpected error|TypeError|\n\s+at /);

test('check: columns named toString, __proto__ and constructor are checked like any other', () => {
  const ws = workspace();
  try {
    writeFileSync(join(ws.dir, 'cols.odcs.yaml'), `${HEAD}schema:\n  - name: keys\n    properties:\n      - { name: toString, logicalType: number, logicalTypeOptions: { maximum: 6 } }\n`
      + '      - { name: __proto__, logicalType: integer, required: true }\n      - { name: constructor, logicalType: integer, quality: [{ metric: invalidValues, arguments: { validValues: [0, 1] }, mustBe: 0 }] }\n');
    const r = mlops(['check', '--contract', 'cols.odcs.yaml', '--data', 'keys.csv', '--format', 'json'], ws.dir);
    clean(r);
    assert.equal(r.code, 1, r.stderr);
    const failed = JSON.parse(r.stdout).checks.filter((c: any) => !c.passed).map((c: any) => [c.id, c.failures]);
    // toString holds 0.5 .. 6.5: the rows with 6.5 break maximum 6 (independently: i % 7 === 6 for i < 40).
    assert.deepEqual(failed, [['keys.toString.maximum', Array.from({ length: 40 }, (_, i) => i).filter((i) => i % 7 === 6).length]]);
  } finally { ws.cleanup(); }
});

test('check and validate: keys named toString/constructor/__proto__ are unknown keys, exit 2 with their lines', () => {
  const ws = workspace();
  try {
    writeFileSync(join(ws.dir, 'odd.odcs.yaml'), `${HEAD}toString: 1\nconstructor: { a: 1 }\n__proto__: { schema: [] }\nschema:\n  - name: keys\n    constructor: x\n    properties:\n`
      + '      - name: toString\n        logicalType: number\n        hasOwnProperty: 2\n        logicalTypeOptions: { constructor: 1, __proto__: { minimum: 5 } }\n');
    const r = mlops(['check', '--contract', 'odd.odcs.yaml', '--data', 'keys.csv'], ws.dir);
    clean(r);
    assert.equal(r.code, 2);
    // Problems in the checked schema object refuse the contract; the top-level ones are validate's.
    assert.match(r.stderr, /odd\.odcs\.yaml: is not a valid ODCS contract \(7 problems\)/); // every error, as mlops validate counts them
    assert.match(r.stderr, /line 11, column 5: Unknown key "constructor" in a schema object\./);
    assert.match(r.stderr, /line 15, column 9: Unknown key "hasOwnProperty" in a property\./);
    const v = mlops(['validate', 'odd.odcs.yaml'], ws.dir);
    clean(v);
    assert.equal(v.code, 1);
    assert.match(v.stdout, /odd\.odcs\.yaml:16:47: error odcs-schema "__proto__" is not an option of logicalType number/);
    assert.match(v.stdout, /odd\.odcs\.yaml:6:1: error odcs-schema Unknown key "toString" in the contract\./);
    assert.match(v.stdout, /odd\.odcs\.yaml:8:1: error odcs-schema Unknown key "__proto__" in the contract\./);
  } finally { ws.cleanup(); }
});

test('check: a __proto__ mapping inside logicalTypeOptions does not become a minimum', () => {
  const ws = workspace();
  try {
    // Only the unknown-option diagnostics stop the check; without them, the minimum must not apply.
    writeFileSync(join(ws.dir, 'proto.odcs.yaml'), `${HEAD}schema:\n  - name: keys\n    properties:\n      - name: toString\n        logicalType: number\n        logicalTypeOptions: { __proto__: { minimum: 5 } }\n`);
    const r = mlops(['check', '--contract', 'proto.odcs.yaml', '--data', 'keys.csv'], ws.dir);
    clean(r);
    assert.equal(r.code, 2);
    assert.match(r.stderr, /"__proto__" is not an option of logicalType number/);
  } finally { ws.cleanup(); }
});

test('train: columns named toString/__proto__/constructor train; a __proto__ key holding the data block is refused', () => {
  const ws = workspace();
  try {
    const model = 'model: { type: mlp, task: binary, layers: [{ units: 4, activation: relu }] }\ntraining: { epochs: 1, backend: cpu, validationSplit: 0.2 }\n';
    const head = 'apiVersion: mlops/v1\nkind: Pipeline\nmetadata: { name: keys }\n';
    writeFileSync(join(ws.dir, 'cols.mlops.yaml'), `${head}data:\n  train: { path: keys.csv }\nfeatures:\n  target: constructor\n  include: [toString, __proto__]\n  transforms: { toString: standardize, __proto__: standardize }\n${model}`);
    const ok = mlops(['train', 'cols.mlops.yaml', '--format', 'json'], ws.dir);
    clean(ok);
    assert.equal(ok.code, 0, ok.stderr);
    assert.equal(JSON.parse(ok.stdout).status, 'completed');
    writeFileSync(join(ws.dir, 'proto.mlops.yaml'), `${head}__proto__:\n  data:\n    train: { path: keys.csv }\nfeatures: { target: constructor, include: [toString] }\n${model}`);
    const proto = mlops(['train', 'proto.mlops.yaml'], ws.dir);
    clean(proto);
    assert.equal(proto.code, 2);
    assert.match(proto.stderr, /proto\.mlops\.yaml:4:1: error schema Unknown key "__proto__" in the top level/);
    const v = mlops(['validate', 'proto.mlops.yaml'], ws.dir);
    assert.equal(v.code, 1, 'validate and train agree');
  } finally { ws.cleanup(); }
});
