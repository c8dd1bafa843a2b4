import type { Range } from 'vscode-languageserver-types';
import type { YMap, YNode } from '../../yaml/tree';
import { getPair } from '../../yaml/tree';
import { OPERATORS } from '../checks/operators';
import { METRICS } from './elements';
import { optionsFor } from './options';
import { SERVER_FIELDS, serverTypeFields } from './servers';
import { el, list, str, type Element, type Field, type ValueType } from './types';
import { hasOwn, own } from '../../keys';

/** Code of the diagnostic for a between-operator that is not two different numbers. */
export const BETWEEN_CODE = 'odcs-between-needs-two-numbers';

export type Report = (range: Range, message: string, code?: string) => void;
export type Check = (node: YNode, type: ValueType, where: string) => void;

/** An element as it applies to one mapping, once the keys that decide its shape have been read. */
export interface Effective {
  label: string;
  fields: Record<string, Field>;
  required: readonly string[];
  /** Keys already checked here (or allowed without a check): the caller skips them. */
  handled: Set<string>;
}

const scalar = (map: YMap, key: string): unknown => {
  const v = getPair(map, key)?.value;
  return v?.kind === 'scalar' ? v.value : v ? {} : undefined;
};
const join = (where: string, key: string) => (where ? `${where}.${key}` : key);

const propertiesField: Field = { type: list(el('property')), doc: 'The properties (fields) of an object value.' };
const itemsField: Field = { type: el('itemProperty'), doc: 'What each item of an array value is: its logicalType, options and properties.' };

function server(e: Element, map: YMap): Effective {
  const type = scalar(map, 'type');
  const extra = typeof type === 'string' ? serverTypeFields(type) : undefined;
  const handled = new Set<string>();
  // With an unknown type its connection keys cannot be judged; the type itself is reported.
  if (typeof type === 'string' && !extra) for (const p of map.pairs) if (!hasOwn(SERVER_FIELDS, String(p.key.value))) handled.add(String(p.key.value));
  const label = extra ? `a ${String(type)} server` : e.label;
  return { label, fields: { ...e.fields, ...extra?.fields }, required: [...(e.required ?? []), ...(extra?.required ?? [])], handled };
}

function options(map: YMap, logicalType: unknown, where: string, report: Report, check: Check): void {
  const node = getPair(map, 'logicalTypeOptions')?.value;
  if (!node) return;
  const w = join(where, 'logicalTypeOptions');
  if (node.kind !== 'map') { check(node, { t: 'object' }, w); return; }
  const allowed = optionsFor(logicalType);
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

function property(e: Element, map: YMap, where: string, report: Report, check: Check): Effective {
  const lt = scalar(map, 'logicalType');
  const fields = { ...e.fields };
  if (lt === undefined || lt === 'object' || e.name === 'itemProperty') fields.properties = propertiesField;
  if (lt === undefined || lt === 'array') fields.items = itemsField;
  options(map, lt, where, report, check);
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

function quality(e: Element, map: YMap, where: string, report: Report, check: Check): Effective {
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
export function effectiveElement(e: Element, map: YMap, where: string, report: Report, check: Check): Effective {
  switch (e.name) {
    case 'server': return server(e, map);
    case 'property': case 'itemProperty': return property(e, map, where, report, check);
    case 'quality': return quality(e, map, where, report, check);
    case 'schemaRelationship': case 'propertyRelationship': return relationship(e, map, report);
    default: {
      const handled = new Set(e.open ? map.pairs.map((p) => String(p.key.value)).filter((k) => !hasOwn(e.fields, k)) : []);
      return { label: e.label, fields: e.fields, required: e.required ?? [], handled };
    }
  }
}
