import type { Hover, Position } from 'vscode-languageserver-types';
import { treeHitAt } from '../../yaml/locate';
import type { YNode } from '../../yaml/tree';
import { placeAt } from '../odcs/locate';
import type { Field, ValueType } from '../odcs/types';
import { own } from '../../keys';

// What each enumerated value means, for hover on values.
const VALUE_DOCS: Record<string, Record<string, string>> = {
  metric: {
    nullValues: 'Counts null values in the column.',
    missingValues: 'Counts values taken as missing: those in `arguments.missingValues` (default: null and the empty string).',
    invalidValues: 'Counts values outside `arguments.validValues`, or not matching `arguments.pattern`.',
    duplicateValues: 'Counts values that repeat: in the column, or, on a schema object, across `arguments.properties`.',
    rowCount: 'Counts the rows of the object.',
  },
  logicalType: {
    string: 'Text.', date: 'A calendar date (ISO 8601 `yyyy-MM-dd` unless `format` says otherwise).', timestamp: 'A date and time.',
    time: 'A time of day.', number: 'A number, with or without a fraction.', integer: 'A whole number.',
    object: 'A structure with named properties (`properties:`).', array: 'A list of values (`items:` describes each).', boolean: 'true or false.',
  },
  type: {
    library: 'A predefined metric (`metric:`) compared with an operator.', sql: 'A query (`query:`) whose single result is compared with an operator.',
    text: 'A rule written for people; not run by tools.', custom: 'A rule for another engine (`engine:` and `implementation:`).',
  },
};

function typeText(t: ValueType): string {
  switch (t.t) {
    case 'element': return 'mapping';
    case 'list': return `list of ${typeText(t.of)}`;
    case 'either': return t.options.map(typeText).join(' | ');
    case 'scalar': return 'string | number | boolean | null';
    case 'integer': return t.min !== undefined ? `integer >= ${t.min}` : 'integer';
    default: return t.t;
  }
}

function fieldMarkdown(key: string, f: Field): string {
  const parts = [`**${key}**`, f.doc];
  if (f.type.t === 'string' && f.type.enum) parts.push(`One of: ${f.type.enum.map((v) => `\`${v}\``).join(', ')}`);
  else parts.push(`Type: ${typeText(f.type)}`);
  if (f.deprecated) parts.push(`*Deprecated* (${f.deprecated}).`);
  return parts.join('\n\n');
}

/** Hover in a contract: what a key means in the standard, or what an enumerated value means. */
export function hoverContract(root: YNode | null, pos: Position): Hover | null {
  const hit = treeHitAt(root, pos);
  if (!hit?.scalar) return null;
  const key = [...hit.path].reverse().find((s): s is string => typeof s === 'string');
  const place = placeAt(root, hit.path);
  if (!place.field || key === undefined) return null;
  const range = hit.scalar.range;
  if (!hit.onKey) {
    const doc = own(own(VALUE_DOCS, key), String(hit.scalar.value));
    if (doc) return { range, contents: { kind: 'markdown', value: `**${key}: ${String(hit.scalar.value)}**\n\n${doc}` } };
  }
  return { range, contents: { kind: 'markdown', value: fieldMarkdown(key, place.field) } };
}
