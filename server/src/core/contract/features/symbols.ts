import { SymbolKind, type DocumentSymbol, type Range } from 'vscode-languageserver-types';
import { getChild, getPair, type YMap, type YNode, type YPair } from '../../yaml/tree';
import { own } from '../../keys';

const SECTION_KIND: Record<string, SymbolKind> = {
  schema: SymbolKind.Module, servers: SymbolKind.Package, team: SymbolKind.Namespace, roles: SymbolKind.Key,
  slaProperties: SymbolKind.Event, support: SymbolKind.Interface, description: SymbolKind.String, quality: SymbolKind.Boolean,
};

function text(node: YNode | undefined): string | undefined {
  return node?.kind === 'scalar' && node.value !== null && node.value !== undefined ? String(node.value) : undefined;
}

function make(name: string, kind: SymbolKind, range: Range, selection: Range, detail?: string, children?: DocumentSymbol[]): DocumentSymbol {
  const s: DocumentSymbol = { name: name || '(unnamed)', kind, range, selectionRange: selection };
  if (detail) s.detail = detail;
  if (children?.length) s.children = children;
  return s;
}

const items = (node: YNode | undefined): YMap[] => (node?.kind === 'seq' ? node.items.filter((i): i is YMap => i.kind === 'map') : []);

/** A list item named by one of its keys (e.g. a property by `name`, a server by `server`). */
function named(map: YMap, nameKey: string, kind: SymbolKind, detail?: string, children?: DocumentSymbol[]): DocumentSymbol {
  const pair = getPair(map, nameKey);
  return make(text(pair?.value) ?? `(no ${nameKey})`, kind, map.range, pair?.value.range ?? map.range, detail, children);
}

function qualitySymbols(node: YNode | undefined): DocumentSymbol[] {
  return items(node).map((q) => {
    const label = text(getChild(q, 'id')) ?? text(getChild(q, 'name')) ?? text(getChild(q, 'metric')) ?? text(getChild(q, 'type')) ?? 'rule';
    return make(label, SymbolKind.Boolean, q.range, q.pairs[0]?.key.range ?? q.range, text(getChild(q, 'metric')) ?? text(getChild(q, 'type')));
  });
}

function propertySymbols(node: YNode | undefined, depth = 0): DocumentSymbol[] {
  return items(node).map((p) => {
    const nestedProps = depth < 10 ? propertySymbols(getChild(p, 'properties'), depth + 1) : [];
    const item = getChild(p, 'items');
    const itemProps = depth < 10 && item?.kind === 'map' ? propertySymbols(getChild(item, 'properties'), depth + 1) : [];
    return named(p, 'name', SymbolKind.Field, text(getChild(p, 'logicalType')), [...nestedProps, ...itemProps, ...qualitySymbols(getChild(p, 'quality'))]);
  });
}

function section(pair: YPair): DocumentSymbol {
  const name = String(pair.key.value);
  const range = { start: pair.key.range.start, end: pair.value.range.end };
  let children: DocumentSymbol[] | undefined;
  if (name === 'schema') {
    children = items(pair.value).map((o) => named(o, 'name', SymbolKind.Class, text(getChild(o, 'physicalName')),
      [...propertySymbols(getChild(o, 'properties')), ...qualitySymbols(getChild(o, 'quality'))]));
  } else if (name === 'servers') {
    children = items(pair.value).map((s) => named(s, 'server', SymbolKind.Package, text(getChild(s, 'type'))));
  } else if (name === 'roles') {
    children = items(pair.value).map((r) => named(r, 'role', SymbolKind.Key, text(getChild(r, 'access'))));
  } else if (name === 'slaProperties') {
    children = items(pair.value).map((r) => named(r, 'property', SymbolKind.Event, text(getChild(r, 'value'))));
  }
  return make(name, own(SECTION_KIND, name) ?? SymbolKind.Property, range, pair.key.range, text(pair.value), children);
}

/** Outline of a contract: its top-level keys; schema objects with their properties and quality rules; servers. */
export function symbolsContract(root: YNode | null): DocumentSymbol[] {
  return root?.kind === 'map' ? root.pairs.map(section) : [];
}
