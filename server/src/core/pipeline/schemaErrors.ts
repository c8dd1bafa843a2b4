import type { ErrorObject } from 'ajv';
import type { Diagnostic, Range } from 'vscode-languageserver-types';
import { makeDiagnostic, type FixData } from '../diagnostics';
import { own } from '../keys';
import { MAX_PER_CHECK, omitted } from '../validation/limits';
import { nodeAtPath, type PathSegment, type YNode, type YPair } from '../yaml/tree';
import type { JsonSchema } from './schema';
import { closest, closestValue } from '../validation/similar';

const ZERO: Range = { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } };

/** Converts a JSON pointer to path segments, using numbers where the tree holds a sequence. */
function pointerPath(pointer: string, root: YNode | null): PathSegment[] {
  const raw = pointer === '' ? [] : pointer.slice(1).split('/').map((s) => s.replace(/~1/g, '/').replace(/~0/g, '~'));
  const out: PathSegment[] = [];
  let node: YNode | null = root;
  for (const seg of raw) {
    const isIndex = node?.kind === 'seq' && /^\d+$/.test(seg);
    out.push(isIndex ? Number(seg) : seg);
    node = nodeAtPath(node, [isIndex ? Number(seg) : seg]).node;
  }
  return out;
}

export function displayPath(path: PathSegment[]): string {
  if (path.length === 0) return 'the top level';
  return path.reduce<string>((acc, s) => (typeof s === 'number' ? `${acc}[${s}]` : acc ? `${acc}.${s}` : s), '');
}

function describe(v: unknown): string {
  if (v === null) return 'null';
  if (Array.isArray(v)) return 'a list';
  if (typeof v === 'object') return 'a mapping';
  return `${typeof v} ${JSON.stringify(v)}`;
}

interface Located { range: Range; pair?: YPair; node: YNode | null }

function locate(root: YNode | null, path: PathSegment[]): Located {
  const hit = nodeAtPath(root, path);
  if (hit.found && hit.node) return { range: hit.node.range, pair: hit.pair, node: hit.node };
  return { range: hit.pair?.key.range ?? hit.node?.range ?? ZERO, pair: hit.pair, node: hit.node };
}

/** Range of the key that owns the object at `path` (where "missing key" problems are shown). */
function ownerKeyRange(root: YNode | null, path: PathSegment[]): Range {
  if (path.length > 0) {
    const hit = nodeAtPath(root, path);
    if (hit.pair && hit.found) return hit.pair.key.range;
    if (hit.node) return firstLine(hit.node.range);
  }
  const first = root?.kind === 'map' ? root.pairs[0] : undefined;
  return first ? first.key.range : ZERO;
}

function firstLine(r: Range): Range {
  return r.start.line === r.end.line ? r : { start: r.start, end: { line: r.start.line, character: r.start.character + 1 } };
}

function missingKey(root: YNode | null, path: PathSegment[], key: string, alternatives?: string[]): Diagnostic {
  const where = displayPath(path);
  const hit = nodeAtPath(root, path);
  const fix: FixData = { missingKey: key };
  if (hit.node?.kind === 'map' && !hit.node.flow) {
    const child = hit.node.pairs[0]?.key.range.start;
    if (child) fix.insertAt = { line: hit.node.pairs.at(-1)!.value.range.end.line, indent: child.character };
  }
  const what = alternatives ? `one of ${alternatives.map((a) => `"${a}"`).join(', ')}` : `"${key}"`;
  return makeDiagnostic(ownerKeyRange(root, path), 'schema', `Missing required key ${what} in ${where}.`, 'error', fix);
}

function unknownKey(root: YNode | null, path: PathSegment[], key: string, parent: JsonSchema | undefined): Diagnostic {
  const hit = nodeAtPath(root, [...path, key]);
  const range = hit.pair?.key.range ?? locate(root, path).range;
  const suggestion = closest(key, Object.keys(parent?.properties ?? {}));
  const fix: FixData = { replace: suggestion };
  if (hit.pair) fix.removeRange = { start: hit.pair.key.range.start, end: hit.pair.value.range.end };
  const hint = suggestion ? ` Did you mean "${suggestion}"?` : '';
  return makeDiagnostic(range, 'schema', `Unknown key "${key}" in ${displayPath(path)}.${hint}`, 'error', fix);
}

function badValue(root: YNode | null, path: PathSegment[], e: ErrorObject): Diagnostic {
  const { range } = locate(root, path);
  const where = displayPath(path);
  const allowed = (e.params as { allowedValues?: unknown[] }).allowedValues;
  switch (e.keyword) {
    case 'type':
      return makeDiagnostic(range, 'schema', `${where} must be ${article((e.params as { type: string | string[] }).type)}, not ${describe(e.data)}.`);
    case 'enum': {
      const suggestion = typeof e.data === 'string' ? closestValue(e.data, (allowed ?? []).map(String)) : undefined;
      const hint = suggestion ? ` Did you mean "${suggestion}"?` : '';
      return makeDiagnostic(range, 'schema', `${describe(e.data)} is not allowed for ${where}; use one of: ${(allowed ?? []).join(', ')}.${hint}`, 'error', { replace: suggestion });
    }
    case 'const': {
      const want = (e.params as { allowedValue: unknown }).allowedValue;
      return makeDiagnostic(range, 'schema', `${where} must be "${String(want)}".`, 'error', { replace: String(want) });
    }
    default:
      return makeDiagnostic(range, 'schema', `${where} ${e.message ?? 'is invalid'}.`);
  }
}

/** Ajv names the wanted type as "string", "string,number" or, for a list of types, an array of names. */
function article(type: string | string[]): string {
  const names: Record<string, string> = { object: 'a mapping', array: 'a list', string: 'a string', integer: 'an integer', number: 'a number', boolean: 'true or false', null: 'empty' };
  const list = Array.isArray(type) ? type : String(type).split(',');
  return list.map((t) => own(names, t) ?? t).join(' or ');
}

/** Turns ajv errors into one diagnostic per problem, on the offending key or value. */
export function schemaDiagnostics(errors: ErrorObject[], root: YNode | null): Diagnostic[] {
  // Errors grouped by the place they are about: a list of 100,000 bad items gives as many errors (and
  // as many anyOf errors), and comparing each with all the others would be quadratic.
  const byPlace = groupByPlace(errors);
  const combinators = groupByPlace(errors.filter(isCombinator));
  const out: Diagnostic[] = [];
  let unlisted = 0;
  for (const e of errors) {
    if (underCombinator(e, combinators) || e.keyword === 'propertyNames' || e.keyword === 'if') continue;
    if (out.length >= MAX_PER_CHECK) { unlisted++; continue; }
    const path = pointerPath(e.instancePath, root);
    const params = e.params as Record<string, unknown>;
    if (e.keyword === 'additionalProperties') out.push(unknownKey(root, path, String(params.additionalProperty), e.parentSchema as JsonSchema));
    else if (e.keyword === 'required') out.push(missingKey(root, path, String(params.missingProperty)));
    else if (e.keyword === 'anyOf' || e.keyword === 'oneOf') out.push(combinatorError(e, byPlace.get(e.instancePath)!, root, path));
    else if (params.propertyName !== undefined) {
      const key = nodeAtPath(root, [...path, String(params.propertyName)]).pair?.key.range ?? locate(root, path).range;
      out.push(makeDiagnostic(key, 'schema', `"${String(params.propertyName)}" is not a valid name in ${displayPath(path)}: use letters, digits, "_", "-" and ".".`));
    } else out.push(badValue(root, path, e));
  }
  return unlisted ? [...dedupe(out), omitted('schema', unlisted)] : dedupe(out);
}

const isCombinator = (e: ErrorObject) => e.keyword === 'anyOf' || e.keyword === 'oneOf';

function groupByPlace(errors: ErrorObject[]): Map<string, ErrorObject[]> {
  const byPlace = new Map<string, ErrorObject[]>();
  for (const e of errors) {
    const list = byPlace.get(e.instancePath);
    if (list) list.push(e); else byPlace.set(e.instancePath, [e]);
  }
  return byPlace;
}

/** True when an anyOf/oneOf error at this place or above it explains `e` (that one is reported instead). */
function underCombinator(e: ErrorObject, combinators: Map<string, ErrorObject[]>): boolean {
  for (let place = e.instancePath; ; place = place.slice(0, place.lastIndexOf('/'))) {
    const here = combinators.get(place);
    if (here?.some((c) => c !== e && e.schemaPath.startsWith(c.schemaPath + '/'))) return true;
    if (place === '') return false;
  }
}

/** An anyOf/oneOf error, explained by the errors of its branches at the same place (`here`). */
function combinatorError(e: ErrorObject, here: ErrorObject[], root: YNode | null, path: PathSegment[]): Diagnostic {
  const subs = here.filter((s) => s !== e && s.schemaPath.startsWith(e.schemaPath + '/'));
  const missing = subs.filter((s) => s.keyword === 'required').map((s) => String((s.params as { missingProperty: string }).missingProperty));
  if (missing.length === subs.length && missing.length > 0) return missingKey(root, path, missing[0]!, [...new Set(missing)]);
  const desc = (e.parentSchema as JsonSchema | undefined)?.description;
  return makeDiagnostic(locate(root, path).range, 'schema', `${displayPath(path)} is not valid${desc ? `: ${desc}` : '.'}`);
}

function dedupe(ds: Diagnostic[]): Diagnostic[] {
  const seen = new Set<string>();
  return ds.filter((d) => {
    const k = `${d.range.start.line}:${d.range.start.character}:${d.message}`;
    if (seen.has(k)) return false;
    seen.add(k);
    return true;
  });
}
