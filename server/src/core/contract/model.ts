import type { Range } from 'vscode-languageserver-types';
import { parseYaml } from '../yaml/parse';
import { LOGICAL_TYPES } from './odcs/elements';
import { getChild, getPair, toValue, type YMap, type YNode } from '../yaml/tree';

/** An ODCS v3 data contract as the rest of the engine reads it: schema objects and their columns. */
export interface ContractModel {
  path: string;
  apiVersion?: string;
  id?: string;
  version?: string;
  name?: string;
  schemas: ContractSchemaObject[];
  /** The contract's `slaProperties`, in order. */
  sla: SlaProperty[];
  /** v3.0 `slaDefaultElement`: the element an SLA without its own `element` applies to. */
  slaDefaultElement?: string;
}

/** One entry of `slaProperties`. */
export interface SlaProperty {
  id?: string;
  property: string;
  value: unknown;
  valueExt?: unknown;
  unit?: string;
  element?: string;
  range: Range;
}

export interface ContractSchemaObject {
  name: string;
  physicalName?: string;
  properties: ContractProperty[];
  quality: QualityRule[];
  range: Range;
  nameRange: Range;
}

export interface ContractProperty {
  name: string;
  logicalType?: string;
  physicalType?: string;
  required: boolean;
  unique: boolean;
  primaryKey: boolean;
  primaryKeyPosition?: number;
  description?: string;
  /** How sensitive the values are (`public`, `restricted`, `pii`, ...): decides whether samples show them. */
  classification?: string;
  tags?: string[];
  /** The property's `logicalTypeOptions` (minimum, maximum, pattern, format, ...). */
  options: Record<string, unknown>;
  /** Allowed values, from a quality rule `invalidValues` with `arguments.validValues`. */
  validValues?: unknown[];
  quality: QualityRule[];
  /** Nested properties of an `object` property (or of an array's items). */
  properties?: ContractProperty[];
  /** What each item of an `array` property is (named `items`). */
  items?: ContractProperty;
  range: Range;
  nameRange: Range;
  /**
   * Where each of the property's own keys and each `logicalTypeOptions` key is written (the key's
   * range), so a failing rule is reported on its own line rather than on the property's name.
   */
  keyRanges: Map<string, Range>;
}

export interface QualityRule {
  type?: string;
  metric?: string;
  rule?: string;
  raw: Record<string, unknown>;
  range: Range;
}

const NUMERIC_TYPES = new Set(['number', 'integer']);
const KNOWN_TYPES = new Set<string>(LOGICAL_TYPES);

/**
 * True for a logicalType the standard allows. A column with another one (`int`) is reported in the
 * contract; checks elsewhere skip it rather than reason from a type that does not exist.
 */
export function isKnownLogicalType(t: string | undefined): t is string {
  return t !== undefined && KNOWN_TYPES.has(t);
}

/** True when the logical type holds numbers (ODCS `number` and `integer`). */
export function isNumericLogicalType(t: string | undefined): boolean {
  return t !== undefined && NUMERIC_TYPES.has(t);
}

function str(node: YNode | undefined): string | undefined {
  return node?.kind === 'scalar' && node.value !== null && node.value !== undefined ? String(node.value) : undefined;
}

function strings(node: YNode | undefined): string[] | undefined {
  return node?.kind === 'seq' ? node.items.flatMap((i) => (i.kind === 'scalar' && i.value !== null && i.value !== undefined ? [String(i.value)] : [])) : undefined;
}

function bool(node: YNode | undefined): boolean {
  return node?.kind === 'scalar' && node.value === true;
}

function record(node: YNode | undefined): Record<string, unknown> {
  const v = node ? toValue(node) : undefined;
  return v && typeof v === 'object' && !Array.isArray(v) ? (v as Record<string, unknown>) : {};
}

function readQuality(node: YNode | undefined): QualityRule[] {
  if (node?.kind !== 'seq') return [];
  return node.items.filter((i): i is YMap => i.kind === 'map').map((m) => {
    const raw = record(m);
    return {
      type: typeof raw.type === 'string' ? raw.type : undefined,
      metric: typeof raw.metric === 'string' ? raw.metric : undefined,
      rule: typeof raw.rule === 'string' ? raw.rule : undefined,
      raw,
      range: m.range,
    };
  });
}

/** validValues of the first `invalidValues` rule (ODCS 3.1), or of a 3.0-style `validValues` rule. */
function validValuesOf(quality: QualityRule[]): unknown[] | undefined {
  for (const q of quality) {
    const name = q.metric ?? q.rule;
    const args = q.raw.arguments as Record<string, unknown> | undefined;
    if (name === 'invalidValues' && Array.isArray(args?.validValues)) return args.validValues as unknown[];
    if (name === 'validValues' && Array.isArray(q.raw.validValues)) return q.raw.validValues as unknown[];
  }
  return undefined;
}

function readProperties(node: YNode | undefined, depth: number): ContractProperty[] | undefined {
  if (node?.kind !== 'seq') return undefined;
  return node.items.flatMap((p) => (p.kind === 'map' ? [readProperty(p, undefined, depth)].filter((x): x is ContractProperty => !!x) : []));
}

// Nesting deeper than this is not read (a guard against runaway input; real data rarely nests past 5).
const MAX_DEPTH = 16;

function readProperty(m: YMap, fixedName?: string, depth = 0): ContractProperty | undefined {
  const name = fixedName ?? str(getChild(m, 'name'));
  if (name === undefined) return undefined;
  const quality = readQuality(getChild(m, 'quality'));
  const pkPos = getChild(m, 'primaryKeyPosition');
  return {
    name,
    logicalType: str(getChild(m, 'logicalType')),
    physicalType: str(getChild(m, 'physicalType')),
    required: bool(getChild(m, 'required')),
    unique: bool(getChild(m, 'unique')),
    primaryKey: bool(getChild(m, 'primaryKey')),
    primaryKeyPosition: pkPos?.kind === 'scalar' && typeof pkPos.value === 'number' ? pkPos.value : undefined,
    description: str(getChild(m, 'description')),
    classification: str(getChild(m, 'classification')),
    tags: strings(getChild(m, 'tags')),
    options: record(getChild(m, 'logicalTypeOptions')),
    validValues: validValuesOf(quality),
    quality,
    ...nested(m, depth),
    range: m.range,
    nameRange: getPair(m, 'name')?.value.range ?? m.pairs[0]?.key.range ?? m.range,
    keyRanges: keyRangesOf(m),
  };
}

/** The range of each key of a property and of its logicalTypeOptions (the first one when keys repeat). */
function keyRangesOf(m: YMap): Map<string, Range> {
  const out = new Map<string, Range>();
  const options = getChild(m, 'logicalTypeOptions');
  const pairs = [...m.pairs, ...(options?.kind === 'map' ? options.pairs : [])];
  for (const p of pairs) {
    const key = String(p.key.value);
    if (!out.has(key)) out.set(key, p.key.range);
  }
  return out;
}

function nested(m: YMap, depth: number): Pick<ContractProperty, 'properties' | 'items'> {
  if (depth >= MAX_DEPTH) return {};
  const items = getChild(m, 'items');
  const properties = readProperties(getChild(m, 'properties'), depth + 1);
  const item = items?.kind === 'map' ? readProperty(items, 'items', depth + 1) : undefined;
  return { ...(properties ? { properties } : {}), ...(item ? { items: item } : {}) };
}

function readSchemaObject(m: YMap): ContractSchemaObject | undefined {
  const name = str(getChild(m, 'name'));
  if (name === undefined) return undefined;
  const props = getChild(m, 'properties');
  const properties = props?.kind === 'seq'
    ? props.items.flatMap((p) => (p.kind === 'map' ? [readProperty(p)].filter((x): x is ContractProperty => !!x) : []))
    : [];
  return {
    name,
    physicalName: str(getChild(m, 'physicalName')),
    properties,
    quality: readQuality(getChild(m, 'quality')),
    range: m.range,
    nameRange: getPair(m, 'name')!.value.range,
  };
}

function readSla(node: YNode | undefined): SlaProperty[] {
  if (node?.kind !== 'seq') return [];
  return node.items.flatMap((m) => {
    if (m.kind !== 'map') return [];
    const raw = record(m);
    if (typeof raw.property !== 'string') return [];
    return [{
      property: raw.property, value: raw.value, range: m.range,
      ...(typeof raw.id === 'string' ? { id: raw.id } : {}),
      ...(raw.valueExt !== undefined ? { valueExt: raw.valueExt } : {}),
      ...(typeof raw.unit === 'string' ? { unit: raw.unit } : {}),
      ...(typeof raw.element === 'string' ? { element: raw.element } : {}),
    }];
  });
}

/** Reads a contract from its text. Never throws: a broken contract gives what could be read. */
export function readContract(text: string, path: string): ContractModel {
  return contractFromTree(parseYaml(text).root, path);
}

/** The same as readContract, from a tree already parsed (callers that also validate parse once). */
export function contractFromTree(root: YNode | null, path: string): ContractModel {
  const schema = getChild(root ?? undefined, 'schema');
  const schemas = schema?.kind === 'seq'
    ? schema.items.flatMap((s) => (s.kind === 'map' ? [readSchemaObject(s)].filter((x): x is ContractSchemaObject => !!x) : []))
    : [];
  return {
    path,
    apiVersion: str(getChild(root ?? undefined, 'apiVersion')),
    id: str(getChild(root ?? undefined, 'id')),
    version: str(getChild(root ?? undefined, 'version')),
    name: str(getChild(root ?? undefined, 'name')),
    schemas,
    sla: readSla(getChild(root ?? undefined, 'slaProperties')),
    slaDefaultElement: str(getChild(root ?? undefined, 'slaDefaultElement')),
  };
}

/**
 * The schema object a data file uses: the named one, else the only one, else the one whose name or
 * physicalName matches the file's base name. Undefined when none fits.
 */
export function selectSchemaObject(model: ContractModel, name: string | undefined, dataPath?: string): ContractSchemaObject | undefined {
  if (name !== undefined) return model.schemas.find((s) => s.name === name);
  if (model.schemas.length === 1) return model.schemas[0];
  const base = dataPath?.split(/[\\/]/).pop()?.replace(/\.[^.]+$/, '');
  return model.schemas.find((s) => s.name === base || s.physicalName?.replace(/\.[^.]+$/, '') === base);
}
