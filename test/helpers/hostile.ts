import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync, symlinkSync } from 'node:fs';
import { join } from 'node:path';
import { mulberry32 } from '../../server/src/core/random';

/**
 * Hostile and broken documents, as a careless or hostile user would feed them to the language server
 * and to `mlops validate` (issue 13): the reproductions from the issue, and seeded generated ones.
 */

/** A diagnostic as both the LSP and `validate --format json` give it (severity as a number or a word). */
export interface Finding {
  code?: string | number;
  message: string;
  range: { start: { line: number; character: number } };
}

export interface HostileCase {
  name: string;
  /** File name in the workspace (its extension says spec or contract). */
  file: string;
  text: string;
  /** Undefined when the findings are right for this input, else what is wrong with them. */
  check(found: Finding[]): string | undefined;
}

const codes = (ds: Finding[]) => ds.map((d) => String(d.code));
const has = (ds: Finding[], code: string, message?: RegExp) => ds.some((d) => d.code === code && (!message || message.test(d.message)));
const need = (ok: boolean, what: string) => (ok ? undefined : what);

const HEAD = 'apiVersion: mlops/v1\nkind: Pipeline\nmetadata: { name: hostile }\n';
const CONTRACT = 'apiVersion: v3.1.0\nkind: DataContract\nid: hostile\nversion: 1.0.0\nstatus: active\n';

/** A spec whose training data links the contract at `contract`. */
const linking = (contract: string) => `${HEAD}data:\n  train: { path: data/train.csv, contract: ${contract} }\n`;

/** An alias bomb: each level is a list of ten aliases of the level below (10^levels values). */
function aliasBomb(levels: number, width: number): string {
  const lines = ['a0: &a0 [x]'];
  for (let i = 1; i <= levels; i++) lines.push(`a${i}: &a${i} [${Array(width).fill(`*a${i - 1}`).join(', ')}]`);
  return `${HEAD}${lines.join('\n')}\n`;
}

/** The example spec with 100 more stages that all reuse one anchored list of deps. */
function anchorReuse(example: string): string {
  const anchored = example.replace('deps: [scripts/generate-data.mjs]', 'deps: &common [scripts/generate-data.mjs]');
  const stages = Array.from({ length: 100 }, (_, i) => `  reuse_${i}:\n    cmd: node scripts/generate-data.mjs\n    deps: *common\n`).join('');
  return anchored.replace('features:\n', `${stages}features:\n`);
}

function cycle(n: number): string {
  const stages = Array.from({ length: n }, (_, i) => `  s${i}:\n    cmd: run ${i}\n    needs: [s${(i + 1) % n}]\n`);
  return `${HEAD}data:\n  train: { path: data/train.csv }\nstages:\n${stages.join('')}`;
}

const unreadableContract = (ds: Finding[]) => need(has(ds, 'contract-not-found', /cannot be read/), 'a contract-not-found diagnostic saying the contract cannot be read');

/**
 * The reproductions of issue 13 for a workspace made from the example (`example` is its mlops.yaml).
 * Devices and FIFOs are linked from specs; `devices()` creates the FIFO and the symlink they name.
 */
export function hostileCases(example: string): HostileCase[] {
  return [
    { name: '30 unclosed [{ then a mapping line', file: 'nested.mlops.yaml', text: `${'[{'.repeat(30)}\n  b: c\n`,
      check: (ds) => need(has(ds, 'yaml-syntax'), 'yaml-syntax errors') },
    { name: 'a line of 10,000 {', file: 'braces.mlops.yaml', text: `${HEAD}x: ${'{'.repeat(10000)}\n`,
      check: (ds) => need(has(ds, 'yaml-syntax', /nested too deeply|nested more than/), 'a nesting diagnostic in words') },
    { name: 'an alias bomb (6 levels x 10 aliases)', file: 'bomb.mlops.yaml', text: aliasBomb(6, 10),
      check: (ds) => need(has(ds, 'yaml-syntax', /alias bomb/), 'an alias-bomb diagnostic') ?? need(!ds.some((d) => /top level must be a mapping/.test(d.message)), 'no false "top level" error') },
    { name: 'a valid spec reusing one anchor 100 times', file: 'reuse.mlops.yaml', text: anchorReuse(example),
      check: (ds) => need(ds.length === 0, `no diagnostics (got ${codes(ds).join(', ')}: ${ds[0]?.message})`) },
    { name: 'a contract link to /dev/zero', file: 'zero.mlops.yaml', text: linking('/dev/zero'), check: unreadableContract },
    { name: 'a contract link to /dev/urandom', file: 'urandom.mlops.yaml', text: linking('/dev/urandom'), check: unreadableContract },
    { name: 'a contract link to a FIFO', file: 'fifo.mlops.yaml', text: linking('contracts/pipe.odcs.yaml'), check: unreadableContract },
    { name: 'a contract link to a symlink to /dev/zero', file: 'link.mlops.yaml', text: linking('contracts/zero.odcs.yaml'), check: unreadableContract },
    { name: '10,000 chained stages with one back edge', file: 'cycle.mlops.yaml', text: cycle(10000),
      check: (ds) => {
        const cycles = ds.filter((d) => d.code === 'dag-cycle');
        return need(cycles.length > 0 && cycles.length <= 100, `1 to 100 dag-cycle diagnostics (got ${cycles.length})`)
          ?? need(cycles.every((d) => d.message.length < 400), 'short dag-cycle messages');
      } },
    { name: 'an unresolved alias', file: 'alias.mlops.yaml', text: `${HEAD}x: *b\n`,
      check: (ds) => need(has(ds, 'yaml-syntax', /Unknown alias \*b/), 'an unknown-alias diagnostic') },
    { name: 'ODCS keys toString and constructor', file: 'proto.odcs.yaml',
      text: `${CONTRACT}toString: 1\nconstructor: 2\nschema:\n  - name: t\n    properties:\n      - name: toString\n        logicalType: string\n        constructor: 3\n`,
      check: (ds) => need(ds.filter((d) => d.code === 'odcs-schema' && /Unknown key "(toString|constructor)"/.test(d.message)).length === 3, 'three unknown-key diagnostics') },
    { name: 'a top-level __proto__ holding data:', file: 'dunder.mlops.yaml', text: `__proto__:\n  data:\n    train: { path: data/train.csv }\n${HEAD}`,
      check: (ds) => need(has(ds, 'schema', /Unknown key "__proto__"/) && has(ds, 'schema', /Missing required key "data"/), 'unknown __proto__ and missing data') },
    { name: 'values: [[1]] under sweep.parameters', file: 'values.mlops.yaml',
      text: example.replace('training.learningRate: { values: [0.001, 0.003, 0.01] }', 'training.learningRate: { values: [[1]] }'),
      check: (ds) => need(has(ds, 'schema', /values\[0\] must be/), 'a schema diagnostic on the nested list') },
    { name: 'a one-line flow list of 130,000 items', file: 'flow.mlops.yaml', text: `${HEAD}x: [${Array(130000).fill('1').join(',')}]\n`,
      check: (ds) => need(has(ds, 'schema', /Unknown key "x"/), 'the unknown key x') },
    { name: 'lists nested 5,000 deep', file: 'deep.mlops.yaml', text: `${HEAD}x: ${'['.repeat(5000)}${']'.repeat(5000)}\n`,
      check: (ds) => need(has(ds, 'yaml-syntax', /nested/), 'a nesting diagnostic in words') },
    { name: 'a megabyte of empty flow items (over the structure cap)', file: 'commas.mlops.yaml', text: `${HEAD}x: [${','.repeat(1024 * 1024)}]\n`,
      check: (ds) => need(ds.length === 1 && has(ds, 'yaml-syntax', /so it was not checked/), 'one diagnostic saying the file was not checked') },
    { name: 'CR-only line ends', file: 'cr.mlops.yaml', text: `${HEAD}data:\n  train: { path: data/train.csv }\nbogus: 1\n`.replace(/\n/g, '\r'),
      check: (ds) => need(ds.some((d) => /Unknown key "bogus"/.test(d.message) && d.range.start.line === 5 && d.range.start.character === 0), 'the unknown key on line 5, column 0') },
  ];
}

/** Creates the FIFO and the symlink to /dev/zero the hostile specs link (false when mkfifo is missing). */
export function devices(ws: string): { fifo: boolean } {
  symlinkSync('/dev/zero', join(ws, 'contracts/zero.odcs.yaml'));
  const made = spawnSync('mkfifo', [join(ws, 'contracts/pipe.odcs.yaml')]);
  return { fifo: made.status === 0 && existsSync(join(ws, 'contracts/pipe.odcs.yaml')) };
}

/** Pieces a careless or hostile edit drops into a spec. */
const SHARDS = ['[', '{', ']', '}', '[{', '&a ', '*a', '*zz', '<<: *a', '!!str ', '? ', ': ', '- ', '|', '>', '"', "'", '#', '\t', '\r', '\r\n', '\n',
  '\u0000', '\uFEFF', '%YAML 1.2\n', '---\n', '...\n', '__proto__: ', 'constructor: ', 'toString: ', '<<<<<<< HEAD\n', '\ud800'];

/**
 * Seeded broken specs: the example mutated by a few of these at random places: shards, a nesting of
 * hundreds of brackets, a long line, an anchor used hundreds of times, a truncation, CR line ends.
 */
export function generatedCases(example: string, seed: number, count: number): HostileCase[] {
  const rand = mulberry32(seed);
  const int = (n: number) => Math.floor(rand() * n);
  const mutations: Array<(t: string) => string> = [
    (t) => { const at = int(t.length + 1); return t.slice(0, at) + SHARDS[int(SHARDS.length)]! + t.slice(at); },
    (t) => { const at = int(t.length + 1); const n = 50 + int(500); return `${t.slice(0, at)}${'['.repeat(n)}${rand() < 0.5 ? ']'.repeat(n) : ''}${t.slice(at)}`; },
    (t) => `${t}long: ${'y'.repeat(50000 + int(100000))}\n`,
    (t) => `${t.replace('deps: [', 'deps: &d [')}reused: [${Array(200 + int(800)).fill('*d').join(', ')}]\n`,
    (t) => t.slice(0, int(t.length)),
    (t) => t.replace(/\n/g, rand() < 0.5 ? '\r' : '\r\n'),
    (t) => { const at = int(t.length + 1); return t.slice(0, at) + t.slice(int(t.length)) + t.slice(at); },
  ];
  return Array.from({ length: count }, (_, i) => {
    let text = example;
    const n = 1 + int(4);
    for (let k = 0; k < n; k++) text = mutations[int(mutations.length)]!(text);
    return { name: `generated #${i} (seed ${seed})`, file: `gen-${i}.mlops.yaml`, text, check: () => undefined };
  });
}

export const exampleSpec = (ws: string) => readFileSync(join(ws, 'mlops.yaml'), 'utf8');
