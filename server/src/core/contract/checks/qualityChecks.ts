import { sqlIdent, sqlString } from '../../data/source';
import type { ContractProperty, ContractSchemaObject, QualityRule } from '../model';
import { fillPlaceholders } from '../sqlParse';
import { describeComparison, holds, readComparisons, type Comparison } from './operators';
import { severityOf, type PlannedCheck, type Verdict } from './types';
import type { ColumnValue } from './values';

/** What a quality rule is attached to: a schema object, or one of its properties read as `v`. */
export interface RuleContext {
  schema: ContractSchemaObject;
  prop?: ContractProperty;
  v?: ColumnValue;
  rule: QualityRule;
  index: number;
  contractPath: string;
  /** Names of every column of the data, for whole-row duplicates. */
  allColumns: string[];
  /** SQL expression of a named contract property's column, or undefined when the data lacks it. */
  columnOf(name: string): string | undefined;
}

interface Metric {
  sql: string;
  sampleWhere?: string;
  duplicateOf?: string[];
  duplicateText?: string[];
  sampleColumns?: string[];
  /** True when the metric counts rows (so it can be a percentage and gives the failure count). */
  counts: boolean;
}

/** A rule's arguments; v3.0's `rule: validValues` wrote its list beside the rule, not under arguments. */
const args = (r: QualityRule) => {
  const own = (r.raw.arguments && typeof r.raw.arguments === 'object' ? r.raw.arguments : {}) as Record<string, unknown>;
  return r.rule === 'validValues' && own.validValues === undefined && Array.isArray(r.raw.validValues) ? { ...own, validValues: r.raw.validValues } : own;
};

// ODCS v3.0's library rules under their v3.1.0 metric names.
const V30_RULES: Record<string, string> = { duplicateCount: 'duplicateValues', validValues: 'invalidValues' };

function inList(v: ColumnValue, values: unknown[]): string {
  const numeric = v.valueType === 'DOUBLE' && values.every((x) => typeof x === 'number');
  const items = values.filter((x) => x !== null && x !== undefined);
  if (items.length === 0) return 'false';
  return numeric ? `${v.value} IN (${items.join(', ')})` : `${v.text} IN (${items.map((x) => sqlString(String(x))).join(', ')})`;
}

function propertyMetric(name: string, ctx: RuleContext, v: ColumnValue): Metric | string {
  const a = args(ctx.rule);
  switch (name) {
    case 'nullValues':
      return { sql: `count_if(${v.raw} IS NULL)`, sampleWhere: `${v.raw} IS NULL`, counts: true };
    case 'missingValues': {
      const list = Array.isArray(a.missingValues) ? a.missingValues : [null, ''];
      const where = `(${list.some((x) => x === null) ? `${v.raw} IS NULL OR ` : ''}${inList(v, list)})`;
      return { sql: `count_if(${where})`, sampleWhere: where, counts: true };
    }
    case 'invalidValues': {
      const parts: string[] = [];
      if (Array.isArray(a.validValues)) parts.push(`NOT (${inList(v, a.validValues)})`);
      if (typeof a.pattern === 'string') parts.push(`NOT regexp_matches(${v.text}, ${sqlString(a.pattern)})`);
      if (parts.length === 0) return 'invalidValues needs arguments.validValues or arguments.pattern';
      const where = `(${v.raw} IS NOT NULL AND (${parts.join(' OR ')}))`;
      return { sql: `count_if(${where})`, sampleWhere: where, counts: true };
    }
    case 'duplicateValues':
      return { sql: `count(${v.value}) - count(DISTINCT ${v.value})`, duplicateOf: [v.value], duplicateText: [v.text], sampleColumns: [ctx.prop!.name], counts: true };
    case 'rowCount':
      return { sql: 'count(*)', counts: false };
    default:
      return `metric "${name}" is not one of nullValues, missingValues, invalidValues, duplicateValues, rowCount`;
  }
}

function schemaMetric(name: string, ctx: RuleContext): Metric | string {
  if (name === 'rowCount') return { sql: 'count(*)', counts: false };
  if (name !== 'duplicateValues') return `metric "${name}" applies to a property: move the rule under the property it counts`;
  const props = args(ctx.rule).properties;
  const names = Array.isArray(props) ? props.map(String) : ctx.allColumns;
  const exprs = names.map((n) => ctx.columnOf(n));
  const missing = names.filter((_, i) => exprs[i] === undefined);
  if (missing.length > 0) return `arguments.properties names columns the data lacks: ${missing.join(', ')}`;
  const key = `(${(exprs as string[]).join(', ')})`;
  const texts = (exprs as string[]).map((e) => `CAST(${e} AS VARCHAR)`);
  return { sql: `count(*) - count(DISTINCT ${key})`, duplicateOf: exprs as string[], duplicateText: texts, sampleColumns: names, counts: true };
}

function defaultComparison(metric: string): Comparison {
  return metric === 'rowCount' ? { operator: 'mustBeGreaterThan', expected: 0 } : { operator: 'mustBe', expected: 0 };
}

function judgeWith(metric: string, comparisons: Comparison[], percent: boolean, counts: boolean) {
  return (n: number, rows: number): Verdict => {
    const observed = percent ? (rows === 0 ? 0 : (n / rows) * 100) : n;
    const failed = comparisons.filter((c) => !holds(c, observed));
    const unit = percent ? '%' : '';
    const shown = `${metric} = ${Number(observed.toFixed(4))}${unit}`;
    const expectations = (failed.length ? failed : comparisons).map((c) => describeComparison(c, unit)).join(' and ');
    return failed.length === 0
      ? { passed: true, failures: 0, message: `${shown} (${expectations})` }
      : { passed: false, failures: counts ? Math.max(n, 1) : 1, message: `${shown}, ${expectations}` };
  };
}

function base(ctx: RuleContext, label: string): Omit<PlannedCheck, 'judge'> {
  const own = typeof ctx.rule.raw.id === 'string' ? ctx.rule.raw.id : undefined;
  const where = ctx.prop ? `${ctx.schema.name}.${ctx.prop.name}` : ctx.schema.name;
  return {
    id: own ?? `${where}.quality[${ctx.index}].${label}`,
    column: ctx.prop?.name ?? null,
    rule: label,
    severity: severityOf(ctx.rule.raw.severity),
    location: { path: ctx.contractPath, range: ctx.rule.range },
  };
}

function sqlRule(ctx: RuleContext, comparisons: Comparison[]): PlannedCheck {
  const query = String(ctx.rule.raw.query ?? '');
  const column = ctx.prop && ctx.v ? ctx.v.raw : sqlIdent(ctx.prop?.name ?? '');
  const sql = fillPlaceholders(query, 'data', column);
  const judge = comparisons.length > 0 ? judgeWith('result', comparisons, false, false)
    : (n: number): Verdict => ({ passed: n === 1, failures: n === 1 ? 0 : 1, message: n === 1 ? 'query returned true' : 'query did not return true (add an operator such as mustBe)' });
  return { ...base(ctx, 'sql'), query: sql, judge };
}

/** Plans one ODCS quality rule (library metric or sql); text and custom rules are listed as not run. */
export function qualityCheck(ctx: RuleContext): PlannedCheck {
  const type = ctx.rule.type ?? 'library';
  const metric = ctx.rule.metric ?? (ctx.rule.rule !== undefined ? V30_RULES[ctx.rule.rule] ?? ctx.rule.rule : undefined);
  if (type === 'text' || type === 'custom') {
    return { ...base(ctx, type), severity: 'info', fixed: { passed: true, failures: 0, message: `${type} rule: not executable here`, skipped: true } };
  }
  const { comparisons, error } = readComparisons(ctx.rule.raw);
  const fail = (label: string, message: string): PlannedCheck => ({ ...base(ctx, label), fixed: { passed: false, failures: 0, message: `cannot check: ${message}` } });
  if (error) return fail(type === 'sql' ? 'sql' : metric ?? 'library', error);
  if (type === 'sql') return typeof ctx.rule.raw.query === 'string' ? sqlRule(ctx, comparisons) : fail('sql', 'a sql rule needs a query');
  if (metric === undefined) return fail('library', 'a library rule needs a metric');
  const m = ctx.prop && ctx.v ? propertyMetric(metric, ctx, ctx.v) : schemaMetric(metric, ctx);
  if (typeof m === 'string') return fail(metric, m);
  const percent = ctx.rule.raw.unit === 'percent';
  const used = comparisons.length > 0 ? comparisons : [defaultComparison(metric)];
  return { ...base(ctx, metric), metric: m.sql, sampleWhere: m.sampleWhere, sampleValue: ctx.v?.text, duplicateOf: m.duplicateOf, duplicateText: m.duplicateText,
    sampleColumns: m.sampleColumns ?? (ctx.prop ? [ctx.prop.name] : undefined), judge: judgeWith(metric, used, percent, m.counts) };
}
