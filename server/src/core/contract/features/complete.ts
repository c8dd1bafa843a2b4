import { CompletionItemKind, type CompletionItem, type Position, type Range } from 'vscode-languageserver-types';
import { cursorContext, lineReader } from '../../yaml/cursor';
import type { ParsedYaml } from '../../yaml/parse';
import type { PathSegment, YNode } from '../../yaml/tree';
import { getChild } from '../../yaml/tree';
import { placeAt } from '../odcs/locate';
import type { Field, ValueType } from '../odcs/types';
import { own } from '../../keys';

// Values the standard leaves open but that `mlops check` and common practice read.
const SUGGESTED: Record<string, string[]> = {
  unit: ['rows', 'percent'],
  severity: ['error', 'warning', 'info'],
  status: ['proposed', 'draft', 'active', 'deprecated', 'retired'],
  physicalType: [],
};

/**
 * The cursor's path with list indices pointing at the item the cursor is in (the indentation reader
 * only knows "an item"), so conditional keys come from the right mapping.
 */
function realPath(root: YNode | null, path: PathSegment[], pos: Position): PathSegment[] {
  const out: PathSegment[] = [];
  let node: YNode | undefined = root ?? undefined;
  for (const seg of path) {
    if (typeof seg === 'number' && node?.kind === 'seq') {
      // The item holding the cursor's line, else the last one starting above it (typing at its end).
      let i = node.items.findIndex((it) => it.range.start.line <= pos.line && pos.line <= it.range.end.line);
      if (i < 0) i = node.items.reduce((best, it, k) => (it.range.start.line <= pos.line ? k : best), -1);
      if (i < 0) i = node.items.length;
      out.push(i);
      node = node.items[i];
    } else {
      out.push(seg);
      node = typeof seg === 'string' ? getChild(node, seg) : undefined;
    }
  }
  return out;
}

function nodeAt(root: YNode | null, path: PathSegment[]): YNode | undefined {
  let node: YNode | undefined = root ?? undefined;
  for (const seg of path) node = typeof seg === 'number' ? (node?.kind === 'seq' ? node.items[seg] : undefined) : getChild(node, seg);
  return node;
}

const nested = (t: ValueType) => t.t === 'element' || t.t === 'list' || t.t === 'object' || (t.t === 'either' && t.options.some(nested));

function keyItems(fields: Record<string, Field>, present: Set<string>, replace: Range): CompletionItem[] {
  return Object.entries(fields).filter(([k]) => !present.has(k)).map(([k, f]) => ({
    label: k,
    kind: CompletionItemKind.Property,
    textEdit: { range: replace, newText: nested(f.type) ? `${k}:` : `${k}: ` },
    documentation: { kind: 'markdown', value: f.doc },
    ...(f.deprecated ? { tags: [1 as const], detail: f.deprecated } : {}),
    sortText: `${f.deprecated ? 2 : ['name', 'logicalType', 'metric', 'apiVersion', 'kind'].includes(k) ? 0 : 1}${k}`,
  }));
}

function valueItems(field: Field | undefined, key: string | undefined, replace: Range): CompletionItem[] {
  const t = field?.type;
  const values = t?.t === 'string' && t.enum ? [...t.enum] : t?.t === 'boolean' ? ['true', 'false'] : own(SUGGESTED, key ?? '') ?? [];
  return values.map((v, i) => ({ label: v, kind: CompletionItemKind.EnumMember, textEdit: { range: replace, newText: v }, sortText: String(i).padStart(3, '0') }));
}

/** Completion in a contract: the keys the standard allows where the cursor is, and known values. */
export function completeContract(text: string, parsed: ParsedYaml, pos: Position): CompletionItem[] {
  const ctx = cursorContext(lineReader(text, parsed.starts), pos);
  const path = realPath(parsed.root, ctx.path, pos);
  if (ctx.kind === 'value') return valueItems(placeAt(parsed.root, path).field, ctx.key, ctx.replace);
  const place = placeAt(parsed.root, ctx.kind === 'item' ? [...path, 0] : path);
  if (!place.element) return ctx.kind === 'item' ? valueItems(place.field, ctx.key, ctx.replace) : [];
  const here = nodeAt(parsed.root, path);
  const present = new Set(ctx.kind === 'key' && here?.kind === 'map' ? here.pairs.map((p) => String(p.key.value)) : []);
  return keyItems(place.element.fields, present, ctx.replace);
}
