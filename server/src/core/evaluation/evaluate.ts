/**
 * `mlops evaluate`: a registered version (or a run's model) scored on a labelled file through the
 * serving path (the numbers `mlops predict` and the server give), then the task's metrics, the
 * fairness block and the gates of the spec the model was trained with.
 */
import type { ModelCard } from '../registry/types';
import type { LoadedVersion } from '../serving/model';
import { scoreFile } from '../serving/predictFile';
import type { GateResult } from '../tracking/types';
import { hashFile } from '../tracking/provenance';
import { DataError } from '../training/errors';
import { evaluateGates, parseGates } from '../training/gates';
import { computeMetrics } from '../training/metrics';
import { metricKeys } from '../training/params';
import type { ContractReport } from '../training/run';
import { computeFairness, FairnessDataError, type FairnessReport, type FairnessSpec } from './fairness';
import { checkFairnessSpec, fairnessGates, fairnessTask } from './fairnessSpec';
import { readLabels } from './labels';

/** What `mlops evaluate --format json` prints. */
export interface EvaluationResult {
  model: string | null;
  version: number | null;
  /** Set with --run: the run whose model was evaluated. */
  run?: { id: string; specPath: string | null };
  data: { path: string; rows: number; sha256: string };
  metrics: Record<string, number>;
  fairness: FairnessReport | null;
  gates: GateResult[];
}

/** The data breaks the model's contract: the report's failed error-level checks say how. */
export class EvaluationContractError extends Error {
  constructor(readonly shown: string, readonly contract: string, readonly failed: ContractReport['checks']) {
    super(`${shown} does not meet the contract ${contract}: ${failed.length} check(s) failed:\n${failed.slice(0, 10).map((c) => `  ${c.column ?? '(table)'}: ${c.message}`).join('\n')}`);
    this.name = 'EvaluationContractError';
  }
}

export interface EvaluateRequest {
  loaded: LoadedVersion;
  /** Set when the model is a run's (--run), not a registered version. */
  run?: { id: string; specPath: string | null };
  dataPath: string;
  /** The data path as the user wrote it (messages and the JSON name it). */
  shown: string;
  /** Checks the data against the model's contract; undefined when the card names no contract. */
  contractCheck?: (card: ModelCard) => Promise<{ contract: string; report: ContractReport } | undefined>;
}

function evaluationSpec(card: ModelCard): { gates?: Record<string, string>; fairness?: FairnessSpec } {
  return (card.params?.evaluation ?? {}) as { gates?: Record<string, string>; fairness?: FairnessSpec };
}

/** The probabilities (or values) the task's metrics read. */
function metricInput(loaded: LoadedVersion, scores: Awaited<ReturnType<typeof scoreFile>>['scores']): Float32Array {
  if (loaded.task === 'multiclass') return scores.probabilities!;
  return scores.prediction as Float32Array;
}

/**
 * Gates of the training spec on the evaluated data: `auc`, `val_auc` and `train_auc` all read the
 * file's `auc` (there is one data set here). Fairness gates read the fairness summary.
 */
function gatesOn(card: ModelCard, task: LoadedVersion['task'], metrics: Record<string, number>, fairness: FairnessReport | null): GateResult[] {
  const spec = evaluationSpec(card);
  const plain = parseGates(spec.gates, metricKeys(task, false)).map((g) => ({ ...g, metric: g.metric.replace(/^(val_|train_)/, ''), written: g.metric }));
  const results = evaluateGates(plain, metrics).map((r, i) => ({ metric: plain[i]!.written, condition: r.condition, value: r.value, passed: r.passed }));
  const fairnessGateList = spec.fairness ? fairnessGates(checkFairnessSpec(spec.fairness, task), fairness) : [];
  return [...results, ...fairnessGateList];
}

/** Scores the file, computes metrics, fairness and gates. Refusals throw (contract, bad rows, labels). */
export async function evaluateModel(req: EvaluateRequest): Promise<EvaluationResult> {
  const { loaded } = req;
  const checked = await req.contractCheck?.(loaded.card);
  if (checked && !checked.report.passed) {
    throw new EvaluationContractError(req.shown, checked.contract, checked.report.checks.filter((c) => !c.passed && c.severity === 'error'));
  }
  const fairnessSpec = evaluationSpec(loaded.card).fairness;
  const labels = await readLabels(req.dataPath, loaded.prep.target, fairnessSpec?.sensitive ?? []);
  const scored = await scoreFile(loaded, req.dataPath, { shown: req.shown });
  const score = metricInput(loaded, scored.scores);
  const metrics = computeMetrics(loaded.task, score, labels.y, loaded.classes?.length ?? 1);
  let fairness: FairnessReport | null = null;
  if (fairnessSpec) {
    try {
      fairness = computeFairness(fairnessSpec, { task: fairnessTask(loaded.task), y: labels.y, score, sensitive: labels.sensitive });
    } catch (e) {
      if (e instanceof FairnessDataError) throw new DataError(`${req.shown}: ${e.message}`);
      throw e;
    }
  }
  return {
    model: req.run ? null : loaded.model,
    version: req.run ? null : loaded.version,
    ...(req.run ? { run: req.run } : {}),
    data: { path: req.shown, rows: labels.rows, sha256: await hashFile(req.dataPath) },
    metrics, fairness, gates: gatesOn(loaded.card, loaded.task, metrics, fairness),
  };
}
