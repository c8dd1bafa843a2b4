import { bool, list, nonNegative, str, type Field, type ValueType } from './types';
import { own } from '../../keys';

// logicalTypeOptions by logicalType (the standard's "Logical Type Options" table).
const number: ValueType = { t: 'number' };
const bound = (what: string, type: ValueType): Field => ({ type, doc: what });

const temporal: Record<string, Field> = {
  format: { type: str(), doc: 'How values are written, as a Java DateTimeFormatter pattern, e.g. `yyyy-MM-dd`. Default ISO 8601.' },
  minimum: bound('Earliest allowed value (values >= minimum), e.g. `"2020-01-01"`.', str()),
  maximum: bound('Latest allowed value (values <= maximum).', str()),
  exclusiveMinimum: bound('Values must be strictly after this one.', str()),
  exclusiveMaximum: bound('Values must be strictly before this one.', str()),
};

const numeric = (formats: string[]): Record<string, Field> => ({
  minimum: bound('Smallest allowed value (values >= minimum).', number),
  maximum: bound('Largest allowed value (values <= maximum).', number),
  exclusiveMinimum: bound('Values must be strictly greater than this.', number),
  exclusiveMaximum: bound('Values must be strictly less than this.', number),
  multipleOf: { type: { t: 'number', exclusiveMin: 0 }, doc: 'Values must be a multiple of this number (above 0).' },
  format: { type: str({ enum: formats }), doc: `Storage size of the values: ${formats.map((f) => `\`${f}\``).join(', ')}.` },
});

/** The options each logical type allows; a logical type not listed here allows any options. */
export const OPTIONS_BY_TYPE: Record<string, Record<string, Field>> = {
  string: {
    minLength: { type: nonNegative, doc: 'Fewest characters a value may have.' },
    maxLength: { type: nonNegative, doc: 'Most characters a value may have.' },
    pattern: { type: str(), doc: 'Regular expression (ECMA-262) values must match, e.g. `^[A-Z]{2}[0-9]+$`.' },
    format: { type: str(), doc: 'Well-known format of the values: `email`, `uuid`, `uri`, `hostname`, `ipv4`, `ipv6`, `byte`, `password`, ...' },
  },
  date: temporal,
  timestamp: {
    ...temporal,
    timezone: { type: bool, doc: 'True when values carry a time zone.' },
    defaultTimezone: { type: str(), doc: 'Time zone of values written without one, e.g. `Europe/Paris`. Default `Etc/UTC`.' },
  },
  integer: numeric(['i8', 'i16', 'i32', 'i64', 'i128', 'u8', 'u16', 'u32', 'u64', 'u128']),
  number: numeric(['f32', 'f64']),
  object: {
    minProperties: { type: nonNegative, doc: 'Fewest keys an object value may have.' },
    maxProperties: { type: nonNegative, doc: 'Most keys an object value may have.' },
    required: { type: list(str(), { minItems: 1, unique: true }), doc: 'Keys every object value must have.' },
  },
  array: {
    minItems: { type: nonNegative, doc: 'Fewest items an array value may have.' },
    maxItems: { type: nonNegative, doc: 'Most items an array value may have.' },
    uniqueItems: { type: bool, doc: 'True when items of an array value must all differ.' },
  },
};
OPTIONS_BY_TYPE.time = OPTIONS_BY_TYPE.timestamp!;

/**
 * The options allowed for a property, from its logicalType. Without a logicalType none are allowed
 * (the standard ties every option to a type); types without options (boolean) allow any.
 */
export function optionsFor(logicalType: unknown, table: Record<string, Record<string, Field>> = OPTIONS_BY_TYPE): Record<string, Field> | 'any' {
  if (logicalType === undefined) return {};
  if (typeof logicalType !== 'string') return 'any';
  return own(table, logicalType) ?? 'any';
}
