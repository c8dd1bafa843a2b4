/**
 * Text output of the registry commands (the JSON output is the result objects themselves; warnings
 * are printed by the caller, to stderr). Pure.
 */
import { formatBytes, formatNumber } from './card';
import type { CardChange } from './catalog';
import type { PromoteResult } from './promote';
import type { RegisterResult } from './register';
import type { AliasEvent, ModelSummary } from './types';

/** Left-aligned columns separated by two spaces; trailing spaces trimmed. */
export function textTable(head: string[], rows: string[][]): string {
  const widths = head.map((h, i) => Math.max(h.length, ...rows.map((r) => (r[i] ?? '').length)));
  const line = (cells: string[]): string => cells.map((c, i) => c.padEnd(widths[i]!)).join('  ').trimEnd();
  return [line(head), ...rows.map(line)].join('\n');
}

function value(v: unknown): string {
  if (v === null || v === undefined) return '-';
  if (typeof v === 'number') return formatNumber(v);
  return typeof v === 'string' ? v : JSON.stringify(v);
}

export function formatRegister(r: RegisterResult): string {
  const bytes = r.files.reduce((n, f) => n + f.bytes, 0);
  const lfs = r.files.filter((f) => f.lfs).length;
  const lines = [
    ...(r.initialized ? ['Initialized an empty git repository (--init).'] : []),
    `Registered ${r.model} v${r.version} from run ${r.runId}: commit ${r.commit.slice(0, 7)} on ${r.branch ?? 'HEAD'}, tag ${r.tag}`,
    `  ${r.path}/  (${r.files.length} model files, ${formatBytes(bytes)}${lfs ? `, ${lfs} in git LFS` : ''}, card.md, card.json)`,
    ...(r.forced ? [`  registered despite failed gates (${r.forced.failedGates.join(', ')}): ${r.forced.reason}`] : []),
  ];
  return `${lines.join('\n')}\n`;
}

export function formatPromote(r: PromoteResult): string {
  if (!r.changed) return `${r.model} v${r.version} already holds "${r.alias}": nothing to do.\n`;
  const from = r.from === null ? 'new alias' : `was v${r.from}`;
  return `${r.model}: ${r.alias} -> v${r.version} (${from}), commit ${r.commit!.slice(0, 7)}, tag ${r.tag}\n` +
    `  reason: ${r.reason ?? '(none given; pass --reason to record why)'}\n`;
}

/**
 * Metrics shown in the listing, three at most: those the gates read first (what decided whether a
 * version passed, e.g. val_auc), then the other names, sorted.
 */
function metricColumns(m: ModelSummary): string[] {
  const gated = m.versions.flatMap((v) => v.gateMetrics ?? []).filter((k) => m.versions.some((v) => k in v.metrics));
  const rest = [...new Set(m.versions.flatMap((v) => Object.keys(v.metrics)))].sort();
  return [...new Set([...gated, ...rest])].slice(0, 3);
}

export function formatModels(models: ModelSummary[], workspace: string): string {
  if (models.length === 0) return `No models registered in ${workspace} yet. Register a completed run with: mlops register <runId>\n`;
  return models.map((m) => {
    const metrics = metricColumns(m);
    const rows = m.versions.map((v) => [`v${v.version}`, v.aliases.join(',') || '-', v.runId ?? '-', (v.createdAt ?? '-').slice(0, 19).replace('T', ' '),
      ...metrics.map((k) => value(v.metrics[k] ?? null)), v.forced ? 'forced' : v.gatesPassed === false ? 'failed' : 'passed']);
    const title = `${m.name}  (${m.versions.length} version${m.versions.length === 1 ? '' : 's'}, ${m.path}/)`;
    return `${title}\n${textTable(['VERSION', 'ALIASES', 'RUN', 'CREATED', ...metrics, 'GATES'], rows)}\n`;
  }).join('\n');
}

export function formatHistory(model: string, events: AliasEvent[]): string {
  if (events.length === 0) return `${model} has no promotions yet. Promote a version with: mlops promote ${model} <version> <alias>\n`;
  const rows = events.map((e) => [e.at.slice(0, 19).replace('T', ' '), e.alias, e.from === null ? '-' : `v${e.from}`, `v${e.version}`, e.by, e.reason ?? '-']);
  return `${textTable(['WHEN', 'ALIAS', 'FROM', 'TO', 'BY', 'REASON'], rows)}\n`;
}

export function formatDiff(model: string, from: number, to: number, changes: CardChange[]): string {
  if (changes.length === 0) return `${model} v${from} and v${to} have identical cards.\n`;
  const rows = changes.map((c) => [c.key, value(c.from), value(c.to), c.delta === null ? '' : `${c.delta > 0 ? '+' : ''}${formatNumber(c.delta)}`]);
  return `${textTable(['FIELD', `v${from}`, `v${to}`, 'CHANGE'], rows)}\n`;
}
