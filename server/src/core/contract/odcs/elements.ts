import { SERVER_FIELDS, SERVER_TYPES } from './servers';
import { bool, el, int, list, num, stableId, str, type Element, type ElementName, type Field } from './types';

// Written from the ODCS v3 standard (fundamentals, schema, data quality, servers, team, roles, SLA,
// support, pricing, custom properties). Descriptions are ours.

const tags: Field = { type: list(str()), doc: 'Free labels for this element, e.g. `finance` or `sensitive`.' };
const customProperties: Field = { type: list(el('customProperty')), doc: 'Key/value pairs outside the standard, each with `property` and `value`.' };
const authoritativeDefinitions: Field = { type: list(el('authoritativeDefinition')), doc: 'Links to where this element is defined or explained: a catalog entry, a business glossary, a policy, code.' };
const description: Field = { type: str(), doc: 'What this element is, in plain words.' };

export const API_VERSIONS = ['v3.1.0', 'v3.0.2', 'v3.0.1', 'v3.0.0', 'v2.2.2', 'v2.2.1', 'v2.2.0'] as const;
export const LOGICAL_TYPES = ['string', 'date', 'timestamp', 'time', 'number', 'integer', 'object', 'array', 'boolean'] as const;
export const METRICS = ['nullValues', 'missingValues', 'invalidValues', 'duplicateValues', 'rowCount'] as const;
export const QUALITY_TYPES = ['text', 'library', 'sql', 'custom'] as const;
export const DIMENSIONS = ['accuracy', 'completeness', 'conformity', 'consistency', 'coverage', 'timeliness', 'uniqueness'] as const;

/** Keys shared by schema objects and properties ("elements" in the standard). */
const elementFields: Record<string, Field> = {
  id: stableId,
  name: { type: str(), doc: 'Name of the element: the table or column as people know it.' },
  physicalType: { type: str(), doc: 'Type in the data source: `table`, `view`, `topic`, `file` for objects; `VARCHAR(20)`, `DOUBLE`, `INT` for properties.' },
  description,
  businessName: { type: str(), doc: 'The name the business uses for this element.' },
  authoritativeDefinitions,
  tags,
  customProperties,
};

const propertyFields: Record<string, Field> = {
  ...elementFields,
  primaryKey: { type: bool, doc: 'True when this property is (part of) the primary key. Default false.' },
  primaryKeyPosition: { type: int, doc: 'Position of this property in a composite primary key, starting at 1 (-1 when not part of the key).' },
  logicalType: { type: str({ enum: LOGICAL_TYPES }), doc: 'The kind of value, independent of the data source: `string`, `date`, `timestamp`, `time`, `number`, `integer`, `object`, `array` or `boolean`.' },
  logicalTypeOptions: { type: el('logicalTypeOptions'), doc: 'Limits on values for the logical type: `minimum`/`maximum`, `minLength`/`maxLength`, `pattern`, `format`, ...' },
  physicalName: { type: str(), doc: 'Name of the column or field in the data source, when it differs from `name`.' },
  required: { type: bool, doc: 'True when every row must have a value (no nulls). Default false.' },
  unique: { type: bool, doc: 'True when no value may appear twice. Default false.' },
  partitioned: { type: bool, doc: 'True when the data is partitioned on this property.' },
  partitionKeyPosition: { type: int, doc: 'Position of this property among the partition keys, starting at 1 (-1 when not a partition key).' },
  classification: { type: str(), doc: 'How sensitive the values are, e.g. `public`, `restricted`, `confidential`.' },
  encryptedName: { type: str(), doc: 'Name of the property that holds the encrypted form of this value.' },
  transformSourceObjects: { type: list(str()), doc: 'Objects of the data source this property is computed from.' },
  transformLogic: { type: str(), doc: 'How this property is computed (e.g. an SQL expression).' },
  transformDescription: { type: str(), doc: 'How this property is computed, in plain words.' },
  examples: { type: list({ t: 'any' }), doc: 'Sample values.' },
  criticalDataElement: { type: bool, doc: 'True when this is a critical data element (CDE).' },
  relationships: { type: list(el('propertyRelationship')), doc: 'Foreign keys from this property (`to:` the referenced property). Since v3.1.0.' },
  quality: { type: list(el('quality')), doc: 'Data quality rules on this property (library metrics, SQL, text or custom).' },
};

const referenceString = str({ pattern: /^(?:[A-Za-z_][A-Za-z0-9_]*\.[A-Za-z_][A-Za-z0-9_]*|(?:(?:https?:\/\/)?[A-Za-z0-9._\-/]+\.yaml#)?\/?[A-Za-z_][A-Za-z0-9_]*\/[A-Za-z0-9_-]+(?:\/[A-Za-z_][A-Za-z0-9_]*\/[A-Za-z0-9_-]+)*)$/, patternHint: '`object.property`, or a path such as `schema/orders/properties/id`' });
const reference = { t: 'either' as const, options: [referenceString, list(referenceString, { minItems: 1 })] };

const table: Record<Exclude<ElementName, 'listedTeamMember'>, Omit<Element, 'name'>> = {
  contract: {
    label: 'the contract',
    required: ['version', 'apiVersion', 'kind', 'id', 'status'],
    fields: {
      version: { type: str(), doc: 'Version of this contract (semantic versioning recommended, e.g. `1.2.0`).' },
      kind: { type: str({ enum: ['DataContract'] }), doc: 'Always `DataContract`.' },
      apiVersion: { type: str({ enum: API_VERSIONS }), doc: 'Version of the ODCS standard the contract follows, e.g. `v3.1.0`.' },
      id: { type: str(), doc: 'Unique identifier of the contract (a UUID or another stable id).' },
      name: { type: str(), doc: 'Name of the contract.' },
      tenant: { type: str(), doc: 'Organisation or tenant the contract belongs to.' },
      tags,
      status: { type: str(), doc: 'Lifecycle status, e.g. `proposed`, `draft`, `active`, `deprecated`, `retired`.' },
      servers: { type: list(el('server')), doc: 'Where the data lives: databases, object stores, topics, files, each with its connection details.' },
      dataProduct: { type: str(), doc: 'Name of the data product.', deprecated: 'deprecated in v3.1.0' },
      description: { type: el('description'), doc: 'Purpose, usage and limitations of the data.' },
      domain: { type: str(), doc: 'Business domain of the data, e.g. `sales`.' },
      schema: { type: list(el('schemaObject')), doc: 'The objects (tables, documents, topics) the contract describes, with their properties and quality rules.' },
      support: { type: list(el('supportItem')), doc: 'Support channels: chat, email, issue tracker, ...' },
      price: { type: el('pricing'), doc: 'Price of the data.' },
      team: { type: { t: 'either', options: [el('team'), list(el('teamMember'))] }, doc: 'The team that owns the contract and its members (v3.1.0: an object with `members`; a list of members is deprecated).' },
      roles: { type: list(el('role')), doc: 'Access roles consumers can request.' },
      slaDefaultElement: { type: str(), doc: 'Element SLA properties apply to by default.', deprecated: 'deprecated in v3.1.0' },
      slaProperties: { type: list(el('sla')), doc: 'Service levels: latency, frequency, retention, availability, ...' },
      authoritativeDefinitions,
      customProperties,
      contractCreatedTs: { type: str({ format: 'date-time' }), doc: 'When the contract was created (ISO 8601 date-time with time zone).' },
    },
  },
  description: {
    label: 'the description', open: true,
    fields: {
      usage: { type: str(), doc: 'How the data is meant to be used.' },
      purpose: { type: str(), doc: 'Why the data exists.' },
      limitations: { type: str(), doc: 'What the data must not be used for, or where it falls short.' },
      authoritativeDefinitions, customProperties,
    },
  },
  server: { label: 'a server', required: ['server', 'type'], fields: SERVER_FIELDS },
  role: {
    label: 'a role', required: ['role'],
    fields: {
      id: stableId, role: { type: str(), doc: 'Name of the role (e.g. an IAM role).' }, description,
      access: { type: str(), doc: 'Kind of access the role gives, e.g. `read`, `write`.' },
      firstLevelApprovers: { type: str(), doc: 'Who approves a request for this role first.' },
      secondLevelApprovers: { type: str(), doc: 'Who approves a request for this role second.' },
      customProperties,
    },
  },
  schemaObject: {
    label: 'a schema object', required: ['name'],
    fields: {
      ...elementFields,
      logicalType: { type: str({ enum: ['object'] }), doc: 'Always `object` for a schema object.' },
      physicalName: { type: str(), doc: 'Name of the table, view, topic or file in the data source.' },
      dataGranularityDescription: { type: str(), doc: 'What one row stands for, e.g. "one row per customer and day".' },
      properties: { type: list(el('property')), doc: 'The columns or fields of this object.' },
      relationships: { type: list(el('schemaRelationship')), doc: 'Foreign keys between this object and others (`from:` and `to:`). Since v3.1.0.' },
      quality: { type: list(el('quality')), doc: 'Data quality rules on the whole object (e.g. `rowCount`, duplicates across columns).' },
    },
  },
  property: { label: 'a property', required: ['name'], fields: propertyFields },
  itemProperty: { label: 'the items of an array', fields: propertyFields },
  logicalTypeOptions: { label: 'logicalTypeOptions', open: true, fields: {} },
  quality: {
    label: 'a quality rule',
    fields: {
      id: stableId,
      name: { type: str(), doc: 'A short name for the rule.' },
      description: { type: str(), doc: 'What the rule checks, in plain words.' },
      type: { type: str({ enum: QUALITY_TYPES }), doc: 'Kind of rule: `library` (a predefined metric, the default), `sql` (a query), `text` (for people) or `custom` (another engine).' },
      dimension: { type: str({ enum: DIMENSIONS }), doc: 'Quality dimension the rule measures: accuracy, completeness, conformity, consistency, coverage, timeliness or uniqueness.' },
      method: { type: str(), doc: 'How the rule is checked, e.g. `reconciliation`.' },
      severity: { type: str(), doc: 'How serious a failure is; `mlops check` reads `error` (default), `warning` and `info`.' },
      businessImpact: { type: str(), doc: 'What happens to the business when the rule fails.' },
      unit: { type: str(), doc: 'Unit of the measured value: `rows` (default) or `percent` of all rows.' },
      schedule: { type: str(), doc: 'When to run the rule, for the scheduler, e.g. a cron expression `0 20 * * *`.' },
      scheduler: { type: str(), doc: 'Scheduler that runs the rule, e.g. `cron`.' },
      tags, authoritativeDefinitions, customProperties,
    },
  },
  schemaRelationship: {
    label: 'a relationship', required: ['from', 'to'],
    fields: {
      type: { type: str({ enum: ['foreignKey'] }), doc: 'Kind of relationship; `foreignKey` (the default) is the only one.' },
      from: { type: reference, doc: 'The referencing property (`object.property`), or a list for a composite key.' },
      to: { type: reference, doc: 'The referenced property (`object.property`), or a list for a composite key.' },
      customProperties,
    },
  },
  propertyRelationship: {
    label: 'a relationship', required: ['to'],
    fields: {
      type: { type: str({ enum: ['foreignKey'] }), doc: 'Kind of relationship; `foreignKey` (the default) is the only one.' },
      to: { type: reference, doc: 'The referenced property (`object.property`), or a list for a composite key.' },
      customProperties,
    },
  },
  authoritativeDefinition: {
    label: 'an authoritative definition', required: ['url', 'type'],
    fields: {
      id: stableId, url: { type: str(), doc: 'Where the definition is.' },
      type: { type: str(), doc: 'Kind of definition, e.g. `businessDefinition`, `transformationImplementation`, `videoTutorial`, `tutorial`, `implementation`.' },
      description,
    },
  },
  customProperty: {
    label: 'a custom property', required: ['property', 'value'],
    fields: { id: stableId, property: { type: str(), doc: 'Name of the custom property (camelCase recommended).' }, value: { type: { t: 'any' }, doc: 'Its value: any YAML value.' }, description },
  },
  supportItem: {
    label: 'a support channel', required: ['channel'],
    fields: {
      id: stableId, channel: { type: str(), doc: 'Name of the channel.' }, url: { type: str(), doc: 'Address of the channel.' }, description,
      tool: { type: str(), doc: 'Tool used, e.g. `email`, `slack`, `teams`, `discord`, `ticket`.' },
      scope: { type: str(), doc: 'What the channel is for, e.g. `interactive`, `announcements`, `issues`.' },
      invitationUrl: { type: str(), doc: 'Link to join the channel.' }, customProperties,
    },
  },
  pricing: {
    label: 'the price',
    fields: { id: stableId, priceAmount: { type: num, doc: 'Amount.' }, priceCurrency: { type: str(), doc: 'Currency, e.g. `USD`.' }, priceUnit: { type: str(), doc: 'What the amount buys, e.g. `megabyte`.' } },
  },
  team: {
    label: 'the team',
    fields: {
      id: stableId, name: { type: str(), doc: 'Name of the team.' }, description,
      members: { type: list(el('teamMember')), doc: 'People in the team.' }, tags, customProperties, authoritativeDefinitions,
    },
  },
  teamMember: {
    label: 'a team member', required: ['username'],
    fields: {
      id: stableId, username: { type: str(), doc: 'User name or email of the person.' }, name: { type: str(), doc: 'Full name.' }, description,
      role: { type: str(), doc: 'Role in the team, e.g. `owner`, `data steward`.' },
      dateIn: { type: str({ format: 'date' }), doc: 'Date the person joined (YYYY-MM-DD).' },
      dateOut: { type: str({ format: 'date' }), doc: 'Date the person left (YYYY-MM-DD).' },
      replacedByUsername: { type: str(), doc: 'Who took over from this person.' }, tags, customProperties, authoritativeDefinitions,
    },
  },
  sla: {
    label: 'an SLA property', required: ['property', 'value'],
    fields: {
      id: stableId, property: { type: str(), doc: 'Which service level: `latency`, `frequency`, `retention`, `availability`, `generalAvailability`, ...' },
      value: { type: { t: 'scalar' }, doc: 'The agreed value.' }, valueExt: { type: { t: 'scalar' }, doc: 'A second value, e.g. the upper end of a range.' },
      unit: { type: str(), doc: 'Unit of the value, e.g. `d` (days), `y`, `h`.' }, element: { type: str(), doc: 'Element the SLA applies to (`object.property`).' },
      driver: { type: str(), doc: 'Why the level matters: `regulatory`, `analytics`, `operational`, ...' }, description,
      scheduler: { type: str(), doc: 'Scheduler that checks the SLA.' }, schedule: { type: str(), doc: 'When the SLA is checked.' },
    },
  },
};

/** Every element of an ODCS contract, by name (in v3.1.0 a listed team member is a team member). */
export const ELEMENTS: Record<ElementName, Element> = Object.fromEntries(
  Object.entries({ ...table, listedTeamMember: table.teamMember }).map(([name, e]) => [name, { name: name as ElementName, ...e }]),
) as Record<ElementName, Element>;

export { SERVER_TYPES, num };
