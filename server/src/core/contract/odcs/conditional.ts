import type { Range } from 'vscode-languageserver-types';
import type { YMap, YNode } from '../../yaml/tree';
import { getPair } from '../../yaml/tree';
import { OPERATORS } from '../checks/operators';
import { METRICS } from './elements';
import { optionsFor } from './options';
import { optionsOf, SERVER_FIELDS_V30, SERVER_TYPES_V31_ONLY } from './versions';
import { SERVER_FIELDS, serverTypeFields } from './servers';
import { el, list, str, type Element, type Field, type OdcsVersion, type ValueType } from './types';
import { hasOwn, own } from '../../keys';

/** Code of the diagnostic for a between-operator that is not two different numbers. */
export const BETWEEN_CODE = 'odcs-between-needs-two-numbers';

export type Report = (range: Range, message: string, code?: string, data?: unknown) => void;
export type Check = (node: YNode, type: ValueType, where: string) => void;

/** An element as it applies to one mapping, once the keys that decide its shape have been read. */
export interface Effective {
  label: string;
  fields: Record<string, Field>;
  required: readonly string[];
  /** Keys already checked here (or allowed without a check): the caller skips them. */
  handled: Set<string>;
  /** True when keys beyond `fields` are allowed (ignored by tools): the caller only warns of near misses. */
  open?: boolean;
}

const scalar = (map: YMap, key: string): unknown => {
  const v = getPair(map, key)?.value;
  return v?.kind === 'scalar' ? v.value : v ? {} : undefined;
};
const join = (where: string, key: string) => (where ? `${where}.${key}` : key);

const propertiesField: Field = { type: list(el('property')), doc: 'The properties (fields) of an object value.' };
const itemsField: Field = { type: el('itemProperty'), doc: 'What each item of an array value is: its logicalType, options and properties.' };

/** A server type's connection keys as a version defines them (v3.0.2 restricts a few, lacks some types). */
function typeFields(type: string, version: OdcsVersion): ReturnType<typeof serverTypeFields> {
  if (version === '3.1') return serverTypeFields(type);
  if (SERVER_TYPES_V31_ONLY.has(type)) return undefined;
  const base = serverTypeFields(type);
  const changes = own(SERVER_FIELDS_V30, type);
  if (!base || !changes) return base;
  const fields = { ...base.fields };
  for (const [k, f] of Object.entries(changes)) { if (f) fields[k] = f; else delete fields[k]; }
  return { fields, required: base.required };
}

function server(e: Element, map: YMap, version: OdcsVersion): Effective {
  const type = scalar(map, 'type');
  const extra = typeof type === 'string' ? typeFields(type, version) : undefined;
  const handled = new Set<string>();
  // With an unknown type its connection keys cannot be judged; the type itself is reported.
  if (typeof type === 'string' && !extra) for (const p of map.pairs) if (!hasOwn(SERVER_FIELDS, String(p.key.value))) handled.add(String(p.key.value));
  const label = extra ? `${/^[aeiou]/i.test(String(type)) ? 'an' : 'a'} ${String(type)} server` : e.label;
  return { label, fields: { ...e.fields, ...extra?.fields }, required: [...(e.required ?? []), ...(extra?.required ?? [])], handled, open: e.open };
}

function options(map: YMap, logicalType: unknown, where: string, report: Report, check: Check, version: OdcsVersion): void {
  const node = getPair(map, 'logicalTypeOptions')?.value;
  if (!node) return;
  const w = join(where, 'logicalTypeOptions');
  if (node.kind !== 'map') { check(node, { t: 'object' }, w); return; }
  const allowed = optionsFor(logicalType, optionsOf(version));
  if (allowed === 'any') return;
  for (const p of node.pairs) {
    const key = String(p.key.value);
    const field = own(allowed, key);
    if (field) { check(p.value, field.type, join(w, key)); continue; }
    report(p.key.range, logicalType === undefined
      ? `logicalTypeOptions need a logicalType: add \`logicalType\` to say which kind of value "${key}" limits.`
      : `"${key}" is not an option of logicalType ${String(logicalType)}; it takes: ${Object.keys(allowed).join(', ')}.`);
  }
}

function property(e: Element, map: YMap, where: string, report: Report, check: Check, version: OdcsVersion): Effective {
  const lt = scalar(map, 'logicalType');
  const fields = { ...e.fields };
  if (lt === undefined || lt === 'object' || e.name === 'itemProperty') fields.properties = propertiesField;
  if (lt === undefined || lt === 'array') fields.items = itemsField;
  options(map, lt, where, report, check, version);
  return { label: e.label, fields, required: e.required ?? [], handled: new Set(['logicalTypeOptions']) };
}

const isNumber = (n: YNode) => n.kind === 'scalar' && typeof n.value === 'number';

function operator(map: YMap, key: string, where: string, report: Report, check: Check): void {
  const node = getPair(map, key)!.value;
  if (key === 'mustBe' || key === 'mustNotBe') return;
  if (key !== 'mustBeBetween' && key !== 'mustNotBeBetween') { check(node, { t: 'number' }, join(where, key)); return; }
  const two = node.kind === 'seq' && node.items.length === 2 && node.items.every(isNumber);
  const distinct = two && (node.items[0] as { value: number }).value !== (node.items[1] as { value: number }).value;
  if (!distinct) report(node.range, `${key} needs two different numbers, the low and the high bound, e.g. [0, 100].`, BETWEEN_CODE);
}

function operators(map: YMap, where: string, active: boolean, report: Report, check: Check): Set<string> {
  const present = map.pairs.filter((p) => (OPERATORS as readonly string[]).includes(String(p.key.value)));
  if (!active) {
    for (const p of present) report(p.key.range, `"${String(p.key.value)}" compares a measured value, so the rule needs a \`metric\` (or \`type: sql\` with a query).`);
  } else if (present.length === 0) {
    report(map.pairs[0]?.key.range ?? map.range, `The rule needs one operator to compare with: ${OPERATORS.join(', ')}.`);
  } else {
    for (const p of present.slice(1)) report(p.key.range, `A rule takes one operator; this one already has "${String(present[0]!.key.value)}". Split it into two rules.`);
    for (const p of present) operator(map, String(p.key.value), where, report, check);
  }
  return new Set(present.map((p) => String(p.key.value)));
}

/**
 * A v3.0 quality rule (v3.0.2's rules): a library rule (type library, or no type) is named by `rule`
 * and may carry any operators, each checked for its type; other keys are allowed and ignored.
 */
function quality30(e: Element, map: YMap, where: string, report: Report, check: Check): Effective {
  const type = scalar(map, 'type');
  const fields: Record<string, Field> = { ...e.fields };
  const required: string[] = [];
  const handled = new Set<string>();
  if (type === undefined || type === 'library') {
    fields.rule = { type: str(), doc: 'The library rule to apply (ODCS v3.0; `metric` since v3.1.0).' };
    required.push('rule');
    for (const p of map.pairs.filter((x) => (OPERATORS as readonly string[]).includes(String(x.key.value)))) {
      operator(map, String(p.key.value), where, report, check);
      handled.add(String(p.key.value));
    }
  }
  if (type === 'sql') { fields.query = { type: str(), doc: 'The SQL query; it returns one value.' }; required.push('query'); }
  if (type === 'custom') {
    fields.engine = { type: str(), doc: 'The engine that runs the rule, e.g. `soda`, `greatExpectations`.' };
    fields.implementation = { type: { t: 'either', options: [str(), { t: 'object' }] }, doc: 'The rule in the engine\'s own language.' };
    required.push('engine', 'implementation');
  }
  return { label: e.label, fields, required, handled, open: true };
}

function quality(e: Element, map: YMap, where: string, report: Report, check: Check, version: OdcsVersion): Effective {
  if (version === '3.0') return quality30(e, map, where, report, check);
  const type = scalar(map, 'type');
  const metric = scalar(map, 'metric');
  const library = type === 'library' || typeof metric === 'string';
  const sql = type === 'sql';
  const custom = type === 'custom';
  const fields: Record<string, Field> = { ...e.fields };
  const required: string[] = [];
  if (library) {
    fields.metric = { type: str({ enum: METRICS }), doc: 'The library metric to measure.' };
    fields.rule = { type: str(), doc: 'Old name of `metric`.', deprecated: 'use metric' };
    fields.arguments = { type: { t: 'object' }, doc: 'Arguments of the metric: `validValues`, `pattern`, `missingValues`, `properties`.' };
    required.push('metric');
  }
  if (sql) { fields.query = { type: str(), doc: 'The SQL query; it returns one value.' }; required.push('query'); }
  if (custom) {
    fields.engine = { type: str(), doc: 'The engine that runs the rule, e.g. `soda`, `greatExpectations`.' };
    fields.implementation = { type: { t: 'either', options: [str(), { t: 'object' }] }, doc: 'The rule in the engine\'s own language.' };
    required.push('engine', 'implementation');
  }
  const handled = operators(map, where, library || sql, report, check);
  const rule = getPair(map, 'rule');
  if (rule && !library && type === undefined) {
    // A v3.0-style rule in a v3.1.0 document: the official schema rejects the key; say what it became.
    report(rule.key.range, '"rule" is how ODCS v3.0 names a library rule; v3.1.0 calls it "metric" (nullValues, missingValues, invalidValues, duplicateValues, rowCount), or declare apiVersion: v3.0.2.');
    handled.add('rule');
  }
  return { label: e.label, fields, required, handled };
}

function relationship(e: Element, map: YMap, report: Report): Effective {
  const handled = new Set<string>();
  const from = getPair(map, 'from');
  if (e.name === 'propertyRelationship' && from) {
    report(from.key.range, 'A relationship on a property takes no "from": it starts at the property itself. Keep only "to".');
    handled.add('from');
  }
  const to = getPair(map, 'to');
  if (e.name === 'schemaRelationship' && from && to && (from.value.kind === 'seq') !== (to.value.kind === 'seq')) {
    report(to.value.range, '"from" and "to" must both be single references or both be lists of the same length.');
  }
  return { label: e.label, fields: e.fields, required: e.required ?? [], handled };
}

/** Resolves the keys an element allows for one mapping (server type, logicalType, quality rule type). */
export function effectiveElement(e: Element, map: YMap, where: string, report: Report, check: Check, version: OdcsVersion = '3.1'): Effective {
  switch (e.name) {
    case 'server': return server(e, map, version);
    case 'property': case 'itemProperty': return property(e, map, where, report, check, version);
    case 'quality': return quality(e, map, where, report, check, version);
    case 'schemaRelationship': case 'propertyRelationship': return relationship(e, map, report);
    default: return { label: e.label, fields: e.fields, required: e.required ?? [], handled: new Set(), open: e.open };
  }
}
