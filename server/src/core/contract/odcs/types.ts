/**
 * The vocabulary our ODCS validator is written in: what a value must be, and which keys an element of
 * the contract has. Written from the standard's text; conditional parts (a server's keys depend on its
 * `type`, a property's options on its `logicalType`, a quality rule's keys on its `type`) are resolved
 * in elements.ts.
 */
export type ValueType =
  | { t: 'string'; enum?: readonly string[]; pattern?: RegExp; patternHint?: string; format?: 'uri' | 'date' | 'date-time' }
  | { t: 'number'; exclusiveMin?: number }
  | { t: 'integer'; min?: number }
  | { t: 'boolean' }
  | { t: 'object' }
  /** Any JSON value. */
  | { t: 'any' }
  /** A string, number, boolean or null (not a list or a mapping). */
  | { t: 'scalar' }
  | { t: 'element'; element: ElementName }
  | { t: 'list'; of: ValueType; minItems?: number; maxItems?: number; unique?: boolean }
  /** One of several shapes, told apart by the kind of value (mapping, list or scalar). */
  | { t: 'either'; options: ValueType[] };

/** The ODCS versions validated by their own rules: v3.0.x (as v3.0.2 defines it) and v3.1.0. */
export type OdcsVersion = '3.0' | '3.1';

export interface Field {
  type: ValueType;
  /** What the key means, shown on hover and in completion. */
  doc: string;
  deprecated?: string;
}

export type ElementName =
  | 'contract' | 'description' | 'server' | 'role' | 'schemaObject' | 'property' | 'itemProperty' | 'quality'
  | 'schemaRelationship' | 'propertyRelationship' | 'authoritativeDefinition' | 'customProperty' | 'supportItem'
  | 'pricing' | 'team' | 'teamMember' | 'sla' | 'logicalTypeOptions'
  /** A team member in a v3.0.x list (`team: [...]`), which allows keys of its own. */
  | 'listedTeamMember';

export interface Element {
  name: ElementName;
  /** How messages name it: "a schema object", "a quality rule". */
  label: string;
  fields: Record<string, Field>;
  required?: readonly string[];
  /** True when keys other than `fields` are allowed. */
  open?: boolean;
}

export const str = (extra: Omit<Extract<ValueType, { t: 'string' }>, 't'> = {}): ValueType => ({ t: 'string', ...extra });
export const num: ValueType = { t: 'number' };
export const int: ValueType = { t: 'integer' };
export const nonNegative: ValueType = { t: 'integer', min: 0 };
export const bool: ValueType = { t: 'boolean' };
export const el = (element: ElementName): ValueType => ({ t: 'element', element });
export const list = (of: ValueType, extra: { minItems?: number; maxItems?: number; unique?: boolean } = {}): ValueType => ({ t: 'list', of, ...extra });

/** Ids that other parts of a contract may refer to: letters, digits, `_` and `-`. */
export const stableId: Field = {
  type: str({ pattern: /^[A-Za-z0-9_-]+$/, patternHint: 'letters, digits, "_" and "-" only' }),
  doc: 'A stable identifier of this element, so other parts of the contract can refer to it even when its name changes. Letters, digits, `_` and `-`.',
};
