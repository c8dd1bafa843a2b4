import { SymbolKind, type DocumentSymbol } from 'vscode-languageserver-types';
import type { YNode, YPair } from '../../yaml/tree';
import { own } from '../../keys';

const SECTION_KIND: Record<string, SymbolKind> = {
  metadata: SymbolKind.Namespace, data: SymbolKind.Package, stages: SymbolKind.Module, features: SymbolKind.Struct,
  model: SymbolKind.Class, training: SymbolKind.Method, sweep: SymbolKind.Event, evaluation: SymbolKind.Boolean,
  monitoring: SymbolKind.Event, registry: SymbolKind.Package,
};
const CHILD_KIND: Record<string, SymbolKind> = { stages: SymbolKind.Function, data: SymbolKind.File, transforms: SymbolKind.Field };

function summary(node: YNode): string | undefined {
  return node.kind === 'scalar' && node.value !== null ? String(node.value) : undefined;
}

function symbol(pair: YPair, kind: SymbolKind, children?: DocumentSymbol[]): DocumentSymbol {
  const range = { start: pair.key.range.start, end: pair.value.range.end.line >= pair.key.range.start.line ? pair.value.range.end : pair.key.range.end };
  const s: DocumentSymbol = { name: String(pair.key.value) || '(empty key)', kind, range, selectionRange: pair.key.range };
  const detail = summary(pair.value);
  if (detail) s.detail = detail;
  if (children?.length) s.children = children;
  return s;
}

/** Outline of a pipeline spec: its sections, and the stages, data roles and layers inside them. */
export function symbolsPipeline(root: YNode | null): DocumentSymbol[] {
  if (root?.kind !== 'map') return [];
  return root.pairs.map((section) => {
    const name = String(section.key.value);
    const childKind = own(CHILD_KIND, name) ?? SymbolKind.Property;
    const children = section.value.kind === 'map'
      ? section.value.pairs.map((p) => symbol(p, childKind, p.value.kind === 'map' && name === 'features' ? p.value.pairs.map((c) => symbol(c, own(CHILD_KIND, String(p.key.value)) ?? SymbolKind.Property)) : undefined))
      : undefined;
    return symbol(section, own(SECTION_KIND, name) ?? SymbolKind.Object, children);
  });
}
