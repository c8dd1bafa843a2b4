/**
 * Model cards: card.json for machines and card.md for people, both built from the run record. Pure.
 */
import type { RunRecord } from '../tracking/types';
import { fairnessLines } from '../evaluation/fairnessText';
import { versionTag } from './names';
import type { CardFile, ModelCard } from './types';

export interface CardContext {
  name: string;
  version: number;
  createdAt: string;
  createdBy: string;
  message: string | null;
  forceReason: string | null;
  files: CardFile[];
}

/** Metrics with every non-finite value replaced by null (JSON has no NaN). */
export function finiteMetrics(metrics: Record<string, unknown> | undefined): Record<string, number | null> {
  const out: Record<string, number | null> = {};
  for (const [k, v] of Object.entries(metrics ?? {})) out[k] = typeof v === 'number' && Number.isFinite(v) ? v : null;
  return out;
}

/** Gates of a run that did not pass, as "metric condition" strings. */
export function failedGates(run: RunRecord): string[] {
  return (run.gates ?? []).filter((g) => !g.passed).map((g) => `${g.metric} ${g.condition}`);
}

/** Builds card.json's content. */
export function buildCard(run: RunRecord, ctx: CardContext): ModelCard {
  const failed = failedGates(run);
  return {
    schema: 'mlops/model-card/v1',
    name: ctx.name,
    version: ctx.version,
    tag: versionTag(ctx.name, ctx.version),
    createdAt: ctx.createdAt,
    createdBy: ctx.createdBy,
    message: ctx.message,
    run: {
      id: run.id, specPath: run.specPath ?? null, specHash: run.specHash ?? null, status: run.status,
      startedAt: run.startedAt ?? null, endedAt: run.endedAt ?? null, seed: typeof run.seed === 'number' ? run.seed : null,
    },
    lineage: {
      runId: run.id, sweepId: run.sweepId ?? null, trial: run.trial ?? null,
      sourceCommit: run.git?.commit ?? null, sourceDirty: run.git ? run.git.dirty : null,
    },
    backend: run.backend ?? null,
    metrics: finiteMetrics(run.metrics),
    gates: (run.gates ?? []).map((g) => ({ ...g, value: typeof g.value === 'number' && Number.isFinite(g.value) ? g.value : null })),
    gatesPassed: failed.length === 0,
    forced: ctx.forceReason !== null ? { reason: ctx.forceReason, failedGates: failed } : null,
    params: run.params ?? {},
    data: run.data ?? {},
    contract: run.contract ? { path: run.contract.path, id: run.contract.id ?? null, version: run.contract.version ?? null } : null,
    files: ctx.files,
    validationPredictions: run.validationPredictions ?? null,
    fairness: run.fairness ?? null,
  };
}

/** A number as people read it in a card: at most 4 decimals, no trailing zeros. */
export function formatNumber(v: number | null): string {
  if (v === null) return 'n/a';
  return Number.isInteger(v) ? String(v) : String(Number(v.toFixed(4)));
}

/** Human-readable size: 1.2 MB. */
export function formatBytes(bytes: number): string {
  const units = ['B', 'kB', 'MB', 'GB', 'TB'];
  let v = bytes;
  let i = 0;
  while (v >= 1000 && i < units.length - 1) { v /= 1000; i++; }
  return `${i === 0 ? v : v.toFixed(1)} ${units[i]}`;
}

// Pipes and newlines would break a Markdown table cell.
function cell(text: string): string {
  return text.replace(/\|/g, '\\|').replace(/\r?\n/g, ' ');
}

function table(head: string[], rows: string[][]): string[] {
  return [`| ${head.join(' | ')} |`, `|${head.map(() => '---').join('|')}|`, ...rows.map((r) => `| ${r.map(cell).join(' | ')} |`)];
}

function section(title: string, lines: string[]): string[] {
  return lines.length ? ['', `## ${title}`, '', ...lines] : [];
}

/** Renders card.md from card.json's content. */
export function renderCardMarkdown(card: ModelCard): string {
  const metrics = Object.entries(card.metrics).sort(([a], [b]) => a.localeCompare(b));
  const forced = card.forced
    ? ['', `> **Registered with failed gates** (${card.forced.failedGates.join(', ')}). Reason given: ${card.forced.reason}`]
    : [];
  const lines = [
    `# ${card.name} v${card.version}`,
    '',
    `Tag \`${card.tag}\`, registered ${card.createdAt} by ${card.createdBy} from run \`${card.run.id}\`` +
      `${card.backend ? ` (backend ${card.backend})` : ''}.`,
    ...(card.message ? ['', card.message] : []),
    ...forced,
    ...section('Metrics', table(['metric', 'value'], metrics.map(([k, v]) => [k, formatNumber(v)]))),
    ...section('Gates', card.gates.length
      ? table(['metric', 'condition', 'value', 'result'], card.gates.map((g) => [g.metric, g.condition, formatNumber(g.value), g.passed ? 'passed' : 'FAILED']))
      : ['No gates were defined.']),
    ...section('Fairness', fairnessLines(card.fairness ?? null)),
    ...section('Lineage', lineageLines(card)),
    ...section('Data', table(['name', 'path', 'rows', 'sha256'], Object.entries(card.data).map(([k, d]) => [k, d.path, String(d.rows), d.sha256]))),
    ...section('Parameters', ['```json', JSON.stringify(card.params, null, 2), '```']),
    ...section('Files', table(['file', 'size', 'sha256', 'storage'], card.files.map((f) => [f.path, formatBytes(f.bytes), f.sha256, f.lfs ? 'git-lfs' : 'git']))),
  ];
  return `${lines.join('\n')}\n`;
}

function lineageLines(card: ModelCard): string[] {
  const l = card.lineage;
  const source = l.sourceCommit ? `\`${l.sourceCommit}\`${l.sourceDirty ? ' (with uncommitted changes)' : ''}` : 'unknown (not a git repository at training time)';
  const rows: string[] = [`- Run: \`${l.runId}\``];
  if (l.sweepId) rows.push(`- Sweep: \`${l.sweepId}\`${l.trial !== null ? `, trial ${l.trial}` : ''}`);
  rows.push(`- Source commit: ${source}`);
  if (card.run.specPath) rows.push(`- Spec: \`${card.run.specPath}\`${card.run.specHash ? ` (sha256 ${card.run.specHash})` : ''}`);
  if (card.run.seed !== null) rows.push(`- Seed: ${card.run.seed}`);
  if (card.contract) {
    const c = card.contract;
    rows.push(`- Contract: \`${c.path}\`${c.id ? ` id ${c.id}` : ''}${c.version ? ` version ${c.version}` : ''}`);
  }
  return rows;
}
