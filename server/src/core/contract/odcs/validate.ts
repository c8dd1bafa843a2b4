import { DiagnosticSeverity, type Diagnostic, type Range } from 'vscode-languageserver-types';
import { makeDiagnostic } from '../../diagnostics';
import { closest, closestValue } from '../../validation/similar';
import type { YMap, YNode, YPair } from '../../yaml/tree';
import { effectiveElement } from './conditional';
import { elementsOf, versionOf } from './versions';
import type { ElementName, Field, OdcsVersion, ValueType } from './types';
import { own } from '../../keys';

/** The code of every diagnostic about a contract's structure (keys, types, values). */
export const SCHEMA_CODE = 'odcs-schema';

/** Code of the warning about a key an open element (one that allows extra keys) does not define but nearly does. */
export const UNKNOWN_KEY_CODE = 'odcs-unknown-key';

interface Ctx {
  out: Diagnostic[];
  /** The ODCS version the document declares: its rules apply. */
  version: OdcsVersion;
}

function report(ctx: Ctx, range: Range, message: string, data?: unknown, code = SCHEMA_CODE): void {
  ctx.out.push(makeDiagnostic(range, code, message, 'error', data));
}

const versionName = (v: OdcsVersion) => (v === '3.0' ? 'v3.0.x' : 'v3.1.0');

/** "a string", "a list", ... for what was found at a node. */
export function kindOf(node: YNode): string {
  if (node.kind === 'map') return 'a mapping';
  if (node.kind === 'seq') return 'a list';
  const v = node.value;
  if (v === null || v === undefined) return 'nothing (null)';
  if (typeof v === 'number') return Number.isInteger(v) ? 'a whole number' : 'a number';
  if (typeof v === 'boolean') return `the boolean ${v}`;
  return 'a string';
}

const TYPE_WORDS: Record<ValueType['t'], string> = {
  string: 'a string', number: 'a number', integer: 'a whole number', boolean: 'true or false', object: 'a mapping',
  any: 'a value', scalar: 'a single value (not a list or mapping)', element: 'a mapping', list: 'a list', either: 'a value',
};

function expected(type: ValueType): string {
  if (type.t === 'either') return type.options.map(expected).join(' or ');
  return TYPE_WORDS[type.t];
}

function quoteHint(node: YNode, type: ValueType): string {
  if (type.t !== 'string' || node.kind !== 'scalar' || node.value === null) return '';
  // A number's written form (1.0, 1e3) is not kept by the parser, so only booleans are quoted back.
  return typeof node.value === 'boolean' ? `; quote it: "${String(node.value)}"` : '; put it in quotes';
}

const DATE = /^(\d{4})-(\d{2})-(\d{2})$/;
const DATE_TIME = /^(\d{4}-\d{2}-\d{2})[Tt ](\d{2}):(\d{2}):(\d{2})(\.\d+)?([Zz]|[+-]\d{2}:?\d{2})$/;

function validDate(s: string): boolean {
  const m = DATE.exec(s);
  if (!m) return false;
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
  const days = [31, y % 4 === 0 && (y % 100 !== 0 || y % 400 === 0) ? 29 : 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31][mo - 1];
  return days !== undefined && d >= 1 && d <= days;
}

/** Formats the standard names (JSON Schema formats): uri, date, date-time. */
function formatOk(format: 'uri' | 'date' | 'date-time', s: string): boolean {
  if (format === 'date') return validDate(s);
  if (format === 'uri') return /^[A-Za-z][A-Za-z0-9+.-]*:[^\s"<>\\^`{|}]*$/.test(s);
  const m = DATE_TIME.exec(s);
  return !!m && validDate(m[1]!) && Number(m[2]) < 24 && Number(m[3]) < 60 && Number(m[4]) < 61;
}

function checkString(node: YNode, type: Extract<ValueType, { t: 'string' }>, where: string, ctx: Ctx): void {
  const s = (node as { value: string }).value;
  if (type.enum && !type.enum.includes(s)) {
    const near = closestValue(s, type.enum);
    report(ctx, node.range, `"${s}" is not allowed for ${where}; use one of: ${type.enum.join(', ')}.${near ? ` Did you mean "${near}"?` : ''}`, near ? { replace: near } : undefined);
  }
  if (type.pattern && !type.pattern.test(s)) report(ctx, node.range, `${where} must be ${type.patternHint ?? `like ${type.pattern.source}`} (found "${s}").`);
  if (type.format && !formatOk(type.format, s)) {
    const hint = { uri: 'a URI with a scheme, e.g. s3://bucket/path', date: 'a date YYYY-MM-DD', 'date-time': 'a date-time with a time zone, e.g. 2024-05-01T10:00:00Z' }[type.format];
    report(ctx, node.range, `${where} must be ${hint} (found "${s}").`);
  }
}

function checkList(node: YNode & { kind: 'seq' }, type: Extract<ValueType, { t: 'list' }>, where: string, ctx: Ctx): void {
  if (type.minItems !== undefined && node.items.length < type.minItems) report(ctx, node.range, `${where} needs at least ${type.minItems} item${type.minItems === 1 ? '' : 's'}.`);
  if (type.maxItems !== undefined && node.items.length > type.maxItems) report(ctx, node.range, `${where} takes at most ${type.maxItems} items.`);
  if (type.unique) {
    const seen = new Set<string>();
    for (const item of node.items) {
      const key = JSON.stringify(item.kind === 'scalar' ? item.value : item.range);
      if (seen.has(key)) report(ctx, item.range, `${where} must not repeat a value.`);
      seen.add(key);
    }
  }
  node.items.forEach((item, i) => checkValue(item, type.of, `${where}[${i}]`, ctx));
}

/** Checks a value against a type, reporting at the value's exact range. */
export function checkValue(node: YNode, type: ValueType, where: string, ctx: Ctx): void {
  const v = node.kind === 'scalar' ? node.value : undefined;
  const fits = (t: ValueType): boolean => {
    switch (t.t) {
      case 'string': return typeof v === 'string';
      case 'number': return typeof v === 'number';
      case 'integer': return typeof v === 'number' && Number.isInteger(v);
      case 'boolean': return typeof v === 'boolean';
      case 'object': case 'element': return node.kind === 'map';
      case 'list': return node.kind === 'seq';
      case 'scalar': return node.kind === 'scalar';
      case 'any': return true;
      case 'either': return t.options.some(fits);
    }
  };
  if (!fits(type)) {
    report(ctx, node.range, `${where} must be ${expected(type)}, not ${kindOf(node)}${quoteHint(node, type)}.`);
    return;
  }
  if (type.t === 'either') { checkValue(node, type.options.find(fits)!, where, ctx); return; }
  if (type.t === 'string') checkString(node, type, where, ctx);
  else if (type.t === 'integer' && type.min !== undefined && (v as number) < type.min) report(ctx, node.range, `${where} must be ${type.min} or more.`);
  else if (type.t === 'number' && type.exclusiveMin !== undefined && (v as number) <= type.exclusiveMin) report(ctx, node.range, `${where} must be more than ${type.exclusiveMin}.`);
  else if (type.t === 'list') checkList(node as YNode & { kind: 'seq' }, type, where, ctx);
  else if (type.t === 'element') checkElement(node as YMap, type.element, where, ctx);
}

/** Where to point at a missing key: the first key of the mapping (the line a reader looks at). */
function mappingHead(map: YMap): Range {
  return map.pairs[0]?.key.range ?? map.range;
}

function checkPair(p: YPair, field: Field | undefined, known: string[], label: string, where: string, ctx: Ctx, open = false): void {
  const key = String(p.key.value);
  if (!field && open) {
    // The standard allows keys of its own here (tools ignore them); one that nearly spells a key it does define is likely a typo.
    const near = closest(key, known);
    if (near) ctx.out.push(makeDiagnostic(p.key.range, UNKNOWN_KEY_CODE, `"${key}" is not a key ODCS ${versionName(ctx.version)} defines for ${label}, so tools ignore it. Did you mean "${near}"?`, 'warning', { replace: near }));
    return;
  }
  if (!field) {
    const near = closest(key, known);
    report(ctx, p.key.range, `Unknown key "${key}" in ${label}.${near ? ` Did you mean "${near}"?` : ''}`, near ? { replace: near } : undefined);
    return;
  }
  checkValue(p.value, field.type, where ? `${where}.${key}` : key, ctx);
}

/** Checks a mapping against an element of the standard: known keys, required keys, each value. */
export function checkElement(map: YMap, name: ElementName, where: string, ctx: Ctx): void {
  const eff = effectiveElement(elementsOf(ctx.version)[name], map, where, (range, message, code, data) => report(ctx, range, message, data, code),
    (node, type, w) => checkValue(node, type, w, ctx), ctx.version);
  const known = Object.keys(eff.fields);
  for (const p of map.pairs) {
    const key = String(p.key.value);
    if (eff.handled.has(key)) continue;
    checkPair(p, own(eff.fields, key), known, eff.label, where, ctx, eff.open);
  }
  const present = new Set(map.pairs.map((p) => String(p.key.value)));
  const missing = eff.required.filter((k) => !present.has(k));
  if (missing.length > 0) {
    const keys = missing.map((k) => `"${k}"`);
    const list = keys.length === 1 ? keys[0] : `${keys.slice(0, -1).join(', ')} and ${keys.at(-1)}`;
    report(ctx, mappingHead(map), `${eff.label[0]!.toUpperCase()}${eff.label.slice(1)} needs ${list}.`, { missingKey: missing[0] });
  }
}

function structure(root: YNode | null, version: OdcsVersion): Diagnostic[] {
  const ctx: Ctx = { out: [], version };
  if (root === null) {
    report(ctx, { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } }, 'The contract is empty: it needs apiVersion, kind, id, version and status.');
  } else if (root.kind !== 'map') {
    report(ctx, root.range, `A contract must be a mapping of keys (apiVersion, kind, id, ...), not ${kindOf(root)}.`);
  } else {
    checkElement(root, 'contract', '', ctx);
  }
  return ctx.out;
}

const errorCount = (ds: Diagnostic[]) => ds.filter((d) => d.severity === DiagnosticSeverity.Error).length;

/**
 * Structural diagnostics of a contract, by the ODCS version it declares: one per problem, at its
 * exact range. A v3.0.x document is judged by v3.0.2's rules; as the official v3.1.0 schema also lists
 * v3.0.x (and the standard checks its own v3.0.2 examples with it), a v3.0.x document v3.1.0's rules
 * accept is valid too. When both find errors, the rules that find fewer speak (the version the author
 * most likely followed).
 */
export function validateStructure(root: YNode | null): Diagnostic[] {
  const declared = versionOf(root);
  const byDeclared = structure(root, declared);
  if (declared === '3.1' || errorCount(byDeclared) === 0) return byDeclared;
  const v31 = structure(root, '3.1');
  return errorCount(v31) < errorCount(byDeclared) ? v31 : byDeclared;
}
