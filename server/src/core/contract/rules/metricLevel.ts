import { getChild, type YMap } from '../../yaml/tree';
import type { ContractRule, ContractRuleContext } from './types';
import { forEachQuality, scalarAt, type QualityVisit } from './walk';

const PROPERTY_METRICS = new Set(['nullValues', 'missingValues', 'invalidValues']);

function propertyNames(schema: YMap): Set<string> {
  const list = getChild(schema, 'properties');
  const names = list?.kind === 'seq' ? list.items.map((p) => (p.kind === 'map' ? scalarAt(p, 'name')?.value : undefined)) : [];
  return new Set(names.filter((n): n is string => typeof n === 'string'));
}

function checkRule(q: QualityVisit, ctx: ContractRuleContext): void {
  const metric = scalarAt(q.node, 'metric') ?? scalarAt(q.node, 'rule');
  if (!metric || typeof metric.value !== 'string') return;
  const name = metric.value;
  if (q.level === 'schema' && PROPERTY_METRICS.has(name)) {
    ctx.report(metric.range, `${name} counts values of one column: move this rule under the property it checks.`);
  } else if (q.level === 'property' && name === 'rowCount') {
    ctx.report(metric.range, 'rowCount counts the rows of the whole object: move this rule to the schema object\'s quality list.');
  } else if (q.level === 'schema' && name === 'duplicateValues') {
    const props = getChild(getChild(q.node, 'arguments'), 'properties');
    if (props?.kind !== 'seq') {
      ctx.report(metric.range, 'duplicateValues on a schema object needs arguments.properties (the columns that together must be unique); for one column, put the rule under that property.');
      return;
    }
    const known = propertyNames(q.schema);
    for (const item of props.items) {
      if (item.kind === 'scalar' && !known.has(String(item.value))) ctx.report(item.range, `"${String(item.value)}" is not a property of this schema object.`);
    }
  } else if (name === 'invalidValues') {
    const args = getChild(q.node, 'arguments');
    if (!getChild(args, 'validValues') && !getChild(args, 'pattern')) {
      ctx.report(metric.range, 'invalidValues needs arguments.validValues (a list) or arguments.pattern (a regular expression) to know what is valid.');
    }
  }
}

/** A library metric used where it does not fit: a column metric on a table, rowCount on a column, ... */
export const metricLevel: ContractRule = {
  code: 'odcs-metric-level',
  check(ctx) {
    forEachQuality(ctx.root, (q) => checkRule(q, ctx));
  },
};
