import { columnKind, sqlString, type ColumnInfo } from '../../data/source';
import type { ContractProperty } from '../model';
import { checkHead, propertyChecks, rowCheck, type PropertyContext } from './columnChecks';
import { isSensitive } from './sensitive';
import { elementType, isStructType, structFields } from './typed';
import type { PlannedCheck } from './types';
import { columnValue } from './values';

/** Plans a nested property's own quality rules (given by plan.ts, which knows the data's columns). */
export type NestedQuality = (ctx: PropertyContext) => PlannedCheck[];

const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? '' : 's'}`;

/** A JSON Pointer (RFC 6901) to one key, for json_extract. */
const pointer = (key: string) => sqlString(`/${key.replace(/~/g, '~0').replace(/\//g, '~1')}`);

function child(ctx: PropertyContext, p: ContractProperty, path: string, col: ColumnInfo, expr: string, guard: string | undefined): PropertyContext {
  return { ...ctx, prop: { ...p, name: path }, col: { ...col, name: path }, v: columnValue(col, p.logicalType, p.options, ctx.source, expr), guard };
}

/** Marks the checks of a sensitive nested property so their samples are masked. */
const masked = (checks: PlannedCheck[], sensitive: boolean) => (sensitive ? checks.map((c) => ({ ...c, sensitive: [true] })) : checks);

/** The nested properties of an object: fields of a STRUCT, or keys of a JSON value. */
function objectChecks(ctx: PropertyContext, quality: NestedQuality, depth: number): PlannedCheck[] {
  const props = ctx.prop.properties ?? [];
  const t = ctx.col.sqlType;
  if (props.length === 0 || !(isStructType(t) || t === 'JSON')) return [];
  const fields = structFields(t);
  const guard = [ctx.guard, `${ctx.v.raw} IS NOT NULL`].filter(Boolean).join(' AND ');
  const out: PlannedCheck[] = [];
  for (const p of props) {
    const path = `${ctx.prop.name}.${p.name}`;
    const type = t === 'JSON' ? 'JSON' : fields.get(p.name);
    if (type === undefined) {
      out.push({ ...checkHead({ ...ctx, prop: { ...p, name: path } }, 'present'), fixed: { passed: false, failures: 1, message: `the data has no field "${p.name}" in ${ctx.prop.name} (it has: ${[...fields.keys()].join(', ')})` } });
      continue;
    }
    const expr = t === 'JSON' ? `json_extract(${ctx.v.raw}, ${pointer(p.name)})` : `struct_extract(${ctx.v.raw}, ${sqlString(p.name)})`;
    const sensitive = isSensitive(ctx.prop) || isSensitive(p);
    const c = child(ctx, p, path, { name: path, sqlType: type, kind: columnKind(type) }, expr, guard);
    out.push(...masked([...propertyChecks(c, undefined), ...quality(c), ...nestedChecks(c, quality, depth + 1)], sensitive));
  }
  return out;
}

/** A row condition on one array item (lambda variable `x`) made a condition on the row: some item fails. */
function lift(c: PlannedCheck, list: string, x: string): PlannedCheck {
  if (c.fixed) return c;
  const expected = c.sampleWhere !== undefined && c.metric === `count_if(${c.sampleWhere})` && !c.duplicateOf;
  if (!expected) return { ...c, metric: undefined, query: undefined, judge: undefined, severity: 'info', fixed: { passed: true, failures: 0, skipped: true, message: `${c.rule} is not checked on the items of an array` } };
  const failing = `list_filter(${list}, ${x} -> coalesce(${c.sampleWhere}, false))`;
  const where = `len(${failing}) > 0`;
  return { ...c, metric: `count_if(${where})`, sampleWhere: where, sampleValue: failing };
}

/** The items of an array: each item's type, options and nested properties, and the array's own options. */
function arrayChecks(ctx: PropertyContext, quality: NestedQuality, depth: number): PlannedCheck[] {
  const t = ctx.col.sqlType;
  const element = t === 'JSON' ? 'JSON' : elementType(t);
  if (element === undefined) return [];
  const list = t === 'JSON' ? `TRY_CAST(${ctx.v.raw} AS JSON[])` : ctx.v.raw;
  const out: PlannedCheck[] = [];
  const o = ctx.prop.options;
  if (typeof o.minItems === 'number') out.push(rowCheck(ctx, 'minItems', `len(${list}) < ${o.minItems}`, `value must have at least ${plural(o.minItems, 'item')}`));
  if (typeof o.maxItems === 'number') out.push(rowCheck(ctx, 'maxItems', `len(${list}) > ${o.maxItems}`, `value must have at most ${plural(o.maxItems, 'item')}`));
  if (o.uniqueItems === true) out.push(rowCheck(ctx, 'uniqueItems', `len(list_distinct(${list})) < len(list_filter(${list}, v -> v IS NOT NULL))`, 'items must all differ'));
  const items = ctx.prop.items;
  if (!items) return out;
  const x = `x${depth}`;
  const sensitive = isSensitive(ctx.prop) || isSensitive(items);
  const c = child(ctx, items, `${ctx.prop.name}.items`, { name: x, sqlType: element, kind: columnKind(element) }, x, undefined);
  const itemChecks = [...propertyChecks(c, undefined), ...quality(c), ...nestedChecks(c, quality, depth + 1)];
  return [...out, ...masked(itemChecks.map((k) => lift(k, list, x)), sensitive)];
}

/**
 * Checks of nested data in a typed file (Parquet, JSON): an object property's nested properties (the
 * fields of a STRUCT column, the keys of a JSON value) and an array property's items, each with its
 * own type, options and rules, and the array options minItems, maxItems and uniqueItems. A CSV holds
 * text, so nothing nested is checked there.
 */
export function nestedChecks(ctx: PropertyContext, quality: NestedQuality, depth = 0): PlannedCheck[] {
  if (ctx.source === 'text' || depth > 16) return [];
  return [...objectChecks(ctx, quality, depth), ...arrayChecks(ctx, quality, depth)];
}
