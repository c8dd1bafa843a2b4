// A seeded corpus of broken data and YAML files, written into a temporary folder by the tests that
// use it (nothing big is committed). Every data file has the columns x1, x2, label where it has
// columns at all, so a training spec can point at any of them and get past "unknown column".
import { DuckDBInstance } from '@duckdb/node-api';
import { execFileSync } from 'node:child_process';
import { mkdirSync, readFileSync, symlinkSync, writeFileSync } from 'node:fs';
import { hostname } from 'node:os';
import { join } from 'node:path';
import { mulberry32 } from '../../server/src/core/random';

/** One generated input: its file name in the corpus folder and what is wrong with it. */
export interface BrokenInput {
  name: string;
  what: string;
  /** Other names a message about it may give instead (the spec path of the broken part). */
  mentions?: string[];
}

type Rng = () => number;

const HEADER = 'x1,x2,label';

function rows(rng: Rng, n: number, eol = '\n'): string {
  const out: string[] = [];
  for (let i = 0; i < n; i++) out.push(`${(rng() * 100).toFixed(2)},${Math.floor(rng() * 50)},${rng() < 0.5 ? 1 : 0}`);
  return out.join(eol) + eol;
}

function randomBytes(rng: Rng, n: number, noNul = false): Buffer {
  const b = Buffer.alloc(n);
  for (let i = 0; i < n; i++) b[i] = noNul ? 1 + Math.floor(rng() * 255) : Math.floor(rng() * 256);
  return b;
}

/** A valid CSV with a few bytes replaced by characters CSV readers trip on. */
function mutate(rng: Rng, text: string, edits: number): Buffer {
  const bytes = Buffer.from(text, 'utf8');
  const hostile = [0x22, 0x2c, 0x0a, 0x0d, 0x00, 0xff, 0xc3, 0x3b, 0x09];
  for (let k = 0; k < edits; k++) bytes[Math.floor(rng() * bytes.length)] = hostile[Math.floor(rng() * hostile.length)]!;
  return bytes;
}

function mixedEol(rng: Rng, n: number): string {
  const ends = ['\n', '\r\n', '\r'];
  let s = HEADER + '\n';
  for (let i = 0; i < n; i++) s += `${(rng() * 10).toFixed(3)},${i},${i % 2}${ends[Math.floor(rng() * 3)]}`;
  return s;
}

const passwd = [
  'root:x:0:0:root:/root:/bin/bash', 'daemon:x:1:1:daemon:/usr/sbin:/usr/sbin/nologin', 'bin:x:2:2:bin:/bin:/usr/sbin/nologin',
  'sys:x:3:3:sys:/dev:/usr/sbin/nologin', 'sync:x:4:65534:sync:/bin:/bin/sync', 'games:x:5:60:games:/usr/games:/usr/sbin/nologin',
  'man:x:6:12:man,,,:/var/cache/man:/usr/sbin/nologin', 'nobody:x:65534:65534:nobody:/nonexistent:/usr/sbin/nologin',
].join('\n') + '\n';

/** Text files of the corpus, as name -> [what, content]. */
function textFiles(rng: Rng): Array<[string, string, string | Buffer]> {
  const good = HEADER + '\n' + rows(rng, 40);
  const cols = Array.from({ length: 300 }, (_, i) => `c${i}`);
  const wide = [cols.join(','), ...Array.from({ length: 30 }, () => cols.map(() => Math.floor(rng() * 1000)).join(','))].join('\n') + '\n';
  const big = (k: number) => (2n ** 53n + BigInt(k) * 1_000_000_007n).toString();
  return [
    ['empty.csv', 'an empty file', ''],
    ['blank.csv', 'only blank lines', '\n\n  \n\n'],
    ['bom-only.csv', 'only a byte order mark', '\ufeff'],
    ['header-only.csv', 'a header and no rows', HEADER + '\n'],
    ['ragged.csv', 'rows with too few and too many fields', `${HEADER}\n1,2,0\n3,4\n5,6,1,9\n7,8,1\n1\n2,3,0,4,5\n${rows(rng, 10)}`],
    ['mixed-eol.csv', 'LF, CRLF and CR line ends mixed', mixedEol(rng, 60)],
    ['nul-early.csv', 'NUL bytes in the first rows', Buffer.concat([Buffer.from(`${HEADER}\n1,2,0\n`), Buffer.from([0, 0, 0x2c, 0]), Buffer.from(`\n${rows(rng, 5)}`)])],
    ['nul-late.csv', 'NUL bytes after the first 256 KB', Buffer.concat([Buffer.from(HEADER + '\n' + rows(rng, 12_000)), Buffer.from('1.5,\0\0,1\n')])],
    ['huge-field.csv', 'one quoted 3 MB field', `${HEADER}\n1,2,0\n"${'z'.repeat(3 << 20)}",3,1\n4,5,0\n`],
    ['unterminated-quote.csv', 'a quote that never closes', `${HEADER}\n1,2,0\n"3,4,1\n5,6,0\n7,8,1\n`],
    ['passwd.csv', 'an /etc/passwd-like file', passwd],
    ['quotes.csv', 'nothing but quotes', '"""""""\n""\n"'],
    ['wide.csv', '300 integer columns', wide],
    ['bigint.csv', 'integers beyond 2^53', `id,label\n${big(1)},1\n${big(2)},0\n-${big(3)},1\n${big(4)},0\n`],
    ['utf16be.csv', 'UTF-16 big-endian text', Buffer.concat([Buffer.from([0xfe, 0xff]), Buffer.from(HEADER, 'utf16le').swap16()])],
    ['binary.csv', 'random bytes', randomBytes(rng, 8192)],
    ['binary-nonul.csv', 'random bytes without NUL', randomBytes(rng, 8192, true)],
    ['mutant-1.csv', 'a valid CSV with hostile bytes', mutate(rng, good, 12)],
    ['mutant-2.csv', 'a valid CSV with hostile bytes', mutate(rng, good, 40)],
    ['mutant-3.csv', 'a valid CSV with hostile bytes', mutate(rng, good, 3)],
    ['not-parquet.parquet', 'CSV text named .parquet', good],
    ['empty.parquet', 'an empty .parquet file', ''],
    ['junk.parquet', 'random bytes named .parquet', randomBytes(rng, 4096)],
  ].map(([n, w, c]) => [n as string, w as string, c as string | Buffer]);
}

async function parquetFiles(dir: string, rng: Rng): Promise<BrokenInput[]> {
  const db = await DuckDBInstance.create(':memory:');
  const con = await db.connect();
  try {
    const seed = Math.floor(rng() * 1e6);
    const good = join(dir, 'good.parquet');
    await con.run(`COPY (SELECT (i * ${seed} % 997) / 10.0 AS x1, i % 50 AS x2, i % 2 AS label FROM range(200) t(i)) TO '${good}' (FORMAT parquet)`);
    await con.run(`COPY (SELECT [i, i + 1] AS x1, i AS x2, i % 2 AS label FROM range(50) t(i)) TO '${join(dir, 'list.parquet')}' (FORMAT parquet)`);
    const bytes = readFileSync(good);
    writeFileSync(join(dir, 'truncated.parquet'), bytes.subarray(0, Math.floor(bytes.length / 2)));
    writeFileSync(join(dir, 'no-footer.parquet'), bytes.subarray(0, bytes.length - 8));
  } finally {
    con.closeSync();
    db.closeSync();
  }
  return [
    { name: 'list.parquet', what: 'a Parquet file with a LIST column' },
    { name: 'truncated.parquet', what: 'a Parquet file cut in half' },
    { name: 'no-footer.parquet', what: 'a Parquet file without its footer' },
  ];
}

/**
 * Writes the broken data corpus into `dir` (seeded: the same seed gives the same bytes) and returns
 * what it wrote. Special files: a FIFO, a directory and a symlink to /dev/zero, all named .csv.
 */
export async function writeBrokenData(dir: string, seed: number): Promise<BrokenInput[]> {
  const rng = mulberry32(seed);
  const out: BrokenInput[] = [];
  for (const [name, what, content] of textFiles(rng)) {
    writeFileSync(join(dir, name), content);
    out.push({ name, what });
  }
  out.push(...await parquetFiles(dir, rng));
  mkdirSync(join(dir, 'folder.csv'));
  out.push({ name: 'folder.csv', what: 'a directory' });
  symlinkSync('/dev/zero', join(dir, 'zero.csv'));
  out.push({ name: 'zero.csv', what: 'a symlink to /dev/zero' });
  try {
    execFileSync('mkfifo', [join(dir, 'fifo.csv')]);
    out.push({ name: 'fifo.csv', what: 'a FIFO' });
  } catch {
    // No mkfifo (not POSIX): the FIFO case is left out.
  }
  return out;
}

/** Contracts whose keys are JavaScript's own property names, plus unreadable ones. */
export function writeBrokenContracts(dir: string): BrokenInput[] {
  const head = 'apiVersion: v3.1.0\nkind: DataContract\nid: hostile\nversion: 1.0.0\nstatus: active\n';
  const files: Array<[string, string, string | Buffer]> = [
    ['keys-proto.odcs.yaml', 'columns named toString, constructor and __proto__',
      `${head}schema:\n  - name: t\n    properties:\n      - { name: toString, logicalType: integer }\n      - { name: constructor, logicalType: string }\n      - { name: __proto__, logicalType: number }\n`],
    ['keys-object.odcs.yaml', 'keys toString/constructor/__proto__ in places that hold objects',
      `${head}toString: 1\nconstructor: { a: 1 }\n__proto__: { schema: [] }\nschema:\n  - name: toString\n    constructor: x\n    properties:\n      - name: x1\n        logicalType: number\n        toString: 2\n        logicalTypeOptions: { constructor: 1, __proto__: { minimum: 5 } }\n        quality:\n          - { metric: nullValues, mustBe: 0, __proto__: { mustBe: 3 } }\n`],
    ['schema-proto.odcs.yaml', 'a schema object named __proto__', `${head}schema:\n  - name: __proto__\n    properties:\n      - { name: x1, logicalType: number }\n`],
    ['empty.odcs.yaml', 'an empty contract', ''],
    ['binary.odcs.yaml', 'binary bytes', Buffer.from(Array.from({ length: 512 }, (_, i) => (i * 131) % 256))],
    ['unclosed.odcs.yaml', 'an unclosed flow mapping', `${head}schema: [{ name: t, properties: [{ name: x1\n`],
    ['scalar.odcs.yaml', 'a YAML scalar', 'just text\n'],
  ];
  for (const [name, , content] of files) writeFileSync(join(dir, name), content);
  return files.map(([name, what]) => ({ name, what }));
}

/** A training spec for `dataFile` (relative to the spec), with an optional contract and extra YAML. */
export function trainSpec(dataFile: string, contract?: string, extra = ''): string {
  return `apiVersion: mlops/v1
kind: Pipeline
metadata: { name: fuzz }
data:
  train: { path: ${JSON.stringify(dataFile)}${contract ? `, contract: ${JSON.stringify(contract)}` : ''} }
features:
  target: label
  include: [x1, x2]
model:
  type: mlp
  task: binary
  layers: [{ units: 4, activation: relu }]
training: { epochs: 1, batchSize: 16, validationSplit: 0.2, seed: 1, backend: cpu }
${extra}`;
}

/**
 * Pipeline specs whose keys are JavaScript's own property names (top-level `__proto__` holding the
 * data block, columns named toString/constructor/__proto__), plus an empty and a binary one.
 */
export function writeHostileSpecs(dir: string): BrokenInput[] {
  const model = 'model: { type: mlp, task: binary, layers: [{ units: 4, activation: relu }] }\ntraining: { epochs: 1, backend: cpu, validationSplit: 0.2 }\n';
  const head = 'apiVersion: mlops/v1\nkind: Pipeline\nmetadata: { name: fuzz }\n';
  writeFileSync(join(dir, 'keys.csv'), `toString,__proto__,constructor\n${Array.from({ length: 40 }, (_, i) => `${i % 7}.5,${(i * 3) % 11},${i % 2}`).join('\n')}\n`);
  const files: Array<[string, string, string | Buffer]> = [
    ['proto-top.mlops.yaml', 'a top-level __proto__ holding the data block',
      `${head}__proto__:\n  data:\n    train: { path: ref.csv }\nfeatures: { target: label, include: [x1, x2] }\n${model}`],
    ['keys-columns.mlops.yaml', 'columns named toString, __proto__ and constructor',
      `${head}data:\n  train: { path: keys.csv }\nfeatures:\n  target: constructor\n  include: [toString, __proto__]\n  transforms: { toString: standardize, __proto__: standardize }\n${model}`],
    ['keys-everywhere.mlops.yaml', 'toString/constructor/__proto__ keys in every section',
      `${head.replace('{ name: fuzz }', '{ name: fuzz, toString: x }')}constructor: { a: 1 }\ntoString: 3\ndata:\n  train: { path: ref.csv, constructor: x }\n`
      + `features:\n  target: label\n  include: [x1, x2]\n  transforms: { constructor: standardize }\n${model.replace('}] }', '}], __proto__: { type: bogus } }')}`],
    ['empty.mlops.yaml', 'an empty spec', ''],
    ['binary.mlops.yaml', 'binary bytes', Buffer.from(Array.from({ length: 700 }, (_, i) => (i * 97 + 13) % 256))],
    ['folder-contract.mlops.yaml', 'a contract path that is a folder', `${head}data:\n  train: { path: ref.csv, contract: inferred }\nfeatures: { target: label, include: [x1, x2] }\n${model}`],
  ];
  for (const [name, , content] of files) writeFileSync(join(dir, name), content);
  return files.map(([name, what]) => ({ name, what, mentions: name === 'folder-contract.mlops.yaml' ? ['data.train.contract'] : [] }));
}

/**
 * A workspace (`dir`) whose .mlops/runs holds a good run and broken ones: corrupt JSON, missing
 * fields, a reused PID (a live PID with another start time), a run.json that is a folder and one
 * that is a FIFO. Returns the run ids.
 */
export function writeRunRecords(dir: string): string[] {
  const runs = join(dir, '.mlops', 'runs');
  const good = {
    id: '20260101-000000-good00', specPath: 'mlops.yaml', specHash: 'a'.repeat(64), params: {}, backend: 'cpu', seed: 1,
    startedAt: '2026-01-01T00:00:00.000Z', status: 'completed', data: {}, gates: [], metrics: { loss: 0.5 },
  };
  const records: Array<[string, string | null]> = [
    [good.id, JSON.stringify(good)],
    ['20260101-000001-badjsn', '{"id": "20260101-000001-badjsn", "status": "runn'],
    ['20260101-000002-nofld0', JSON.stringify({ id: '20260101-000002-nofld0', status: 'completed' })],
    ['20260101-000003-reused', JSON.stringify({ ...good, id: '20260101-000003-reused', status: 'running', pid: process.pid, pidStart: 1, host: hostname() })],
    ['20260101-000004-array0', '[1, 2, 3]'],
    ['20260101-000005-folder', null],
  ];
  for (const [id, text] of records) {
    mkdirSync(join(runs, id), { recursive: true });
    if (text === null) mkdirSync(join(runs, id, 'run.json'));
    else writeFileSync(join(runs, id, 'run.json'), text);
  }
  const ids = records.map(([id]) => id);
  try {
    mkdirSync(join(runs, '20260101-000006-fifo00'));
    execFileSync('mkfifo', [join(runs, '20260101-000006-fifo00', 'run.json')]);
    ids.push('20260101-000006-fifo00');
  } catch {
    // No mkfifo: that case is left out.
  }
  return ids;
}
