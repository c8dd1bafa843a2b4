import { getChild, type YNode } from '../../yaml/tree';
import { ELEMENTS, LOGICAL_TYPES } from './elements';
import { OPTIONS_BY_TYPE } from './options';
import { SERVER_TYPES } from './servers';
import { bool, el, list, str, type Element, type ElementName, type Field, type OdcsVersion } from './types';

/**
 * ODCS v3.0.x as its official JSON Schema (v3.0.2) defines it, where that schema is sound; v3.1.0 is
 * the base table (elements.ts). validate.ts judges a document by the version its apiVersion declares.
 *
 * v3.0.2 differs from v3.1.0 in: no `id` or `relationships` on schema elements; no `timestamp` or
 * `time` logical types; exclusiveMinimum/exclusiveMaximum are booleans beside minimum/maximum; a
 * library rule is named by `rule` (required when `type` is library or absent) and may carry any
 * number of operators; `team` is a list of members; servers, quality rules, team members, roles,
 * SLAs, support channels, prices, authoritative definitions and custom properties take keys beyond
 * those it names (they are ignored); a support channel needs `url`; S3, Azure and SFTP servers list
 * their formats and delimiters; there are no hive, impala or zen servers.
 *
 * Where v3.0.2 is not sound we keep v3.1.0's rule: a DuckDB server's `schema` is a name (a string),
 * not the integer v3.0.2 asks for.
 */
export function versionOf(root: YNode | null): OdcsVersion {
  const v = getChild(root ?? undefined, 'apiVersion');
  return v?.kind === 'scalar' && typeof v.value === 'string' && /^v3\.0\.\d+$/.test(v.value) ? '3.0' : '3.1';
}

/** Server types v3.0.2 does not have. */
export const SERVER_TYPES_V31_ONLY = new Set(['hive', 'impala', 'zen']);

const without = (fields: Record<string, Field>, ...keys: string[]) => Object.fromEntries(Object.entries(fields).filter(([k]) => !keys.includes(k)));
const only = (fields: Record<string, Field>, ...keys: string[]) => Object.fromEntries(keys.flatMap((k) => (fields[k] ? [[k, fields[k]!] as const] : [])));
const notDeprecated = (f: Field): Field => ({ type: f.type, doc: f.doc });

const logicalType30: Field = { ...ELEMENTS.property.fields.logicalType!, type: str({ enum: LOGICAL_TYPES.filter((t) => t !== 'timestamp' && t !== 'time') }) };

function property30(e: Element): Element {
  return { ...e, fields: { ...without(e.fields, 'id', 'relationships'), logicalType: logicalType30 } };
}

const c = ELEMENTS.contract.fields;
const teamMember = ELEMENTS.teamMember.fields;

const V30_OVERRIDES: Partial<Record<ElementName, Element>> = {
  contract: {
    ...ELEMENTS.contract,
    fields: {
      ...c,
      apiVersion: { ...c.apiVersion!, type: str({ enum: ['v3.0.2', 'v3.0.1', 'v3.0.0', 'v2.2.2', 'v2.2.1', 'v2.2.0'] }) },
      team: { type: list(el('listedTeamMember')), doc: 'The people who own the contract (a list of members in v3.0.x).' },
      dataProduct: notDeprecated(c.dataProduct!),
      slaDefaultElement: notDeprecated(c.slaDefaultElement!),
    },
  },
  server: {
    ...ELEMENTS.server, open: true,
    fields: { ...without(ELEMENTS.server.fields, 'id'), type: { ...ELEMENTS.server.fields.type!, type: str({ enum: SERVER_TYPES.filter((t) => !SERVER_TYPES_V31_ONLY.has(t)) }) } },
  },
  schemaObject: { ...ELEMENTS.schemaObject, fields: without(ELEMENTS.schemaObject.fields, 'id', 'relationships') },
  property: property30(ELEMENTS.property),
  itemProperty: property30(ELEMENTS.itemProperty),
  quality: { ...ELEMENTS.quality, open: true, fields: without(ELEMENTS.quality.fields, 'id') },
  listedTeamMember: { ...ELEMENTS.teamMember, open: true, required: [], fields: only(teamMember, 'username', 'name', 'description', 'role', 'dateIn', 'dateOut', 'replacedByUsername') },
  role: { ...ELEMENTS.role, open: true, fields: without(ELEMENTS.role.fields, 'id') },
  sla: { ...ELEMENTS.sla, open: true, fields: only(ELEMENTS.sla.fields, 'property', 'value', 'valueExt', 'unit', 'element', 'driver') },
  supportItem: { ...ELEMENTS.supportItem, open: true, required: ['channel', 'url'], fields: only(ELEMENTS.supportItem.fields, 'channel', 'url', 'description', 'tool', 'scope', 'invitationUrl') },
  pricing: { ...ELEMENTS.pricing, open: true, fields: without(ELEMENTS.pricing.fields, 'id') },
  authoritativeDefinition: { ...ELEMENTS.authoritativeDefinition, open: true, fields: only(ELEMENTS.authoritativeDefinition.fields, 'url', 'type') },
  customProperty: { ...ELEMENTS.customProperty, open: true, required: [], fields: only(ELEMENTS.customProperty.fields, 'property', 'value') },
};

const ELEMENTS_V30 = { ...ELEMENTS, ...V30_OVERRIDES } as Record<ElementName, Element>;

/** The elements of the standard as a version defines them. */
export function elementsOf(version: OdcsVersion): Record<ElementName, Element> {
  return version === '3.0' ? ELEMENTS_V30 : ELEMENTS;
}

// v3.0.2: exclusiveMinimum/exclusiveMaximum are booleans saying whether minimum/maximum is excluded.
const exclusive = (side: 'minimum' | 'maximum'): Field => ({ type: bool, doc: `True when values must be strictly ${side === 'minimum' ? 'greater' : 'less'} than \`${side}\` (ODCS v3.0: the bound itself is \`${side}\`).` });
const withExclusive = (options: Record<string, Field>): Record<string, Field> => ({ ...options, exclusiveMinimum: exclusive('minimum'), exclusiveMaximum: exclusive('maximum') });

const OPTIONS_V30: Record<string, Record<string, Field>> = {
  string: OPTIONS_BY_TYPE.string!,
  date: withExclusive(only(OPTIONS_BY_TYPE.date!, 'format', 'minimum', 'maximum')),
  integer: withExclusive(OPTIONS_BY_TYPE.integer!),
  number: withExclusive(OPTIONS_BY_TYPE.number!),
  object: OPTIONS_BY_TYPE.object!,
  array: OPTIONS_BY_TYPE.array!,
};

/** The options a logical type allows in a version (v3.0 has no timestamp or time, so any options pass there). */
export function optionsOf(version: OdcsVersion): Record<string, Record<string, Field>> {
  return version === '3.0' ? OPTIONS_V30 : OPTIONS_BY_TYPE;
}

const FILE_FORMATS: Field = { type: str({ enum: ['parquet', 'delta', 'json', 'csv'] }), doc: 'File format: parquet, delta, json or csv.' };
const DELIMITERS: Field = { type: str({ enum: ['new_line', 'array'] }), doc: 'How JSON records are delimited: new_line or array.' };

/** v3.0.2's own connection keys where they differ from v3.1.0 (by server type; null: not a key there). */
export const SERVER_FIELDS_V30: Record<string, Record<string, Field | null>> = {
  custom: { stream: null },
  s3: { format: FILE_FORMATS, delimiter: DELIMITERS },
  azure: { format: FILE_FORMATS, delimiter: DELIMITERS },
  sftp: { format: FILE_FORMATS, delimiter: DELIMITERS },
};


