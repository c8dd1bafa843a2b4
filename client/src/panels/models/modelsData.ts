/**
 * The registry's `mlops models --format json` and `mlops models history <name> --format json` output,
 * typed with the registry core's own types, plus the labels the Models tree shows. Pure.
 */
import type { AliasEvent, ModelSummary, VersionSummary } from '../../../../server/src/core/registry/types';

export type { AliasEvent, ModelSummary, VersionSummary };

/** `mlops models --format json`; an unexpected document lists nothing rather than breaking the tree. */
export function parseModels(json: unknown): ModelSummary[] {
  const models = (json as { models?: unknown } | null)?.models;
  if (!Array.isArray(models)) return [];
  return (models as ModelSummary[]).map((m) => ({ ...m, versions: [...(m.versions ?? [])].sort((a, b) => b.version - a.version) }));
}

/** `mlops models history <name> --format json`, newest first. */
export function parseHistory(json: unknown): AliasEvent[] {
  const history = (json as { history?: unknown } | null)?.history;
  return Array.isArray(history) ? [...(history as AliasEvent[])].reverse() : [];
}

/** "v3" for version 3, as the registry names folders and tags. */
export function versionLabel(v: number): string {
  return `v${v}`;
}

/** The folder of a version, relative to the workspace (models/<name>/v<N>). */
export function versionPath(model: ModelSummary, v: VersionSummary): string {
  return `${model.path}/${versionLabel(v.version)}`;
}

/** The metric shown next to a version: a validation AUC if there is one, else the first finite metric. */
export function headlineMetric(metrics: Record<string, number | null>): string {
  const finite = Object.entries(metrics).filter((e): e is [string, number] => typeof e[1] === 'number' && Number.isFinite(e[1]));
  const wanted = ['val_auc', 'auc', 'val_accuracy', 'accuracy', 'val_rmse', 'rmse'];
  const hit = wanted.map((k) => finite.find(([name]) => name === k)).find(Boolean) ?? finite[0];
  return hit ? `${hit[0]} ${Number(hit[1].toPrecision(4))}` : '';
}
