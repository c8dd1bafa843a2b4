// Every `mlops` command a user points at files (check, contract infer, drift, train, validate, runs,
// runs show) run over a seeded corpus of broken CSV, Parquet and YAML files generated here (see
// helpers/brokenInputs.ts). For each run: an answer within the time limit, exit 0, 1 or 2 (never 70),
// no stack trace, and on exit 2 a message naming the file. A contract that infer writes must pass
// `check` on the data it came from. Set MLOPS_FUZZ_SEED to replay another corpus.
import { before, after, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { CLI } from '../helpers/cli';
import { trainSpec, writeBrokenContracts, writeBrokenData, writeHostileSpecs, writeRunRecords, type BrokenInput } from '../helpers/brokenInputs';

const SEED = Number(process.env.MLOPS_FUZZ_SEED ?? 20261130);
// Generous for two shared cores: the point is "answers", a hang (a FIFO read, a quadratic plan) takes minutes.
const LIMIT_MS = 90_000;
const PARALLEL = 2;

interface Case { group: string; label: string; args: string[]; names: string[] }
interface Outcome extends Case { code: number | null; out: string; err: string; ms: number; timedOut: boolean }

function run(dir: string, c: Case): Promise<Outcome> {
  return new Promise((resolve) => {
    const started = Date.now();
    const child = spawn(process.execPath, [CLI, ...c.args], { cwd: dir, env: { ...process.env, MLOPS_DEBUG: '' } });
    let out = '';
    let err = '';
    child.stdout.on('data', (d: Buffer) => { if (out.length < 1 << 20) out += d.toString(); });
    child.stderr.on('data', (d: Buffer) => { if (err.length < 1 << 20) err += d.toString(); });
    let timedOut = false;
    const timer = setTimeout(() => { timedOut = true; child.kill('SIGKILL'); }, LIMIT_MS);
    child.on('close', (code) => {
      clearTimeout(timer);
      resolve({ ...c, code, out, err, ms: Date.now() - started, timedOut });
    });
  });
}

async function runAll(dir: string, cases: Case[]): Promise<Outcome[]> {
  const results: Outcome[] = new Array(cases.length);
  let next = 0;
  const worker = async () => {
    while (next < cases.length) {
      const i = next++;
      results[i] = await run(dir, cases[i]!);
    }
  };
  await Promise.all(Array.from({ length: PARALLEL }, worker));
  return results;
}

const STACK = /\n\s+at (\S+ \()?[^\n]*:\d+:\d+\)?/;

/** What every answer must be, whatever the input. */
function assertAnswer(r: Outcome): void {
  const what = `${r.label} (seed ${SEED})`;
  assert.equal(r.timedOut, false, `${what}: no answer within ${LIMIT_MS / 1000} s`);
  assert.ok(r.code === 0 || r.code === 1 || r.code === 2, `${what}: exit ${r.code}\n${r.err.slice(0, 2000)}`);
  assert.doesNotMatch(r.err + r.out, STACK, `${what}: a stack trace`);
  assert.doesNotMatch(r.err, /unexpected error|Set MLOPS_DEBUG/, `${what}: an internal error`);
  if (r.code === 2) assert.ok(r.names.some((n) => r.err.includes(n)), `${what}: the message names none of ${r.names.join(', ')}:\n${r.err.slice(0, 2000)}`);
}

function dataCases(data: BrokenInput[]): Case[] {
  return data.flatMap(({ name, what }) => [
    { group: 'check', label: `check on ${name} (${what})`, args: ['check', '--contract', 'ok.odcs.yaml', '--data', name, '--format', 'json'], names: [name] },
    { group: 'infer', label: `contract infer on ${name} (${what})`, args: ['contract', 'infer', '--data', name, '--out', `inferred/${name}.odcs.yaml`], names: [name] },
    { group: 'drift', label: `drift on ${name} (${what})`, args: ['drift', '--reference', 'ref.csv', '--current', name, '--format', 'json'], names: [name] },
    { group: 'train', label: `train on ${name} (${what})`, args: ['train', `spec-${name}.mlops.yaml`], names: [name] },
  ]);
}

function yamlCases(contracts: BrokenInput[], specs: BrokenInput[], runIds: string[]): Case[] {
  return [
    ...contracts.flatMap(({ name, what }) => [
      { group: 'check', label: `check with ${name} (${what})`, args: ['check', '--contract', name, '--data', 'ref.csv', '--format', 'json'], names: [name] },
      { group: 'validate', label: `validate ${name} (${what})`, args: ['validate', name], names: [name] },
      { group: 'train', label: `train with contract ${name} (${what})`, args: ['train', `spec-c-${name}.mlops.yaml`], names: [name] },
    ]),
    ...specs.flatMap(({ name, what, mentions = [] }) => [
      { group: 'validate', label: `validate ${name} (${what})`, args: ['validate', name], names: [name] },
      { group: 'train', label: `train ${name} (${what})`, args: ['train', name, '--set', 'training.epochs=1'], names: [name, ...mentions] },
    ]),
    { group: 'runs', label: 'runs over broken records', args: ['runs', '--workspace', 'records'], names: ['records'] },
    { group: 'runs', label: 'runs --format json over broken records', args: ['runs', '--workspace', 'records', '--format', 'json'], names: ['records'] },
    ...runIds.map((id) => ({ group: 'runs', label: `runs show ${id}`, args: ['runs', 'show', id, '--workspace', 'records'], names: [id] })),
  ];
}

describe(`mlops over a corpus of broken files (seed ${SEED})`, () => {
  const dir = mkdtempSync(join(tmpdir(), 'mlops-fuzz-cli-'));
  let results: Outcome[] = [];
  let data: BrokenInput[] = [];
  after(() => rmSync(dir, { recursive: true, force: true }));

  before(async () => {
    data = await writeBrokenData(dir, SEED);
    const contracts = writeBrokenContracts(dir);
    const specs = writeHostileSpecs(dir);
    const runIds = writeRunRecords(join(dir, 'records'));
    writeFileSync(join(dir, 'ok.odcs.yaml'), 'apiVersion: v3.1.0\nkind: DataContract\nid: ok\nversion: 1.0.0\nstatus: active\nschema:\n  - name: t\n    properties:\n'
      + '      - { name: x1, logicalType: number }\n      - { name: x2, logicalType: integer }\n      - { name: label, logicalType: integer }\n');
    writeFileSync(join(dir, 'ref.csv'), `x1,x2,label\n${Array.from({ length: 60 }, (_, i) => `${(i / 3).toFixed(3)},${i % 7},${i % 2}`).join('\n')}\n`);
    for (const d of data) writeFileSync(join(dir, `spec-${d.name}.mlops.yaml`), trainSpec(d.name));
    for (const c of contracts) writeFileSync(join(dir, `spec-c-${c.name}.mlops.yaml`), trainSpec('ref.csv', c.name));
    mkdirSync(join(dir, 'inferred'));
    results = await runAll(dir, [...dataCases(data), ...yamlCases(contracts, specs, runIds)]);
  });

  for (const group of ['check', 'infer', 'drift', 'train', 'validate', 'runs']) {
    it(`${group}: every input gets an answer in time, exit 0/1/2, no stack trace, the file named`, () => {
      const mine = results.filter((r) => r.group === group);
      assert.ok(mine.length > 0);
      for (const r of mine) assertAnswer(r);
    });
  }

  it('check on a ragged file lists each bad record once', () => {
    const r = results.find((x) => x.group === 'check' && x.args.includes('ragged.csv'))!;
    assert.equal(r.code, 1, r.err);
    const records = JSON.parse(r.out).checks.find((c: { id: string }) => c.id === 'data.records');
    const lines = records.samples.map((s: { line: number }) => s.line);
    assert.deepEqual(lines, [...new Set(lines)]);
    assert.deepEqual(lines, [3, 4, 6, 7]);
  });

  it('train never fails as "internal" on bad data: exit 2 names the file and the line where known', () => {
    for (const name of ['empty.csv', 'ragged.csv', 'mixed-eol.csv', 'nul-late.csv', 'unterminated-quote.csv', 'truncated.parquet', 'list.parquet', 'header-only.csv']) {
      const r = results.find((x) => x.group === 'train' && x.args[1] === `spec-${name}.mlops.yaml`)!;
      assert.equal(r.code, 2, `${name}: ${r.err}`);
    }
    const ragged = results.find((x) => x.group === 'train' && x.args[1] === 'spec-ragged.csv.mlops.yaml')!;
    assert.match(ragged.err, /ragged\.csv:3: has 2 field\(s\) where the header has 3/);
    const mixed = results.find((x) => x.group === 'train' && x.args[1] === 'spec-mixed-eol.csv.mlops.yaml')!;
    assert.match(mixed.err, /mixed-eol\.csv:\d+: mixes line ends .*dos2unix/);
  });

  it('a FIFO, a folder and a device given as data are named for what they are', () => {
    for (const [name, says] of [['folder.csv', /is a folder/], ['fifo.csv', /is a named pipe \(FIFO\)/], ['zero.csv', /is a device/]] as const) {
      if (!data.some((d) => d.name === name)) continue;
      for (const r of results.filter((x) => x.args.includes(name) || x.args[1] === `spec-${name}.mlops.yaml`)) {
        assert.equal(r.code, 2, `${r.label}: ${r.err}`);
        assert.match(r.err, says, r.label);
      }
    }
  });

  it('every contract infer writes passes check on the data it came from', async () => {
    const inferred = results.filter((r) => r.group === 'infer' && r.code === 0);
    const names = inferred.map((r) => r.args[3]);
    for (const name of ['header-only.csv', 'huge-field.csv', 'wide.csv', 'bigint.csv', 'list.parquet']) assert.ok(names.includes(name), `${name} was not inferred`);
    const checks = await runAll(dir, inferred.map((r) => {
      const name = r.args[3]!;
      return { group: 'recheck', label: `check of the contract inferred from ${name}`, args: ['check', '--contract', `inferred/${name}.odcs.yaml`, '--data', name], names: [name] };
    }));
    for (const c of checks) {
      assertAnswer(c);
      assert.equal(c.code, 0, `${c.label} (seed ${SEED}):\n${c.out.slice(0, 3000)}`);
    }
  });
});
