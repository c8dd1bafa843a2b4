import type { Hover, Position } from 'vscode-languageserver-types';
import { treeHitAt } from '../../yaml/locate';
import type { PathSegment } from '../../yaml/tree';
import type { SpecAnalysis } from '../analysis';
import { schemaAtPath, schemaTypes, type JsonSchema } from '../schema';
import { FAIRNESS_METRIC_DOCS } from '../../evaluation/definitions';
import { columnMarkdown, columnsOf, holdsColumnKeys, holdsColumnValues, joinPath } from './columns';

function schemaMarkdown(path: PathSegment[], s: JsonSchema): string {
  const name = path.filter((p) => typeof p === 'string').join('.');
  const parts = [`**${name}**`, s.description ?? ''];
  const types = schemaTypes(s);
  if (s.enum) parts.push(`One of: ${s.enum.map((v) => `\`${String(v)}\``).join(', ')}`);
  else if (types.length) parts.push(`Type: ${types.join(' | ')}`);
  if (s.default !== undefined) parts.push(`Default: \`${JSON.stringify(s.default)}\``);
  return parts.filter(Boolean).join('\n\n');
}

/** A fairness metric's definition, on an entry of evaluation.fairness.metrics or a key of its gates. */
function fairnessHover(path: PathSegment[], onKey: boolean, name: string): string | null {
  const where = joinPath(onKey ? path.slice(0, -1) : path.filter((p) => typeof p === 'string'));
  if (where !== 'evaluation.fairness.metrics' && where !== 'evaluation.fairness.gates') return null;
  const doc = FAIRNESS_METRIC_DOCS[name];
  return doc ? `**${name}** — fairness metric\n\n${doc}` : null;
}

/** Hover for a pipeline spec: schema docs on keys and values, contract facts on column names. */
export function hoverPipeline(pos: Position, a: SpecAnalysis): Hover | null {
  const hit = treeHitAt(a.root, pos);
  if (!hit?.scalar) return null;
  const range = hit.scalar.range;
  const parent = hit.path.slice(0, -1);
  const isColumn = hit.onKey ? holdsColumnKeys(parent) : holdsColumnValues(hit.path) || holdsColumnValues(parent);
  if (isColumn) {
    const prop = columnsOf(a).find((p) => p.name === String(hit.scalar!.value));
    if (prop) return { range, contents: { kind: 'markdown', value: columnMarkdown(prop, a.columns!.schema.name) } };
  }
  if (!hit.onKey && parent.at(-1) === 'needs') {
    const stage = a.stages.find((s) => s.name === hit.scalar!.value);
    const cmd = stage ? (a.value.stages as Record<string, { cmd?: string }> | undefined)?.[stage.name]?.cmd : undefined;
    if (stage) return { range, contents: { kind: 'markdown', value: `**stage ${stage.name}**${cmd ? `\n\n\`${cmd}\`` : ''}` } };
  }
  const fairness = fairnessHover(hit.path, hit.onKey, String(hit.scalar.value));
  if (fairness) return { range, contents: { kind: 'markdown', value: fairness } };
  const s = schemaAtPath(hit.path, a.value);
  return s ? { range, contents: { kind: 'markdown', value: schemaMarkdown(hit.path, s) } } : null;
}
