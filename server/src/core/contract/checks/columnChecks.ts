import { sqlString, type ColumnInfo } from '../../data/source';
import type { ContractProperty, ContractSchemaObject } from '../model';
import type { PlannedCheck, Verdict } from './types';
import type { ColumnValue, ValueSource } from './values';
import { formatCondition } from './formats';
import { physicalTypeMatches } from './physical';

/** Context shared by the checks of one property. */
export interface PropertyContext {
  schema: ContractSchemaObject;
  prop: ContractProperty;
  col: ColumnInfo;
  v: ColumnValue;
  contractPath: string;
  /** How the file stores values (text for CSV). */
  source: ValueSource;
  /** DuckDB's name for each physicalType of the contract (null: not a DuckDB type). */
  physicalTypes?: Map<string, string | null>;
  /** For a nested property: the row condition under which it must be present (its parent is). */
  guard?: string;
}

const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? '' : 's'}`;

/** The contract key a property rule is written under, where it differs from the rule's name. */
const RULE_KEYS: Record<string, string> = { type: 'logicalType' };

/**
 * What every check of one property starts with: its id, column, rule and place in the contract (the
 * key of the rule, e.g. `maximum:`, or the property's name when the rule has no key of its own).
 */
export function checkHead(ctx: PropertyContext, rule: string) {
  const range = ctx.prop.keyRanges?.get(RULE_KEYS[rule] ?? rule) ?? ctx.prop.nameRange;
  return {
    id: `${ctx.schema.name}.${ctx.prop.name}.${rule}`,
    column: ctx.prop.name,
    rule,
    severity: 'error' as const,
    location: { path: ctx.contractPath, range },
  };
}

/** A check that counts failing rows and passes when none fail. */
export function rowCheck(ctx: PropertyContext, rule: string, failWhere: string, what: string): PlannedCheck {
  return {
    ...checkHead(ctx, rule),
    // count_if measured a little cheaper than count(*) FILTER (WHERE ...) in DuckDB 1.5.
    metric: `count_if(${failWhere})`,
    sampleWhere: failWhere,
    sampleValue: ctx.v.text,
    sampleColumns: [ctx.col.name],
    judge: (n) => ({ passed: n === 0, failures: n, message: n === 0 ? `every row passes: ${what}` : `${plural(n, 'row')} ${n === 1 ? 'fails' : 'fail'}: ${what}` }),
  };
}

/** A check whose failure is a value repeated on several rows (unique, primary key). */
function duplicateCheck(ctx: PropertyContext, rule: string, exprs: string[], what: string, texts: string[], names: string[]): PlannedCheck {
  const key = exprs.length === 1 ? exprs[0]! : `(${exprs.join(', ')})`;
  const nulls = exprs.map((e) => `${e} IS NULL`).join(' OR ');
  const metric = rule === 'primaryKey'
    ? `count(*) - count(DISTINCT ${key}) FILTER (WHERE NOT (${nulls}))`
    : `count(${key}) - count(DISTINCT ${key})`;
  return {
    ...checkHead(ctx, rule),
    metric,
    duplicateOf: exprs,
    duplicateText: texts,
    sampleColumns: names,
    judge: (n) => ({ passed: n === 0, failures: n, message: n === 0 ? `every row passes: ${what}` : `${plural(n, 'row')} ${n === 1 ? 'fails' : 'fail'}: ${what}` }),
  };
}

function typeCheck(ctx: PropertyContext): PlannedCheck | undefined {
  const t = ctx.prop.logicalType;
  if (t === undefined) return undefined;
  if (ctx.v.typeProblem) return rowCheck(ctx, 'type', `${ctx.v.raw} IS NOT NULL`, ctx.v.typeProblem);
  if ((t === 'object' || t === 'array') && ctx.source === 'text') {
    const fixed: Verdict = { passed: true, failures: 0, message: `logicalType ${t} is not checked in a CSV file (its values are text)`, skipped: true };
    return { ...checkHead(ctx, 'type'), severity: 'info', fixed };
  }
  const what = `value must ${t === 'array' ? 'be a list' : t === 'object' ? 'be an object' : `parse as ${/^[aeiou]/.test(t) ? 'an' : 'a'} ${t}`}`;
  if (ctx.v.parseFails === null) {
    // The column is already of the type (typed while read, or text for a string): nothing to count.
    return { ...checkHead(ctx, 'type'), fixed: { passed: true, failures: 0, message: `every row passes: ${what}` } };
  }
  return rowCheck(ctx, 'type', ctx.v.parseFails, what);
}

/**
 * The file's column type against the property's physicalType, for Parquet (the only file format here
 * whose column types are written by whoever made the file; CSV is text, JSON's types are guessed).
 */
function physicalTypeCheck(ctx: PropertyContext): PlannedCheck | undefined {
  const written = ctx.prop.physicalType?.trim();
  if (written === undefined || ctx.source !== 'typed') return undefined;
  const resolved = ctx.physicalTypes?.get(written);
  if (!resolved) {
    return { ...checkHead(ctx, 'physicalType'), severity: 'info', fixed: { passed: true, failures: 0, skipped: true, message: `physicalType "${written}" is not a DuckDB type name, so it is not compared with the file` } };
  }
  const ok = physicalTypeMatches(written, resolved, ctx.col.sqlType);
  return {
    ...checkHead(ctx, 'physicalType'),
    fixed: ok ? { passed: true, failures: 0, message: `the column is ${ctx.col.sqlType} (physicalType ${written})` }
      : { passed: false, failures: 1, message: `the column is ${ctx.col.sqlType} in the file, not ${resolved} (physicalType ${written})` },
  };
}

/** A literal of the value's SQL type for a bound from logicalTypeOptions, or an error sentence. */
function literal(ctx: PropertyContext, key: string, bound: unknown): { sql?: string; error?: string } {
  const type = ctx.v.valueType;
  if (type === 'DOUBLE') {
    const n = typeof bound === 'string' && bound.trim() !== '' ? Number(bound) : bound;
    return typeof n === 'number' && Number.isFinite(n) ? { sql: `${n}` } : { error: `${key} ${JSON.stringify(bound)} is not a number` };
  }
  if (type === 'DATE' || type === 'TIMESTAMP' || type === 'TIMESTAMPTZ' || type === 'TIME') {
    const s = bound instanceof Date ? bound.toISOString() : String(bound);
    const ok = type === 'TIME' ? /^\d{2}:\d{2}(:\d{2}(\.\d+)?)?$/.test(s) : !Number.isNaN(Date.parse(s));
    return ok ? { sql: `CAST(${sqlString(s)} AS ${type})` } : { error: `${key} ${JSON.stringify(bound)} is not a ${type.toLowerCase()}` };
  }
  return { error: `${key} does not apply to logicalType ${ctx.prop.logicalType ?? '(none)'}` };
}

const BOUNDS: Array<[string, string, string]> = [
  ['minimum', '<', '>='], ['maximum', '>', '<='], ['exclusiveMinimum', '<=', '>'], ['exclusiveMaximum', '>=', '<'],
];

function contractError(ctx: PropertyContext, rule: string, message: string): PlannedCheck {
  return {
    ...checkHead(ctx, rule),
    fixed: { passed: false, failures: 0, message: `cannot check: ${message}` },
  };
}

function boundChecks(ctx: PropertyContext): PlannedCheck[] {
  const out: PlannedCheck[] = [];
  for (const [key, op, what] of BOUNDS) {
    const bound = ctx.prop.options[key];
    // ODCS 3.0 wrote exclusiveMinimum: true next to minimum; the bound itself is then the minimum.
    if (bound === undefined || typeof bound === 'boolean') continue;
    const lit = literal(ctx, key, bound);
    if (lit.error) { out.push(contractError(ctx, key, lit.error)); continue; }
    const strict = (key === 'minimum' && ctx.prop.options.exclusiveMinimum === true) || (key === 'maximum' && ctx.prop.options.exclusiveMaximum === true);
    const cmp = strict ? (op === '<' ? '<=' : '>=') : op;
    out.push(rowCheck(ctx, key, `${ctx.v.value} ${cmp} ${lit.sql}`, `value must be ${strict ? what.replace('=', '') : what} ${String(bound)}`));
  }
  return out;
}

function lengthChecks(ctx: PropertyContext): PlannedCheck[] {
  const out: PlannedCheck[] = [];
  for (const [key, op] of [['minLength', '<'], ['maxLength', '>']] as const) {
    const n = ctx.prop.options[key];
    if (n === undefined) continue;
    if (typeof n !== 'number' || !Number.isInteger(n)) { out.push(contractError(ctx, key, `${key} must be a whole number`)); continue; }
    out.push(rowCheck(ctx, key, `length(${ctx.v.text}) ${op} ${n}`, `value must have ${key === 'minLength' ? 'at least' : 'at most'} ${plural(n, 'character')}`));
  }
  return out;
}

function numberChecks(ctx: PropertyContext): PlannedCheck[] {
  const m = ctx.prop.options.multipleOf;
  if (m === undefined) return [];
  if (typeof m !== 'number' || !(m > 0)) return [contractError(ctx, 'multipleOf', 'multipleOf must be a number above 0')];
  const v = ctx.v.value;
  return [rowCheck(ctx, 'multipleOf', `abs(${v} / ${m} - round(${v} / ${m})) > 1e-9`, `value must be a multiple of ${m}`)];
}

/** Every check a property's own keys ask for: type, required, unique, primary key, logicalTypeOptions. */
export function propertyChecks(ctx: PropertyContext, primaryKey: { values: string[]; texts: string[]; names: string[] } | undefined): PlannedCheck[] {
  const out: PlannedCheck[] = [];
  const type = typeCheck(ctx);
  if (type) out.push(type);
  const physical = physicalTypeCheck(ctx);
  if (physical) out.push(physical);
  if (ctx.prop.required) out.push(rowCheck(ctx, 'required', ctx.guard ? `(${ctx.guard}) AND ${ctx.v.raw} IS NULL` : `${ctx.v.raw} IS NULL`, 'value must be present (required)'));
  if (ctx.prop.unique) out.push(duplicateCheck(ctx, 'unique', [ctx.v.value], 'values must be unique', [ctx.v.text], [ctx.col.name]));
  if (primaryKey) out.push(duplicateCheck(ctx, 'primaryKey', primaryKey.values, 'primary key must be present and unique', primaryKey.texts, primaryKey.names));
  out.push(...boundChecks(ctx), ...lengthChecks(ctx), ...numberChecks(ctx));
  const pattern = ctx.prop.options.pattern;
  if (typeof pattern === 'string') out.push(rowCheck(ctx, 'pattern', `NOT regexp_matches(${ctx.v.text}, ${sqlString(pattern)})`, `value must match ${pattern}`));
  const format = formatCondition(ctx.prop.logicalType, ctx.prop.options.format, ctx.v);
  if (format?.where) out.push(rowCheck(ctx, 'format', format.where, `value must have format ${String(ctx.prop.options.format)}`));
  else if (format?.skip) out.push({ ...checkHead(ctx, 'format'), severity: 'info', fixed: { passed: true, failures: 0, message: format.skip, skipped: true } });
  return out;
}
