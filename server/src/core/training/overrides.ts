import Ajv2020 from 'ajv/dist/2020';
import { parse as parseYaml } from 'yaml';
import { schema } from '../pipeline/schema';
import type { PipelineSpec } from '../pipeline/spec';
import { parseSweepPath } from '../pipeline/sweepPath';
import { closest } from '../validation/similar';
import { SpecError } from './errors';

/** The parts of a JSON Schema the path walk reads. */
export interface SchemaNode {
  type?: string | string[];
  properties?: Record<string, SchemaNode>;
  additionalProperties?: boolean | SchemaNode;
  items?: SchemaNode;
  $ref?: string;
  $defs?: Record<string, SchemaNode>;
  anyOf?: SchemaNode[];
  oneOf?: SchemaNode[];
  [key: string]: unknown;
}

/** One `--set path=value` (or a sweep parameter): the spec path, split, and the value. */
export interface Override { path: string; keys: Array<string | number>; value: unknown }

/** Splits `model.layers[0].units` into ['model', 'layers', 0, 'units']; undefined if malformed. */
export const splitPath = parseSweepPath;

/** Parses `path=value`; the value is read as YAML, so 0.01 is a number and [a, b] a list. */
export function parseOverride(arg: string): Override {
  const eq = arg.indexOf('=');
  if (eq <= 0) throw new SpecError(arg, 'write --set as path=value, e.g. --set training.learningRate=0.01');
  const path = arg.slice(0, eq).trim();
  const keys = splitPath(path);
  if (!keys) throw new SpecError(path, 'is not a spec path; write keys separated by dots and list indexes in brackets, e.g. model.layers[0].units');
  let value: unknown;
  try {
    value = parseYaml(arg.slice(eq + 1));
  } catch (e) {
    throw new SpecError(path, `the value is not valid YAML: ${(e as Error).message.split('\n')[0]}`);
  }
  return { path, keys, value };
}

function deref(root: SchemaNode, node: SchemaNode | undefined): SchemaNode | undefined {
  let cur = node;
  for (let i = 0; cur?.$ref && i < 10; i++) cur = root.$defs?.[cur.$ref.replace('#/$defs/', '')];
  return cur;
}

function step(root: SchemaNode, node: SchemaNode, key: string | number, where: string): SchemaNode {
  if (typeof key === 'number') {
    if (!node.items) throw new SpecError(where, 'is not a list; remove the [index]');
    return deref(root, node.items)!;
  }
  const branches = [node, ...(node.anyOf ?? []), ...(node.oneOf ?? [])].map((b) => deref(root, b)!);
  for (const b of branches) if (b.properties?.[key]) return deref(root, b.properties[key])!;
  const open = branches.find((b) => b.additionalProperties !== undefined && b.additionalProperties !== false);
  if (open) return open.additionalProperties === true ? {} : deref(root, open.additionalProperties as SchemaNode)!;
  const known = branches.flatMap((b) => Object.keys(b.properties ?? {}));
  if (known.length === 0) throw new SpecError(where, 'has no keys below it');
  // Paths are typed by hand on a command line: allow two slips even in a short key.
  const hint = closest(key, known, 2);
  throw new SpecError(`${where ? `${where}.` : ''}${key}`, `unknown key${hint ? `; did you mean "${hint}"?` : ''} (keys here: ${known.join(', ')})`);
}

/** The schema of the value at a spec path; an unknown key is a SpecError with the nearest known one. */
export function schemaAt(root: SchemaNode, keys: Array<string | number>): SchemaNode {
  let node = root;
  let where = '';
  for (const key of keys) {
    node = step(root, node, key, where);
    where = typeof key === 'number' ? `${where}[${key}]` : where ? `${where}.${key}` : key;
  }
  return node;
}

const ajv = new Ajv2020({ allErrors: false, strict: false });

/** Checks a value against the schema at its path (types, enums, ranges). */
export function checkValue(root: SchemaNode, o: Override): void {
  const leaf = schemaAt(root, o.keys);
  const validate = ajv.compile({ ...leaf, $defs: root.$defs });
  if (!validate(o.value)) {
    const e = validate.errors?.[0];
    const allowed = e?.params && 'allowedValues' in e.params ? ` (${(e.params.allowedValues as unknown[]).join(', ')})` : '';
    throw new SpecError(o.path, `${JSON.stringify(o.value)} is not allowed: ${e?.instancePath ? `${e.instancePath} ` : ''}${e?.message ?? 'invalid'}${allowed}`);
  }
}

/** Returns a copy of the spec with the value set; an index past the end of a list is an error. */
export function applyOverride<T extends object = PipelineSpec>(spec: T, o: Override): T {
  const copy = structuredClone(spec) as Record<string | number, unknown>;
  let cur: Record<string | number, unknown> = copy;
  o.keys.forEach((key, i) => {
    if (i === o.keys.length - 1) { cur[key] = o.value; return; }
    const next = o.keys[i + 1]!;
    if (Array.isArray(cur[key]) && typeof next === 'number' && next > (cur[key] as unknown[]).length) {
      throw new SpecError(o.path, `index ${next} is past the end of a list of ${(cur[key] as unknown[]).length}`);
    }
    if (cur[key] === undefined || cur[key] === null) cur[key] = typeof next === 'number' ? [] : {};
    cur = cur[key] as Record<string | number, unknown>;
  });
  return copy as T;
}

/** Parses, validates against the schema and applies every `--set`, in order. */
export function applyOverrides(spec: PipelineSpec, args: string[], schema: SchemaNode): { spec: PipelineSpec; overrides: Override[] } {
  const overrides = args.map(parseOverride);
  let out = spec;
  for (const o of overrides) {
    checkValue(schema, o);
    out = applyOverride(out, o);
  }
  return { spec: out, overrides };
}

/** schemas/pipeline.schema.json as the path walk reads it (bundled through the pipeline's schema module). */
export function pipelineSchema(): SchemaNode {
  return schema as SchemaNode;
}
