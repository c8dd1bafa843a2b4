import type { ModelSpec, SweepParameter, SweepSpec } from '../pipeline/spec';
import { SpecError } from './errors';
import { checkValue, schemaAt, splitPath, type Override, type SchemaNode } from './overrides';
import { metricKeys } from './params';
import { paramSpace, uniformTrials } from '../sweep/space';

/** One trial: the spec values it changes. */
export interface Trial { index: number; overrides: Override[]; values: Record<string, unknown> }

export const DEFAULT_TRIALS = 8;

function gridValues(path: string, p: SweepParameter): unknown[] {
  if (p.values) return p.values;
  const { min, max } = p as { min: number; max: number };
  const step = p.step ?? (p.type === 'int' ? 1 : undefined);
  if (step === undefined) throw new SpecError(`sweep.parameters.${path}`, 'a grid over a float range needs step (or list values)');
  const out: number[] = [];
  for (let v = min; v <= max + step * 1e-9; v += step) out.push(p.type === 'int' ? Math.round(v) : Number(v.toPrecision(12)));
  return [...new Set(out)];
}

function checkParameter(path: string, p: SweepParameter, schema: SchemaNode): Array<string | number> {
  const keys = splitPath(path);
  if (!keys) throw new SpecError(`sweep.parameters.${path}`, 'is not a spec path, e.g. training.learningRate or model.layers[0].units');
  try {
    schemaAt(schema, keys);
  } catch (e) {
    throw new SpecError(`sweep.parameters.${path}`, (e as Error).message);
  }
  if (!p.values && (typeof p.min !== 'number' || typeof p.max !== 'number' || p.min > p.max)) {
    throw new SpecError(`sweep.parameters.${path}`, 'give values, or min and max with min <= max');
  }
  if (p.scale === 'log' && !p.values && p.min! <= 0) throw new SpecError(`sweep.parameters.${path}.min`, 'a log scale needs min > 0');
  return keys;
}

/**
 * Ranges random and tpe draw from (sweep/space.ts): an int range on whole numbers, and a stepped
 * log range whose widened low end, min - step / 2, stays above 0 (its draws are log-uniform over it).
 */
function checkDrawnRange(path: string, p: SweepParameter): void {
  if (p.values) return;
  const step = p.step ?? (p.type === 'int' ? 1 : undefined);
  if (p.type === 'int' && ![p.min, p.max, step].every(Number.isInteger)) throw new SpecError(`sweep.parameters.${path}`, 'an int range needs whole-number min, max and step');
  if (p.scale === 'log' && step !== undefined && p.min! - step / 2 <= 0) throw new SpecError(`sweep.parameters.${path}.step`, `a log range with a step needs min > step / 2 (min ${p.min}, step ${step}); drop the step or raise min`);
}

function product(lists: Array<{ path: string; values: unknown[] }>): Array<Record<string, unknown>> {
  return lists.reduce<Array<Record<string, unknown>>>((acc, { path, values }) => acc.flatMap((combo) => values.map((v) => ({ ...combo, [path]: v }))), [{}]);
}

/** Checks every sweep parameter against the spec schema; the spec keys of each path. */
export function checkParameters(sweep: SweepSpec, schema: SchemaNode): Map<string, Array<string | number>> {
  const params = Object.entries(sweep.parameters ?? {});
  if (params.length === 0) throw new SpecError('sweep.parameters', 'name at least one spec path to vary');
  const keys = new Map(params.map(([path, p]) => [path, checkParameter(path, p, schema)]));
  if (sweep.strategy !== 'grid') params.forEach(([path, p]) => checkDrawnRange(path, p));
  return keys;
}

/** A trial from its values: the overrides it applies, each value checked against the schema. */
export function makeTrial(index: number, values: Record<string, unknown>, keys: Map<string, Array<string | number>>, schema: SchemaNode): Trial {
  const overrides = Object.entries(values).map(([path, value]) => ({ path, keys: keys.get(path)!, value }));
  overrides.forEach((o) => checkValue(schema, o));
  return { index, overrides, values };
}

/**
 * The trials of a sweep: every combination for grid (capped by `trials` when set), or `trials`
 * seeded samples for random. Each path and value is checked against the spec schema first. tpe
 * trials depend on the results before them, so they are drawn while the sweep runs (sweep/tpe.ts).
 */
export function planTrials(sweep: SweepSpec, schema: SchemaNode, fallbackSeed: number): Trial[] {
  const params = Object.entries(sweep.parameters ?? {});
  const keys = checkParameters(sweep, schema);
  const count = sweep.budget?.trials ?? sweep.trials;
  let combos: Array<Record<string, unknown>>;
  if (sweep.strategy === 'grid') {
    combos = product(params.map(([path, p]) => ({ path, values: gridValues(path, p) })));
    if (count !== undefined) combos = combos.slice(0, count);
  } else if (sweep.strategy === 'random') {
    // The draws TPE's start-up trials make too (sweep/space.ts), so the two strategies start alike.
    combos = uniformTrials(Object.fromEntries(params.map(([path, p]) => [path, paramSpace(p)])), sweep.seed ?? fallbackSeed, count ?? DEFAULT_TRIALS);
  } else if (sweep.strategy === 'tpe') {
    return [];
  } else {
    throw new SpecError('sweep.strategy', `must be grid, random or tpe (got ${JSON.stringify(sweep.strategy)})`);
  }
  return combos.map((values, index) => makeTrial(index + 1, values, keys, schema));
}

/** Checks the ranking metric against what the task reports. */
export function checkSweepMetric(sweep: SweepSpec, task: ModelSpec['task'], validation: boolean): void {
  const keys = metricKeys(task, validation);
  if (!keys.includes(sweep.metric)) throw new SpecError('sweep.metric', `unknown metric "${sweep.metric}" (metrics: ${keys.join(', ')})`);
  if (sweep.goal !== 'minimize' && sweep.goal !== 'maximize') throw new SpecError('sweep.goal', `must be minimize or maximize (got ${JSON.stringify(sweep.goal)})`);
}

/** The best trial by the sweep metric among those that completed. */
export function bestTrial<T extends { status: string; metrics: Record<string, number> }>(results: T[], sweep: Pick<SweepSpec, 'metric' | 'goal'>): T | undefined {
  const sign = sweep.goal === 'maximize' ? 1 : -1;
  return results.filter((r) => r.status === 'completed' && Number.isFinite(r.metrics[sweep.metric]))
    .reduce<T | undefined>((best, r) => (!best || sign * (r.metrics[sweep.metric]! - best.metrics[sweep.metric]!) > 0 ? r : best), undefined);
}
