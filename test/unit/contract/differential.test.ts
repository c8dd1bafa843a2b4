// Differential test: our ODCS validator (written from the standard) against the official JSON Schema
// (v3.1.0, run by ajv). Every official example must be clean for both; seeded mutations of them
// (wrong types, unknown keys, bad enum values, missing keys, extra operators) must get the same
// accept/reject verdict from both.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { stringify } from 'yaml';
import { contractService } from '../../../server/src/core/contract/service';
import { BETWEEN_CODE } from '../../../server/src/core/contract/odcs/conditional';
import { SCHEMA_CODE, validateStructure } from '../../../server/src/core/contract/odcs/validate';
import { parseYaml } from '../../../server/src/core/yaml/parse';
import { SKIP_REASON, odcsDir, officialExamples, officialValidator } from './shared';

const MUTANTS = Number(process.env.ODCS_MUTANTS ?? 400);
const ENUM_KEYS = ['apiVersion', 'kind', 'logicalType', 'type', 'metric', 'dimension', 'format'];
const HOST = { exists: () => false, readText: () => undefined, listDir: () => [], workspaceRoot: () => undefined };

function lcg(seed: number): () => number {
  let s = seed >>> 0;
  return () => { s = (Math.imul(s, 1664525) + 1013904223) >>> 0; return s / 4294967296; };
}

type Json = null | boolean | number | string | Json[] | { [k: string]: Json };
type Obj = { [k: string]: Json };

/** Every mapping in a value, with a readable path. */
function mappings(v: Json, path = '', out: Array<{ path: string; obj: Obj }> = []): Array<{ path: string; obj: Obj }> {
  if (Array.isArray(v)) v.forEach((x, i) => mappings(x, `${path}[${i}]`, out));
  else if (v && typeof v === 'object') {
    out.push({ path: path || '(root)', obj: v });
    for (const [k, x] of Object.entries(v)) mappings(x, `${path}.${k}`, out);
  }
  return out;
}

function otherKind(v: Json, rnd: () => number): Json {
  const options: Json[] = typeof v === 'string' ? [42, true, ['x'], { a: 1 }]
    : typeof v === 'number' ? ['12', false, [1]]
      : typeof v === 'boolean' ? ['yes', 1]
        : Array.isArray(v) ? ['x', 3, { a: 1 }] : v === null ? ['x', 0] : ['x', [1], 7];
  return options[Math.floor(rnd() * options.length)]!;
}

const pick = <T>(xs: T[], rnd: () => number): T => xs[Math.floor(rnd() * xs.length)]!;

/** Applies one seeded mutation to a deep copy of the value; returns the mutant and what was done. */
function mutate(value: Json, rnd: () => number): { mutant: Json; what: string } {
  const mutant = structuredClone(value);
  const maps = mappings(mutant);
  const { path, obj } = pick(maps, rnd);
  const keys = Object.keys(obj);
  const kind = Math.floor(rnd() * 5);
  if (kind === 0 && keys.length) {
    const k = pick(keys, rnd);
    obj[k] = otherKind(obj[k]!, rnd);
    return { mutant, what: `wrong type at ${path}.${k}` };
  }
  if (kind === 1) {
    const k = keys.length && rnd() < 0.5 ? `${pick(keys, rnd)}s` : 'notAnOdcsKey';
    obj[k] = 'x';
    return { mutant, what: `unknown key ${path}.${k}` };
  }
  const enumKeys = keys.filter((k) => ENUM_KEYS.includes(k) && typeof obj[k] === 'string');
  if (kind === 2 && enumKeys.length) {
    const k = pick(enumKeys, rnd);
    obj[k] = rnd() < 0.5 ? `${String(obj[k])}x` : 'bogus';
    return { mutant, what: `bad enum ${path}.${k}` };
  }
  if (kind === 3 && 'metric' in obj) {
    obj[pick(['mustBe', 'mustBeLessThan', 'mustBeBetween'], rnd)] = rnd() < 0.5 ? 3 : [5, 1];
    return { mutant, what: `extra operator at ${path}` };
  }
  if (keys.length) {
    const k = pick(keys, rnd);
    delete obj[k];
    return { mutant, what: `removed ${path}.${k}` };
  }
  obj.name = 'x';
  return { mutant, what: `added name at ${path}` };
}

function oursRejects(text: string): { rejected: boolean; messages: string[] } {
  const parsed = parseYaml(text);
  const d = validateStructure(parsed.root).filter((x) => x.code === SCHEMA_CODE || x.code === BETWEEN_CODE);
  return { rejected: d.length > 0 || parsed.problems.some((p) => p.severity === 'error'), messages: d.map((x) => `${x.range.start.line + 1}: ${x.message}`) };
}

describe('ODCS validation agrees with the official JSON Schema', { skip: odcsDir ? false : SKIP_REASON }, () => {
  it('finds every official example clean, as the official schema does', () => {
    const official = officialValidator('3.1.0');
    for (const ex of officialExamples()) {
      assert.equal(official(ex.value), true, `official schema rejects ${ex.name}`);
      const doc = { uri: `file:///x/${ex.name}`, path: `/x/${ex.name}`, text: ex.text, version: 1 };
      const diagnostics = contractService.validate(doc, HOST);
      assert.deepEqual(diagnostics.map((d) => `${ex.name}:${d.range.start.line + 1} ${String(d.code)} ${d.message}`), []);
    }
  });

  it(`gives the same verdict on ${MUTANTS} seeded mutations of the examples`, () => {
    const official = officialValidator('3.1.0');
    // The 5,000-line example would make each of its mutants cost a second to write and parse; its
    // first schema objects carry the same shapes.
    const examples = officialExamples().map((ex) => {
      const v = structuredClone(ex.value) as { schema?: unknown[] };
      if (Array.isArray(v.schema)) v.schema = v.schema.slice(0, 6);
      return { ...ex, value: v };
    });
    const rnd = lcg(Number(process.env.ODCS_SEED ?? 20240601));
    const mismatches: string[] = [];
    let rejected = 0;
    for (let i = 0; i < MUTANTS; i++) {
      const ex = examples[i % examples.length]!;
      const { mutant, what } = mutate(ex.value as Json, rnd);
      const text = stringify(mutant);
      const theirs = !official(parseYaml(text).value);
      const ours = oursRejects(text);
      if (ours.rejected) rejected++;
      if (ours.rejected !== theirs) mismatches.push(`#${i} ${ex.name}: ${what}: ours ${ours.rejected ? 'rejects' : 'accepts'} (${ours.messages.join(' | ')}), official ${theirs ? 'rejects' : 'accepts'}`);
    }
    assert.deepEqual(mismatches, []);
    assert.ok(rejected > MUTANTS * 0.3 && rejected < MUTANTS * 0.95, `a useful mix of verdicts (${rejected} of ${MUTANTS} rejected)`);
  });
});
