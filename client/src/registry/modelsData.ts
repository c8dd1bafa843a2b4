/**
 * The model catalog as the Models tree shows it (the language server's `mlops/models` and
 * `mlops/modelHistory` answers, read by the registry core): order and labels. Pure.
 */
import { HEADLINE_METRICS } from '../../../server/src/cliProtocol';
import type { AliasEvent, ModelSummary, VersionSummary } from '../../../server/src/protocol';

export type { AliasEvent, ModelSummary, VersionSummary };

/** Models with their newest version first. */
export function newestVersionsFirst(models: ModelSummary[]): ModelSummary[] {
  return models.map((m) => ({ ...m, versions: [...m.versions].sort((a, b) => b.version - a.version) }));
}

/** A model's promotion history, newest first (the engine keeps it oldest first). */
export function newestEventsFirst(history: AliasEvent[]): AliasEvent[] {
  return [...history].reverse();
}

/** "v3" for version 3, as the registry names folders and tags. */
export function versionLabel(v: number): string {
  return `v${v}`;
}

/** The metric shown next to a version: the first headline metric it has, else its first finite metric. */
export function headlineMetric(metrics: Record<string, number | null>): string {
  const finite = Object.entries(metrics).filter((e): e is [string, number] => typeof e[1] === 'number' && Number.isFinite(e[1]));
  const hit = HEADLINE_METRICS.map((k) => finite.find(([name]) => name === k)).find(Boolean) ?? finite[0];
  return hit ? `${hit[0]} ${Number(hit[1].toPrecision(4))}` : '';
}

/** The history row's description: where the alias came from, the reason (or that none was given), when and who. */
export function historyDescription(e: AliasEvent): string {
  const from = e.from !== null ? `from ${versionLabel(e.from)}` : 'new alias';
  const reason = e.reason ? `“${e.reason}”` : 'no reason given';
  return [from, reason, e.at.slice(0, 16).replace('T', ' '), e.by.replace(/\s*<.*>$/, '')].join(' · ');
}
