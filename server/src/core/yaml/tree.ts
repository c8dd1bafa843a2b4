import { setOwn } from '../keys';
import type { Range } from 'vscode-languageserver-types';

/**
 * A YAML node with exact ranges, independent of the parser's own node classes, so that the rest of
 * the core never depends on how a document was parsed (whole, or block by block for speed).
 */
export type YNode = YMap | YSeq | YScalar;

export interface YScalar {
  kind: 'scalar';
  value: unknown;
  range: Range;
  /** True for `key:` with nothing after it (an implicit null). */
  empty?: boolean;
}

export interface YPair {
  key: YScalar;
  value: YNode;
}

export interface YMap {
  kind: 'map';
  pairs: YPair[];
  range: Range;
  flow: boolean;
}

export interface YSeq {
  kind: 'seq';
  items: YNode[];
  range: Range;
  flow: boolean;
}

export type PathSegment = string | number;

/** The property name a key has in a parsed value (as the yaml package names it: a null key is ''). */
export function keyName(key: unknown): string {
  return key === null ? '' : String(key);
}

/** Mappings with more pairs than this get an index on their first lookup (searched in order below it). */
const INDEXED = 16;
const indexes = new WeakMap<YPair[], Map<string, YPair>>();

/**
 * The pair of a map whose key is `name`, if any (the first one when keys repeat). A large mapping is
 * indexed once: looking up every key of a 100,000-key mapping one by one would otherwise be quadratic.
 */
export function getPair(map: YMap, name: string): YPair | undefined {
  if (map.pairs.length <= INDEXED) return map.pairs.find((p) => String(p.key.value) === name);
  let index = indexes.get(map.pairs);
  if (!index) {
    index = new Map();
    for (const p of map.pairs) { const k = String(p.key.value); if (!index.has(k)) index.set(k, p); }
    indexes.set(map.pairs, index);
  }
  return index.get(name);
}

/** The value node of `name` in a map node, if the node is a map holding that key. */
export function getChild(node: YNode | undefined, name: string): YNode | undefined {
  return node?.kind === 'map' ? getPair(node, name)?.value : undefined;
}

/**
 * Follows a path of keys and indices from a node. Returns the deepest node reached and whether the whole
 * path was found, so callers can point a diagnostic at the nearest existing place.
 */
export function nodeAtPath(root: YNode | null, path: readonly PathSegment[]): { node: YNode | null; pair?: YPair; found: boolean } {
  let node: YNode | null = root;
  let pair: YPair | undefined;
  for (const seg of path) {
    if (node?.kind === 'map') {
      const next = getPair(node, String(seg));
      if (!next) return { node, pair, found: false };
      pair = next;
      node = next.value;
    } else if (node?.kind === 'seq' && typeof seg === 'number' && seg < node.items.length) {
      pair = undefined;
      node = node.items[seg]!;
    } else {
      return { node, pair, found: false };
    }
  }
  return { node, pair, found: true };
}

/** Plain JavaScript value of a node. */
export function toValue(node: YNode | null): unknown {
  if (!node) return null;
  if (node.kind === 'scalar') return node.value;
  if (node.kind === 'seq') return node.items.map(toValue);
  const out: Record<string, unknown> = {};
  for (const p of node.pairs) {
    const k = String(p.key.value);
    if (!Object.hasOwn(out, k)) setOwn(out, k, toValue(p.value));
  }
  return out;
}

/** Moves every range in a subtree down by `delta` lines (for blocks reused at a new place). */
export function shiftLines(node: YNode, delta: number): void {
  if (delta === 0) return;
  const move = (r: Range) => { r.start.line += delta; r.end.line += delta; };
  move(node.range);
  if (node.kind === 'map') {
    for (const p of node.pairs) { move(p.key.range); shiftLines(p.value, delta); }
  } else if (node.kind === 'seq') {
    for (const item of node.items) shiftLines(item, delta);
  }
}
