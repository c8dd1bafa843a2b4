// The bad-input suite of `mlops check`: every malformed data or contract file gives a clear error
// (exit 2, naming the file) or a correct result, never a crash, and nothing is written next to the data.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after } from 'node:test';
import { runCli } from '../../server/src/cli/main';

const dir = mkdtempSync(join(tmpdir(), 'mlops-bad-input-'));
after(() => rmSync(dir, { recursive: true, force: true }));

const CONTRACT = `apiVersion: v3.1.0
kind: DataContract
id: bad-input
version: 1.0.0
status: active
schema:
  - name: people
    properties:
      - { name: id, logicalType: integer, required: true, unique: true }
      - { name: name, logicalType: string }
      - { name: born, logicalType: date }
`;
writeFileSync(join(dir, 'people.odcs.yaml'), CONTRACT);

interface Run { code: number; out: string; err: string; json?: { rows: number; passed: boolean; checks: Array<{ id: string; failures: number; passed: boolean; samples: Array<{ line: number; value: unknown }>; message: string }> } }

/** Writes the data file, runs `mlops check --format json` in-process, and checks nothing else appeared. */
async function check(name: string, content: string | Buffer, contract = 'people.odcs.yaml'): Promise<Run> {
  writeFileSync(join(dir, name), content);
  const before = readdirSync(dir).sort();
  let out = '';
  let err = '';
  const io = { cwd: dir, out: (t: string) => { out += t; }, err: (t: string) => { err += t; }, isTTY: false, env: {} };
  const code = await runCli(['check', '--contract', contract, '--data', name, '--format', 'json'], io);
  assert.deepEqual(readdirSync(dir).sort(), before, 'nothing is written next to the data');
  assert.doesNotMatch(err, /unexpected error|\n\s+at /, 'no crash, no stack trace');
  assert.doesNotMatch(out, /NaN/);
  return { code, out, err, json: out ? JSON.parse(out) : undefined };
}

const failed = (r: Run) => r.json!.checks.filter((c) => !c.passed).map((c) => c.id);

describe('mlops check on bad data files', () => {
  it('ragged rows: reported with their lines, the other rows still checked', async () => {
    const r = await check('ragged.csv', 'id,name,born\n1,ann,2001-02-03\n2,bob\n3,cy,2000-01-01,extra\n4,dee,1999-09-09\n');
    assert.equal(r.code, 1);
    assert.equal(r.json!.rows, 2);
    const rec = r.json!.checks.find((c) => c.id === 'data.records')!;
    assert.equal(rec.failures, 2);
    assert.deepEqual(rec.samples.map((s) => s.line), [3, 4]);
    assert.deepEqual(failed(r), ['data.records']);
  });

  it('a header only: zero rows, every column present, passes', async () => {
    const r = await check('header.csv', 'id,name,born\n');
    assert.equal(r.code, 0, r.err);
    assert.equal(r.json!.rows, 0);
  });

  it('an empty file: exit 2 naming the file', async () => {
    for (const [name, content] of [['empty.csv', ''], ['blank.csv', '\n\n  \n']] as const) {
      const r = await check(name, content);
      assert.equal(r.code, 2);
      assert.match(r.err, new RegExp(`${name}: is empty: a CSV file needs a header line`));
    }
  });

  it('a BOM, CRLF line ends, quoted newlines, quotes and semicolons', async () => {
    const r = await check('bom.csv', '\ufeffid;name;born\r\n1;"Ann\r\nSmith";2001-02-03\r\n2;"say ""hi""";x\r\n');
    assert.equal(r.code, 1);
    assert.deepEqual(failed(r), ['people.born.type']);
    const born = r.json!.checks.find((c) => c.id === 'people.born.type')!;
    assert.deepEqual(born.samples, [{ line: 4, value: 'x' }]);
  });

  it('a Latin-1 file (not UTF-8) is read as Latin-1, values intact', async () => {
    writeFileSync(join(dir, 'names.odcs.yaml'), CONTRACT.replace('{ name: name, logicalType: string }',
      '{ name: name, logicalType: string, quality: [{ metric: invalidValues, arguments: { validValues: [José, Müller] }, mustBe: 0 }] }'));
    const r = await check('latin1.csv', Buffer.from('id,name,born\n1,Jos\xe9,2001-02-03\n2,M\xfcller,2002-03-04\n3,Jos\xe8,2002-03-04\n', 'latin1'), 'names.odcs.yaml');
    assert.equal(r.code, 1, r.err);
    assert.equal(r.json!.rows, 3);
    assert.deepEqual(failed(r), ['people.name.quality[0].invalidValues']);
    assert.deepEqual(r.json!.checks.find((c) => c.id === 'people.name.quality[0].invalidValues')!.samples, [{ line: 4, value: 'Josè' }]);
  });

  it('a UTF-16 file with a byte order mark', async () => {
    const text = 'id,name,born\n1,Zoë,2001-02-03\nx,Ann,2002-03-04\n';
    const r = await check('utf16.csv', Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(text, 'utf16le')]));
    assert.equal(r.code, 1, r.err);
    const id = r.json!.checks.find((c) => c.id === 'people.id.type')!;
    assert.deepEqual(id.samples, [{ line: 3, value: 'x' }]);
  });

  it('column names holding HTML and quotes', async () => {
    const r = await check('html.csv', 'id,name,born,"<script>alert(""x"")</script>"\n1,a,2001-02-03,1\n');
    assert.equal(r.code, 0, r.err);
    const extra = r.json!.checks.find((c) => c.id === 'people.columns.extra')!;
    assert.match(extra.message, /"<script>alert\("x"\)<\/script>"/);
  });

  it('binary junk and a folder given as data: clear answers, no crash', async () => {
    const junk = Buffer.from(Array.from({ length: 4096 }, (_, i) => (i * 7919) % 256));
    const r = await check('junk.csv', junk);
    assert.equal(r.code, 2);
    assert.match(r.err, /junk\.csv: holds binary data, not CSV text/);
    // Without NUL bytes the junk decodes as neither UTF-8 nor Latin-1 (DuckDB refuses C1 controls).
    const noNul = await check('junk2.csv', Buffer.from(Array.from({ length: 4096 }, (_, i) => 1 + ((i * 7919) % 255))));
    assert.ok(noNul.code === 1 || noNul.code === 2);
    if (noNul.code === 2) assert.match(noNul.err, /junk2\.csv(:\d+)?: \w/);
    const folder = await runCli(['check', '--contract', 'people.odcs.yaml', '--data', '.'], { cwd: dir, out: () => {}, err: () => {}, isTTY: false, env: {} });
    assert.equal(folder, 2);
  });
});

describe('mlops check on bad contracts', () => {
  it('a contract that is not YAML, or has no schema: exit 2 naming the file', async () => {
    writeFileSync(join(dir, 'broken.odcs.yaml'), 'apiVersion: v3.1.0\nschema: [\n');
    const r = await check('ok.csv', 'id,name,born\n1,a,2001-02-03\n', 'broken.odcs.yaml');
    assert.equal(r.code, 2);
    assert.match(r.err, /broken\.odcs\.yaml/);
  });

  it('a contract that breaks the standard: exit 2 with the line and column of each problem', async () => {
    writeFileSync(join(dir, 'invalid.odcs.yaml'), CONTRACT.replace('logicalType: integer', 'logicalType: int').replace('kind: DataContract\n', ''));
    const r = await check('ok2.csv', 'id,name,born\n1,a,2001-02-03\n', 'invalid.odcs.yaml');
    assert.equal(r.code, 2);
    // The missing `kind` is at the top, a part the check does not use: only the property refuses it.
    assert.match(r.err, /invalid\.odcs\.yaml: is not a valid ODCS contract \(2 problems\)/); // every error, as mlops validate counts them
    assert.match(r.err, /line 8, column 34: "int" is not allowed .* Did you mean "integer"\?/);
    writeFileSync(join(dir, 'kindless.odcs.yaml'), CONTRACT.replace('kind: DataContract\n', ''));
    const kindless = await check('ok3.csv', 'id,name,born\n1,a,2001-02-03\n', 'kindless.odcs.yaml');
    assert.equal(kindless.code, 0, kindless.err);
    assert.match(JSON.parse(kindless.out).checks[0].message, /^line 1: The contract needs "kind"\. \(this part of the contract is not used/);
  });
});
