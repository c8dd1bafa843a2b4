/**
 * `mlops monitor`: what the prediction log says about a served model. One pass over the log gives
 * the traffic, latency, errors and shadow agreement, and writes the logged inputs to a temporary
 * table; the drift engine then compares that table with the training data recorded in the serving
 * version's card, exactly as `mlops drift` would, and served predictions are compared with the
 * validation predictions saved at training. Any drift recommends retraining.
 */
import { existsSync } from 'node:fs';
import { relative, resolve } from 'node:path';
import { loadContract } from '../../contract/load';
import { selectSchemaObject, type ContractSchemaObject } from '../../contract/model';
import { DEFAULT_DRIFT_SHARE, driftConfigFromSpec, type DriftConfig } from '../../drift/config';
import type { DriftReport } from '../../drift/model';
import { computeDrift } from '../../drift/run';
import type { PipelineSpec } from '../../pipeline/spec';
import { readCard } from '../../registry/catalog';
import type { ModelCard } from '../../registry/types';
import { versionSchema } from '../model';
import { checkLogFolder, scanLog } from './logScan';
import { LogStats, type VersionWindow } from './logStats';
import { LogTableWriter } from './logTable';
import { predictionDrift, type PredictionDriftReport } from './predictionDrift';
import { feedbackQuality, qualityReasons } from './feedback';
import type { EvaluationResult } from '../../evaluation/evaluate';

export interface MonitorInput {
  workspace: string;
  model: string;
  logDir: string;
  /** The log folder as the report shows it. */
  shownLogDir: string;
  since?: Date;
  /** The pipeline spec (drift settings and contract, as `mlops drift --spec` reads them) and its folder. */
  spec?: PipelineSpec;
  specDir?: string;
  signal?: AbortSignal;
}

export interface MonitorReport {
  model: string;
  window: { from: string | null; to: string | null; requests: number; rows: number; since: string | null; sample: number[] };
  versions: VersionWindow[];
  /** The version that answered the latest logged request: the one whose training data is the reference. */
  servingVersion: number | null;
  drift: DriftReport | null;
  predictionDrift: PredictionDriftReport | null;
  shadow: ReturnType<LogStats['shadowSummary']>;
  latency: ReturnType<LogStats['latency']>;
  errors: { total: number; rate: number; byReason: Record<string, number>; byCode: Record<string, number> };
  recommendation: 'retrain' | 'ok';
  /** Why the recommendation is what it is. */
  reasons: string[];
  notes: string[];
  log: { dir: string; files: number; malformed: number };
  /** The serving version measured on the spec's `data.feedback` file (as `mlops evaluate`); null without one. */
  quality: EvaluationResult | null;
}

function driftConfig(spec: PipelineSpec | undefined): DriftConfig {
  return spec ? driftConfigFromSpec(spec.monitoring, spec.features)
    : { method: 'auto', driftShare: DEFAULT_DRIFT_SHARE, features: 'all', perFeature: {}, compat: 'none' };
}

/** The contract schema the drift engine types columns by: the spec's (as `mlops drift --spec`), else the version's. */
function driftSchema(input: MonitorInput, card: ModelCard, reference: string): ContractSchemaObject | undefined {
  const train = input.spec?.data?.train;
  if (train?.contract && input.specDir) {
    try {
      return selectSchemaObject(loadContract(resolve(input.specDir, train.contract)).model, train.schema, reference);
    } catch {
      return undefined;
    }
  }
  return versionSchema(input.workspace, card);
}

async function inputDrift(input: MonitorInput, card: ModelCard, table: ReturnType<LogTableWriter['finish']>, notes: string[]): Promise<DriftReport | null> {
  const train = card.data?.train;
  if (!train?.path) { notes.push(`v${card.version}'s card records no training data, so input drift cannot be measured`); return null; }
  const reference = resolve(input.workspace, train.path);
  if (!existsSync(reference)) { notes.push(`the training data of v${card.version} (${train.path}) is not in this workspace, so input drift cannot be measured`); return null; }
  if (table.hidden.length) notes.push(`${table.hidden.join(', ')} ${table.hidden.length > 1 ? 'are' : 'is'} logged only as keyed hashes (sensitive in the contract), so left out of the drift comparison`);
  if (table.late.length) notes.push(`${table.late.join(', ')} appeared only in later requests and ${table.late.length > 1 ? 'were' : 'was'} left out of the drift comparison`);
  return computeDrift({
    reference, current: table.path, display: { reference: train.path, current: input.shownLogDir },
    schema: driftSchema(input, card, reference), config: driftConfig(input.spec), ...(input.signal ? { signal: input.signal } : {}),
  });
}

/** Reads the log and builds the report. Throws ServingError when the folder holds no log. */
export async function monitorModel(input: MonitorInput): Promise<MonitorReport> {
  checkLogFolder(input.logDir, input.shownLogDir);
  const stats = new LogStats();
  const writer = new LogTableWriter();
  const notes: string[] = [];
  const scan = await scanLog(input.logDir, (r) => {
    stats.add(r);
    if (r.type === 'request') writer.add(r);
  }, input.since);
  const table = writer.finish();
  try {
    if (scan.malformed) notes.push(`${scan.malformed} line${scan.malformed > 1 ? 's' : ''} of the log ${scan.malformed > 1 ? 'are' : 'is'} not a record and ${scan.malformed > 1 ? 'were' : 'was'} skipped`);
    if ([...stats.samples].some((s) => s < 1)) notes.push(`the log is sampled (${[...stats.samples].join(', ')} of requests): counts are of logged requests`);
    const serving = stats.lastVersion;
    let drift: DriftReport | null = null;
    let predDrift: PredictionDriftReport | null = null;
    let quality: EvaluationResult | null = null;
    if (serving === null) {
      notes.push('no request was logged in the window: nothing to compare');
    } else {
      const card = readCard(input.workspace, input.model, `v${serving}`);
      drift = await inputDrift(input, card, table, notes);
      const saved = card.validationPredictions;
      const task = (card.params?.model as { task?: 'binary' | 'multiclass' | 'regression' } | undefined)?.task;
      if (saved && task) predDrift = predictionDrift(serving, task, saved, stats.predictions.get(serving) ?? []);
      else notes.push(`v${serving}'s card has no validation prediction distribution (registered before it was recorded, or trained without a validation split), so prediction drift cannot be measured`);
      quality = await feedbackQuality(input, serving, notes);
    }
    const reasons: string[] = [];
    if (drift?.datasetDrift) reasons.push(`input drift: ${drift.drifted} of ${drift.compared} features drifted (share ${drift.driftedShare.toFixed(2)} >= ${drift.driftShare})`);
    if (drift && drift.allNullCurrent.length > 0) reasons.push(`input columns stopped arriving: ${drift.allNullCurrent.join(', ')}`);
    if (predDrift?.drifted) reasons.push(`prediction drift: ${predDrift.method} ${predDrift.statistic.toFixed(3)} >= ${predDrift.threshold}`);
    reasons.push(...qualityReasons(quality));
    const total = stats.errors;
    return {
      model: input.model,
      window: { from: stats.from, to: stats.to, requests: stats.requests, rows: stats.rows, since: input.since?.toISOString() ?? null, sample: [...stats.samples] },
      versions: [...stats.versions.values()].sort((a, b) => a.version - b.version),
      servingVersion: serving,
      drift, predictionDrift: predDrift, shadow: stats.shadowSummary(), latency: stats.latency(),
      errors: { total, rate: total + stats.requests ? total / (total + stats.requests) : 0, byReason: Object.fromEntries(stats.errorsByReason), byCode: Object.fromEntries(stats.errorsByCode) },
      recommendation: reasons.length ? 'retrain' : 'ok', reasons, notes,
      log: { dir: relative(input.workspace, input.logDir).split('\\').join('/') || '.', files: scan.files, malformed: scan.malformed },
      quality,
    };
  } finally {
    table.remove();
  }
}
