import { dirname, join, resolve } from 'node:path';
import { CompletionItemKind, InsertTextFormat, type CompletionItem, type Position, type Range } from 'vscode-languageserver-types';
import type { CoreHost } from '../../languageService';
import { cursorContext, lineReader, type CursorContext } from '../../yaml/cursor';
import { nodeAtPath, type PathSegment } from '../../yaml/tree';
import type { SpecAnalysis } from '../analysis';
import { metricsForTask } from '../metrics';
import { FAIRNESS_METRIC_DOCS, fairnessMetricsFor } from '../../evaluation/definitions';
import { deref, schemaAtPath, schemaTypes, type JsonSchema } from '../schema';
import { columnMarkdown, columnsOf, holdsColumnKeys, holdsColumnValues, joinPath } from './columns';

const PATH_KEYS = new Set(['path', 'contract', 'deps', 'outs']);

function item(label: string, kind: CompletionItemKind, replace: Range, extra: Partial<CompletionItem> = {}): CompletionItem {
  return { label, kind, textEdit: { range: replace, newText: extra.insertText ?? label }, ...extra };
}

function keyItems(ctx: CursorContext, a: SpecAnalysis): CompletionItem[] {
  if (holdsColumnKeys(ctx.path)) return columnItems(ctx, a, ': ');
  const s = schemaAtPath(ctx.path, a.value);
  if (!s?.properties) return [];
  const existing = nodeAtPath(a.root, ctx.path);
  const present = new Set(existing.found && existing.node?.kind === 'map' ? existing.node.pairs.map((p) => String(p.key.value)) : []);
  return Object.entries(s.properties).filter(([k]) => !present.has(k)).map(([k, raw]) => {
    const sub = deref(raw);
    const nested = sub && schemaTypes(sub).includes('object') && !sub.enum;
    return item(k, CompletionItemKind.Property, ctx.replace, {
      insertText: `${k}:${nested ? '' : ' '}`,
      documentation: sub?.description ? { kind: 'markdown', value: sub.description } : undefined,
      detail: sub ? schemaTypes(sub).join(' | ') : undefined,
      sortText: `${(s.required ?? []).includes(k) ? 0 : 1}${k}`,
    });
  });
}

function columnItems(ctx: CursorContext, a: SpecAnalysis, suffix = '', leaveOut: ReadonlySet<string> = new Set()): CompletionItem[] {
  const schemaName = a.columns?.schema.name ?? '';
  return columnsOf(a).filter((p) => !leaveOut.has(p.name)).map((p) => item(p.name, CompletionItemKind.Field, ctx.replace, {
    insertText: p.name + suffix, detail: p.logicalType, documentation: { kind: 'markdown', value: columnMarkdown(p, schemaName) },
  }));
}

/**
 * Columns that make no sense to add to features.include: those listed already, the target (a model
 * fed its own label leaks it) and the primary key (an identifier, not a feature). The word being
 * typed is not counted as listed.
 */
function notToInclude(ctx: CursorContext, a: SpecAnalysis): Set<string> {
  const features = a.value.features as { include?: unknown; target?: unknown } | undefined;
  const typed = ctx.prefix.replace(/^["']/, '');
  const listed = Array.isArray(features?.include) ? features.include.filter((c): c is string => typeof c === 'string' && c !== typed) : [];
  const target = typeof features?.target === 'string' ? [features.target] : [];
  const key = columnsOf(a).filter((p) => p.primaryKey).map((p) => p.name);
  return new Set([...listed, ...target, ...key]);
}

function enumItems(ctx: CursorContext, s: JsonSchema): CompletionItem[] {
  const values = s.enum ?? (s.const !== undefined ? [s.const] : schemaTypes(s).includes('boolean') ? [true, false] : []);
  return values.map((v) => item(String(v), CompletionItemKind.EnumMember, ctx.replace, { documentation: s.description }));
}

function pathItems(ctx: CursorContext, a: SpecAnalysis, host: CoreHost): CompletionItem[] {
  const typed = ctx.prefix.replace(/^["']/, '');
  const folderPart = typed.includes('/') ? typed.slice(0, typed.lastIndexOf('/') + 1) : '';
  const folder = resolve(a.dir, folderPart || '.');
  const start: Position = { line: ctx.replace.end.line, character: ctx.replace.end.character - (typed.length - folderPart.length) };
  const range = { start, end: ctx.replace.end };
  return host.listDir(folder).filter((e) => !e.name.startsWith('.') && e.name !== 'node_modules').map((e) =>
    item(e.isDirectory ? `${e.name}/` : e.name, e.isDirectory ? CompletionItemKind.Folder : CompletionItemKind.File, range, {
      detail: join(dirname(join(folder, 'x')), e.name),
      command: e.isDirectory ? { title: 'Suggest', command: 'editor.action.triggerSuggest' } : undefined,
    }));
}

function valueItems(ctx: CursorContext, a: SpecAnalysis, host: CoreHost): CompletionItem[] {
  const path: PathSegment[] = ctx.kind === 'item' ? [...ctx.path, 0] : ctx.path;
  const joined = joinPath(ctx.path);
  if (joined === 'features.include') return columnItems(ctx, a, '', notToInclude(ctx, a));
  if (holdsColumnValues(ctx.path)) return columnItems(ctx, a);
  if (ctx.key && PATH_KEYS.has(ctx.key)) return pathItems(ctx, a, host);
  if (ctx.key === 'needs') return a.stages.map((s) => item(s.name, CompletionItemKind.Reference, ctx.replace, { detail: 'stage' }));
  if (ctx.key === 'schema' && ctx.path[0] === 'data') {
    const c = [...a.contracts.values()][0]?.model;
    return (c?.schemas ?? []).map((s) => item(s.name, CompletionItemKind.Class, ctx.replace, { detail: 'schema object' }));
  }
  if (joined === 'evaluation.metrics' || joined === 'sweep.metric' || joined === 'training.earlyStopping.monitor') {
    const task = (a.value.model as { task?: unknown } | undefined)?.task;
    const names = metricsForTask(task);
    const all = joined === 'evaluation.metrics' ? names : [...names.map((n) => `val_${n}`), ...names];
    return all.map((n) => item(n, CompletionItemKind.Value, ctx.replace));
  }
  if (joined === 'evaluation.fairness.metrics') return fairnessItems(ctx, a, 'metrics');
  const s = schemaAtPath(path, a.value);
  return s ? enumItems(ctx, s) : [];
}

/** Fairness metric names of the spec's task, each with its definition. */
function fairnessItems(ctx: CursorContext, a: SpecAnalysis, where: 'metrics' | 'gates'): CompletionItem[] {
  const task = (a.value.model as { task?: unknown } | undefined)?.task;
  const names = fairnessMetricsFor(task, where === 'gates');
  return names.map((m) => item(m, CompletionItemKind.Value, ctx.replace, {
    insertText: where === 'gates' ? `${m}: "${m.endsWith('_ratio') ? '>=' : '<='} "` : m,
    documentation: { kind: 'markdown', value: FAIRNESS_METRIC_DOCS[m]! },
    detail: 'fairness metric',
  }));
}

/** Spec settings a sweep can vary: numbers and choices under training and model, and each layer's. */
function sweepPathItems(ctx: CursorContext, a: SpecAnalysis): CompletionItem[] {
  const out: Array<{ path: string; s: JsonSchema }> = [];
  const leaves = (prefix: string, s: JsonSchema | undefined) => {
    for (const [k, raw] of Object.entries(s?.properties ?? {})) {
      const sub = deref(raw);
      if (!sub) continue;
      const types = schemaTypes(sub);
      if (sub.enum || types.includes('number') || types.includes('integer')) out.push({ path: `${prefix}${k}`, s: sub });
    }
  };
  leaves('training.', schemaAtPath(['training']));
  const layers = (a.value.model as { layers?: unknown[] } | undefined)?.layers;
  (Array.isArray(layers) ? layers : []).forEach((l, i) => {
    for (const k of ['units', 'dropout']) if (l && typeof l === 'object' && k in l) out.push({ path: `model.layers[${i}].${k}`, s: schemaAtPath(['model', 'layers', 0, k])! });
  });
  leaves('model.', { properties: { type: schemaAtPath(['model', 'type'])!, classes: schemaAtPath(['model', 'classes'])! } });
  return out.map(({ path, s: sub }) => item(path, CompletionItemKind.Variable, ctx.replace, {
    insertText: `${path}: ${sub.enum ? `{ values: [\${1:${sub.enum.slice(0, 2).join(', ')}}] }` : '{ min: ${1}, max: ${2} }'}`,
    insertTextFormat: InsertTextFormat.Snippet,
    documentation: sub.description ? { kind: 'markdown', value: sub.description } : undefined,
    detail: sub.enum ? 'choice' : schemaTypes(sub).join(' | '),
  }));
}

/** Completion items for a pipeline spec at a position. */
export function completePipeline(pos: Position, a: SpecAnalysis, host: CoreHost): CompletionItem[] {
  const ctx = cursorContext(lineReader(a.doc.text, a.parsed.starts), pos);
  if (ctx.kind === 'key') {
    // Keys under `gates` are metric names.
    if (joinPath(ctx.path) === 'evaluation.gates') {
      const task = (a.value.model as { task?: unknown } | undefined)?.task;
      return metricsForTask(task).map((m) => item(m, CompletionItemKind.Value, ctx.replace, { insertText: `${m}: ">= "` }));
    }
    if (joinPath(ctx.path) === 'sweep.parameters') return sweepPathItems(ctx, a);
    if (joinPath(ctx.path) === 'evaluation.fairness.gates') return fairnessItems(ctx, a, 'gates');
    return keyItems(ctx, a);
  }
  return valueItems(ctx, a, host);
}

