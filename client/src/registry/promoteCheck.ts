/**
 * Checks before an alias moves: whether the new holder's headline metric is worse than the current
 * holder's (said before the user confirms), and the wording of the reason prompt. Pure.
 */
import { HEADLINE_METRICS } from '../../../server/src/cliProtocol';
import type { ModelSummary } from '../../../server/src/protocol';
import { versionLabel } from './modelsData';

const LOWER_IS_BETTER = /(^|_)(loss|logloss|rmse|mae|mse|error)$/;

const fmt = (v: number) => String(Number(v.toPrecision(4)));

/**
 * The warning to show when promoting `version` to `alias` would replace a holder with a better headline
 * metric (the first headline metric both versions have; losses and errors are better small), else null.
 */
export function worseHolderWarning(model: ModelSummary, version: number, alias: string): string | null {
  const holder = model.aliases[alias];
  if (holder === undefined || holder === version) return null;
  const next = model.versions.find((v) => v.version === version);
  const current = model.versions.find((v) => v.version === holder);
  if (!next || !current) return null;
  const metric = HEADLINE_METRICS.find((k) => Number.isFinite(next.metrics[k]) && Number.isFinite(current.metrics[k]));
  if (!metric) return null;
  const a = next.metrics[metric]!;
  const b = current.metrics[metric]!;
  const worse = LOWER_IS_BETTER.test(metric) ? a > b : a < b;
  if (!worse) return null;
  return `${model.name} ${versionLabel(version)} has ${metric} ${fmt(a)}, worse than ${fmt(b)} of ${versionLabel(holder)}, which holds "${alias}" now.`;
}

/** The reason prompt: the reason is recorded in the history; empty is allowed and says so. */
export function reasonPrompt(name: string, version: string, alias: string): { prompt: string; placeHolder: string } {
  return {
    prompt: `Why promote ${name} ${version} to ${alias}? Recorded in the promotion history and the commit. Leave empty to record no reason.`,
    placeHolder: 'e.g. better val_auc on the November data (optional)',
  };
}
