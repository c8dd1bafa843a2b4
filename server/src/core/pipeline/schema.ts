import Ajv2020, { type ErrorObject, type ValidateFunction } from 'ajv/dist/2020';
import pipelineSchema from '../../../../schemas/pipeline.schema.json';
import ajvOptions from './ajvOptions.json';
import precompiled from './precompiledValidator';
import { hasOwn } from '../keys';

/** The pipeline spec's JSON Schema (schemas/pipeline.schema.json), the one source of its rules and docs. */
export const schema = pipelineSchema as unknown as JsonSchema;

export interface JsonSchema {
  type?: string | string[];
  description?: string;
  properties?: Record<string, JsonSchema>;
  additionalProperties?: boolean | JsonSchema;
  items?: JsonSchema;
  required?: string[];
  enum?: unknown[];
  const?: unknown;
  default?: unknown;
  $ref?: string;
  $defs?: Record<string, JsonSchema>;
  anyOf?: JsonSchema[];
  oneOf?: JsonSchema[];
  minimum?: number;
  maximum?: number;
  pattern?: string;
  [key: string]: unknown;
}

let compiled: ValidateFunction | undefined;

/**
 * The schema's validator: the one compiled at build time in the bundles, else compiled now (the server
 * calls this right after start-up, ahead of the first validation).
 */
export function warmUpSchema(): ValidateFunction {
  compiled ??= precompiled ?? new Ajv2020(ajvOptions).compile(schema);
  return compiled;
}

/** Validates a spec value; compiled once per process. `verbose` keeps each error's schema for messages. */
export function validateAgainstSchema(value: unknown): ErrorObject[] {
  const validate = warmUpSchema();
  return validate(value) ? [] : [...(validate.errors ?? [])];
}

/** Follows a local `$ref` (only `#/$defs/...` is used in our schema). */
export function deref(s: JsonSchema | undefined): JsonSchema | undefined {
  let cur = s;
  for (let i = 0; cur?.$ref && i < 10; i++) {
    const name = cur.$ref.replace('#/$defs/', '');
    const target = schema.$defs?.[name];
    // A $ref with its own description keeps it: the description at the use site is the more specific one.
    cur = target ? { ...target, ...(cur.description ? { description: cur.description } : {}), $ref: undefined } : undefined;
  }
  return cur;
}

/**
 * The schema of the value at a path of keys and indices, or undefined when the schema has no such place.
 * With the document's `value`, conditional parts (`allOf` of `if: {properties: {k: {const}}}` / `then`)
 * that hold for it are merged in: a stage's `with:` keys depend on its `uses:`.
 */
export function schemaAtPath(path: ReadonlyArray<string | number>, value?: unknown): JsonSchema | undefined {
  let cur = deref(schema);
  let here = value;
  for (const seg of path) {
    if (!cur) return undefined;
    cur = childSchema(withConditions(cur, here), seg);
    here = here !== null && typeof here === 'object' ? (here as Record<string | number, unknown>)[seg] : undefined;
  }
  return cur && withConditions(cur, here);
}

/** Merges in the `then` properties of each `allOf` condition whose `const`s the instance matches. */
function withConditions(s: JsonSchema, instance: unknown): JsonSchema {
  if (!Array.isArray(s.allOf) || instance === null || typeof instance !== 'object') return s;
  let properties = s.properties;
  for (const part of s.allOf as JsonSchema[]) {
    const when = (part.if as JsonSchema | undefined)?.properties;
    const then = (part.then as JsonSchema | undefined)?.properties;
    if (!when || !then) continue;
    const holds = Object.entries(when).every(([k, c]) => c.const !== undefined && (instance as Record<string, unknown>)[k] === c.const);
    if (holds) properties = { ...properties, ...Object.fromEntries(Object.entries(then).map(([k, v]) => [k, { ...deref(v), description: deref(v)?.description ?? properties?.[k]?.description }])) };
  }
  return properties === s.properties ? s : { ...s, properties };
}

/** The schema of one child (property or item) of a schema. */
export function childSchema(s: JsonSchema, seg: string | number): JsonSchema | undefined {
  if (typeof seg === 'number') return s.items ? deref(s.items) : undefined;
  if (hasOwn(s.properties, seg)) return deref(s.properties![seg]);
  if (s.additionalProperties && typeof s.additionalProperties === 'object') return deref(s.additionalProperties);
  return undefined;
}

/** Types a schema allows, including through enum/const values. */
export function schemaTypes(s: JsonSchema): string[] {
  if (s.type) return Array.isArray(s.type) ? s.type : [s.type];
  const values = s.enum ?? (s.const !== undefined ? [s.const] : undefined);
  if (values) return [...new Set(values.map((v) => (typeof v === 'number' ? 'number' : typeof v)))];
  if (s.properties || s.additionalProperties) return ['object'];
  return [];
}
