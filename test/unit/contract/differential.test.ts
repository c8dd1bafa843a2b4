// Differential test: our ODCS validator (written from the standard) against the official JSON Schemas
// v3.0.2 and v3.1.0 (run by ajv), by the version a document declares. The official verdict on a
// document is that of the official schemas that list its apiVersion: v3.1.0's for v3.1.0; for v3.0.x,
// valid when v3.0.2's or v3.1.0's schema accepts it (the standard validates its own v3.0.2 examples
// with the v3.1.0 schema). Every official example, and each one rewritten as a v3.0.2 document, must
// be clean for both; seeded mutations of them (wrong types, unknown keys, bad enum values, missing
// keys, extra operators) must get the same accept/reject verdict from both.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { stringify } from 'yaml';
import { contractService } from '../../../server/src/core/contract/service';
import { BETWEEN_CODE } from '../../../server/src/core/contract/odcs/conditional';
import { SCHEMA_CODE, validateStructure } from '../../../server/src/core/contract/odcs/validate';
import { parseYaml } from '../../../server/src/core/yaml/parse';
import { toV302 } from './downgrade';
import { SKIP_REASON, odcsDir, officialExamples, officialValidator, type OfficialValidator } from './shared';

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
  if (kind === 3 && ('metric' in obj || 'rule' in obj)) {
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

/** The official verdict by declared version (see the top of this file). */
function officialAccepts(v310: OfficialValidator, v302: OfficialValidator, value: unknown): boolean {
  const declared = (value as { apiVersion?: unknown } | null)?.apiVersion;
  const v30 = typeof declared === 'string' && /^v3\.0\.\d+$/.test(declared);
  return v310(value) || (v30 && v302(value));
}

function oursRejects(text: string): { rejected: boolean; messages: string[] } {
  const parsed = parseYaml(text);
  const d = validateStructure(parsed.root).filter((x) => x.code === SCHEMA_CODE || x.code === BETWEEN_CODE);
  return { rejected: d.length > 0 || parsed.problems.some((p) => p.severity === 'error'), messages: d.map((x) => `${x.range.start.line + 1}: ${x.message}`) };
}

/** The official examples as they are, and each rewritten as a v3.0.2 document (checked against v3.0.2's schema). */
function examplesBothVersions() {
  const examples = officialExamples();
  return [...examples, ...examples.map((ex) => {
    const value = toV302(ex.value);
    return { name: `${ex.name} (as v3.0.2)`, text: stringify(value), value };
  })];
}

describe('ODCS validation agrees with the official JSON Schemas', { skip: odcsDir ? false : SKIP_REASON }, () => {
  it('finds every official example clean, as written and as v3.0.2, as the official schemas do', () => {
    const v310 = officialValidator('3.1.0');
    const v302 = officialValidator('3.0.2');
    for (const ex of examplesBothVersions()) {
      if (ex.name.endsWith('(as v3.0.2)')) assert.equal(v302(ex.value), true, `the official v3.0.2 schema rejects ${ex.name}`);
      else assert.equal(officialAccepts(v310, v302, ex.value), true, `the official schemas reject ${ex.name}`);
      const doc = { uri: `file:///x/${ex.name}`, path: `/x/${ex.name}`, text: ex.text, version: 1 };
      const diagnostics = contractService.validate(doc, HOST).filter((d) => d.code !== 'odcs-deprecated');
      assert.deepEqual(diagnostics.map((d) => `${ex.name}:${d.range.start.line + 1} ${String(d.code)} ${d.message}`), []);
    }
  });

  it(`gives the same verdict on ${MUTANTS} seeded mutations of the examples in each version`, () => {
    const v310 = officialValidator('3.1.0');
    const v302 = officialValidator('3.0.2');
    // The 5,000-line example would make each of its mutants cost a second to write and parse; its
    // first schema objects carry the same shapes.
    const examples = examplesBothVersions().map((ex) => {
      const v = structuredClone(ex.value) as { schema?: unknown[] };
      if (Array.isArray(v.schema)) v.schema = v.schema.slice(0, 6);
      return { ...ex, value: v };
    });
    const rnd = lcg(Number(process.env.ODCS_SEED ?? 20240601));
    const mismatches: string[] = [];
    const rejected = { v30: 0, v31: 0, v30n: 0, v31n: 0 };
    for (let i = 0; i < MUTANTS; i++) {
      const ex = examples[i % examples.length]!;
      const { mutant, what } = mutate(ex.value as Json, rnd);
      const text = stringify(mutant);
      const theirs = !officialAccepts(v310, v302, parseYaml(text).value);
      const ours = oursRejects(text);
      const v30 = ex.name.endsWith('(as v3.0.2)');
      rejected[v30 ? 'v30n' : 'v31n']++;
      if (ours.rejected) rejected[v30 ? 'v30' : 'v31']++;
      if (ours.rejected !== theirs) mismatches.push(`#${i} ${ex.name}: ${what}: ours ${ours.rejected ? 'rejects' : 'accepts'} (${ours.messages.join(' | ')}), official ${theirs ? 'rejects' : 'accepts'}`);
    }
    assert.deepEqual(mismatches, []);
    for (const [got, of] of [[rejected.v30, rejected.v30n], [rejected.v31, rejected.v31n]] as const) {
      assert.ok(got > of * 0.2 && got < of * 0.95, `a useful mix of verdicts (${got} of ${of} rejected)`);
    }
  });
});
