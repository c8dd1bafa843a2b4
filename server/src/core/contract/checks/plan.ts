import { sqlIdent, type ColumnInfo } from '../../data/source';
import type { ContractProperty, ContractSchemaObject } from '../model';
import { propertyChecks, type PropertyContext } from './columnChecks';
import { nestedChecks } from './nested';
import { qualityCheck } from './qualityChecks';
import { isSensitive } from './sensitive';
import type { PlannedCheck } from './types';
import { columnValue, type ValueSource } from './values';

/** Primary key columns in key order (primaryKeyPosition, then the order they are written in). */
function primaryKeyOf(schema: ContractSchemaObject): ContractProperty[] {
  return schema.properties
    .map((p, i) => ({ p, i }))
    .filter(({ p }) => p.primaryKey)
    .sort((a, b) => (a.p.primaryKeyPosition ?? Infinity) - (b.p.primaryKeyPosition ?? Infinity) || a.i - b.i)
    .map(({ p }) => p);
}

function closest(name: string, columns: ColumnInfo[]): string | undefined {
  const lower = name.toLowerCase().replace(/[\s_-]/g, '');
  return columns.find((c) => c.name.toLowerCase().replace(/[\s_-]/g, '') === lower)?.name;
}

function missingColumn(schema: ContractSchemaObject, prop: ContractProperty, columns: ColumnInfo[], contractPath: string): PlannedCheck {
  const near = closest(prop.name, columns);
  return {
    id: `${schema.name}.${prop.name}.present`, column: prop.name, rule: 'present', severity: 'error',
    location: { path: contractPath, range: prop.nameRange },
    fixed: { passed: false, failures: 1, message: `the data has no column "${prop.name}"${near ? ` (did you mean "${near}"?)` : ''}` },
  };
}

function extraColumns(schema: ContractSchemaObject, extra: ColumnInfo[], contractPath: string): PlannedCheck {
  const names = extra.map((c) => `"${c.name}"`).join(', ');
  return {
    id: `${schema.name}.columns.extra`, column: null, rule: 'extraColumns', severity: 'warning',
    location: { path: contractPath, range: schema.nameRange },
    fixed: extra.length === 0
      ? { passed: true, failures: 0, message: 'every column of the data is in the contract' }
      : { passed: false, failures: extra.length, message: `the contract does not describe ${extra.length === 1 ? 'column' : 'columns'} ${names}` },
  };
}

/** Marks the sample values each check must mask: those of columns classified as sensitive. */
function markSensitive(schema: ContractSchemaObject, plan: PlannedCheck[]): PlannedCheck[] {
  const hidden = new Set(schema.properties.filter(isSensitive).map((p) => p.name));
  if (hidden.size === 0) return plan;
  return plan.map((c) => (c.sampleColumns && !c.sensitive ? { ...c, sensitive: c.sampleColumns.map((n) => hidden.has(n)) } : c));
}

/**
 * Plans every check a schema object asks of a data file with the given columns, in the order the
 * contract states them: per property its own keys then its quality rules, then the object's rules,
 * then the columns present in the data but absent from the contract.
 */
export function planChecks(schema: ContractSchemaObject, columns: ColumnInfo[], contractPath: string, source: ValueSource = 'text', physicalTypes?: Map<string, string | null>): PlannedCheck[] {
  const byName = new Map(columns.map((c) => [c.name, c]));
  const pk = primaryKeyOf(schema);
  const pkValues = pk.every((p) => byName.has(p.name)) ? pk.map((p) => columnValue(byName.get(p.name)!, p.logicalType, p.options, source)) : undefined;
  const pkCols = pkValues && { values: pkValues.map((v) => v.value), texts: pkValues.map((v) => v.text), names: pk.map((p) => p.name) };
  const columnOf = (name: string) => (byName.has(name) ? sqlIdent(name) : undefined);
  const allColumns = columns.map((c) => c.name);
  const out: PlannedCheck[] = [];
  for (const prop of schema.properties) {
    const col = byName.get(prop.name);
    if (!col) { out.push(missingColumn(schema, prop, columns, contractPath)); continue; }
    const ctx: PropertyContext = { schema, prop, col, v: columnValue(col, prop.logicalType, prop.options, source), contractPath, source, physicalTypes };
    out.push(...propertyChecks(ctx, pk[0] === prop ? pkCols : undefined));
    const quality = (c: PropertyContext) => c.prop.quality.map((rule, index) => qualityCheck({ schema, prop: c.prop, v: c.v, rule, index, contractPath, allColumns, columnOf }));
    out.push(...quality(ctx), ...nestedChecks(ctx, quality));
  }
  schema.quality.forEach((rule, index) => out.push(qualityCheck({ schema, rule, index, contractPath, allColumns, columnOf })));
  const declared = new Set(schema.properties.map((p) => p.name));
  out.push(extraColumns(schema, columns.filter((c) => !declared.has(c.name)), contractPath));
  return markSensitive(schema, out);
}
