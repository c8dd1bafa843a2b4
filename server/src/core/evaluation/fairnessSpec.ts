import { SpecError } from '../training/errors';
import { evaluateGates, parseGates, type Gate } from '../training/gates';
import type { GateResult } from '../tracking/types';
import { GROUP_METRICS, SUMMARY_METRICS, type FairnessTask } from './definitions';
import type { FairnessReport, FairnessSpec } from './fairness';
import { binProblem } from './groups';

const WHERE = 'evaluation.fairness';

/** The task fairness is measured for; multiclass has no selection rate, so it is refused. */
export function fairnessTask(task: string, where = WHERE): FairnessTask {
  if (task === 'binary' || task === 'regression') return task;
  throw new SpecError(where, `fairness metrics are defined for binary classification and regression, not ${task}; remove evaluation.fairness or change model.task`);
}

/**
 * Checks `evaluation.fairness` before any data is read: sensitive columns named, bins only for them
 * and ascending, metrics and gates known for the task. Returns the parsed gates.
 */
export function checkFairnessSpec(spec: FairnessSpec | undefined, task: string): Gate[] {
  if (!spec) return [];
  const t = fairnessTask(task);
  if (!Array.isArray(spec.sensitive) || spec.sensitive.length === 0 || !spec.sensitive.every((c) => typeof c === 'string' && c !== '')) {
    throw new SpecError(`${WHERE}.sensitive`, 'name at least one sensitive column, e.g. sensitive: [gender]');
  }
  for (const [column, edges] of Object.entries(spec.bins ?? {})) {
    if (!spec.sensitive.includes(column)) throw new SpecError(`${WHERE}.bins.${column}`, `"${column}" is not listed in evaluation.fairness.sensitive`);
    const problem = binProblem(edges);
    if (problem) throw new SpecError(`${WHERE}.bins.${column}`, problem);
  }
  const known = [...GROUP_METRICS[t], ...SUMMARY_METRICS[t]];
  spec.metrics?.forEach((m, i) => {
    if (!known.includes(m)) throw new SpecError(`${WHERE}.metrics[${i}]`, `"${m}" is not a fairness metric for a ${t} task (metrics: ${known.join(', ')})`);
  });
  return parseGates(spec.gates, SUMMARY_METRICS[t], `${WHERE}.gates`);
}

/** Gate results on the fairness summary, named `fairness.<metric>`; a null value fails its gate. */
export function fairnessGates(gates: Gate[], report: FairnessReport | null): GateResult[] {
  const values: Record<string, number> = {};
  for (const [k, v] of Object.entries(report?.summary ?? {})) if (v !== null) values[k] = v;
  return evaluateGates(gates, values).map(({ metric, condition, value, passed }) => ({ metric: `fairness.${metric}`, condition, value, passed }));
}
