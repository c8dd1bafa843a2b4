import type { GateResult } from '../tracking/types';
import { SpecError } from './errors';

const CONDITION = /^\s*(>=|<=|>|<|==|!=)\s*(-?\d+(?:\.\d+)?(?:[eE][-+]?\d+)?)\s*$/;

export interface Gate { metric: string; condition: string; op: string; threshold: number }

/**
 * Parses `evaluation.gates` (or the gates at `where`, e.g. evaluation.fairness.gates); a condition
 * that is not "<op> <number>" is a SpecError naming the gate.
 */
export function parseGates(gates: Record<string, string> | undefined, known: readonly string[], where = 'evaluation.gates'): Gate[] {
  return Object.entries(gates ?? {}).map(([metric, condition]) => {
    const m = CONDITION.exec(String(condition));
    if (!m) throw new SpecError(`${where}.${metric}`, `"${String(condition)}" is not a condition; write an operator and a number, e.g. ">= 0.75"`);
    if (!known.includes(metric.replace(/^(val_|train_)/, ''))) {
      throw new SpecError(`${where}.${metric}`, `unknown metric "${metric}" for this task (metrics: ${known.join(', ')})`);
    }
    return { metric, condition: String(condition), op: m[1]!, threshold: Number(m[2]) };
  });
}

function compare(value: number, op: string, t: number): boolean {
  switch (op) {
    case '>=': return value >= t;
    case '<=': return value <= t;
    case '>': return value > t;
    case '<': return value < t;
    case '==': return value === t;
    default: return value !== t;
  }
}

/**
 * The metric a gate reads: written with a prefix it is taken as is (train_auc means the training
 * value); a bare name reads the validation value when there is one, else the training value.
 */
export function gateKey(metric: string, metrics: Record<string, number>): string {
  if (metric.startsWith('train_')) return metric.slice('train_'.length);
  if (metric.startsWith('val_')) return metric;
  return `val_${metric}` in metrics ? `val_${metric}` : metric;
}

/** Evaluates the gates on the final metrics; a metric without a value fails its gate. */
export function evaluateGates(gates: Gate[], metrics: Record<string, number>): Array<GateResult & { key: string }> {
  return gates.map((g) => {
    const key = gateKey(g.metric, metrics);
    const value = metrics[key] ?? null;
    return { metric: g.metric, condition: g.condition, value, passed: value !== null && compare(value, g.op, g.threshold), key };
  });
}
