import { getChild, getPair, type PathSegment, type YMap, type YNode } from '../../yaml/tree';
import { OPERATORS } from '../checks/operators';
import { effectiveElement } from './conditional';
import { ELEMENTS } from './elements';
import { optionsFor } from './options';
import type { ElementName, Field, ValueType } from './types';
import { own } from '../../keys';

/** What the standard says is at a place in a contract: the keys of the mapping there, or a key's field. */
export interface Place {
  /** The element a mapping at this path is, with the keys it takes there. */
  element?: { name: ElementName; label: string; fields: Record<string, Field> };
  /** The field of the last key of the path (for hover and value completion). */
  field?: Field;
}

const EMPTY: YMap = { kind: 'map', pairs: [], flow: false, range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } } };
const noop = () => undefined;

const OPERATOR_DOCS: Record<string, string> = {
  mustBe: 'The measured value must equal this number (`=`).', mustNotBe: 'The measured value must differ from this number (`≠`).',
  mustBeGreaterThan: 'The measured value must be above this number (`>`).', mustBeGreaterOrEqualTo: 'The measured value must be at least this number (`≥`).',
  mustBeLessThan: 'The measured value must be below this number (`<`).', mustBeLessOrEqualTo: 'The measured value must be at most this number (`≤`).',
  mustBeBetween: 'The measured value must lie between two numbers `[low, high]`; the standard defines it as greater than low and less than high.',
  mustNotBeBetween: 'The measured value must lie outside `[low, high]`.',
};

/** The keys a mapping of an element takes, with the conditional ones resolved for that mapping. */
export function fieldsOf(name: ElementName, map: YMap | undefined, parent: YMap | undefined): Record<string, Field> {
  if (name === 'logicalTypeOptions') {
    const allowed = optionsFor(parent ? (getChild(parent, 'logicalType') as { value?: unknown } | undefined)?.value : undefined);
    return allowed === 'any' ? {} : allowed;
  }
  const m = map ?? EMPTY;
  const fields = { ...effectiveElement(ELEMENTS[name], m, '', noop, noop).fields };
  if (name === 'quality') {
    const said = (k: string) => typeof (getPair(m, k)?.value as { value?: unknown } | undefined)?.value === 'string';
    const decided = said('type') || said('metric');
    if (!decided) fields.metric = { type: { t: 'string', enum: ['nullValues', 'missingValues', 'invalidValues', 'duplicateValues', 'rowCount'] }, doc: 'The library metric to measure: nullValues, missingValues, invalidValues, duplicateValues or rowCount.' };
    if (!decided || 'metric' in fields || 'query' in fields) {
      for (const op of OPERATORS) fields[op] = { type: op.includes('Between') ? { t: 'list', of: { t: 'number' } } : { t: 'number' }, doc: OPERATOR_DOCS[op]! };
    }
  }
  return fields;
}

function pickOption(type: ValueType, node: YNode | undefined): ValueType {
  if (type.t !== 'either') return type;
  return type.options.find((o) => (node?.kind === 'seq' ? o.t === 'list' : node?.kind === 'map' ? o.t === 'element' || o.t === 'object' : true)) ?? type.options[0]!;
}

/** Follows a path from the root through the standard's elements, as far as the path goes. */
export function placeAt(root: YNode | null, path: readonly PathSegment[]): Place {
  let type: ValueType = { t: 'element', element: 'contract' };
  let node: YNode | undefined = root ?? undefined;
  let parent: YMap | undefined;
  let field: Field | undefined;
  for (const seg of path) {
    type = pickOption(type, node);
    if (type.t === 'list' && typeof seg === 'number') {
      type = type.of;
      node = node?.kind === 'seq' ? node.items[seg] : undefined;
      continue;
    }
    if (type.t !== 'element' || typeof seg !== 'string') return {};
    const map = node?.kind === 'map' ? node : undefined;
    field = own(fieldsOf(type.element, map, parent), seg);
    if (!field) return {};
    parent = map;
    node = map ? getChild(map, seg) : undefined;
    type = field.type;
  }
  type = pickOption(type, node);
  if (type.t === 'list') type = pickOption(type.of, undefined);
  if (type.t !== 'element') return { field };
  const e = ELEMENTS[type.element];
  return { field, element: { name: e.name, label: e.label, fields: fieldsOf(e.name, node?.kind === 'map' ? node : undefined, parent) } };
}
