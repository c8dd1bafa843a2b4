import type { Position } from 'vscode-languageserver-types';
import { rangeContains } from './lines';
import type { PathSegment, YNode, YPair, YScalar } from './tree';

/** What the tree holds at a position: the path to it, and whether the position is on a key. */
export interface TreeHit {
  path: PathSegment[];
  onKey: boolean;
  /** The scalar under the position (a key or a value), if any. */
  scalar?: YScalar;
  pair?: YPair;
}

/** Finds the deepest node at a position by walking the tree (binary search over long mappings). */
export function treeHitAt(root: YNode | null, pos: Position): TreeHit | undefined {
  const path: PathSegment[] = [];
  let node: YNode | null = root;
  let pair: YPair | undefined;
  while (node) {
    if (node.kind === 'scalar') return rangeContains(node.range, pos) ? { path, onKey: false, scalar: node, pair } : undefined;
    if (node.kind === 'seq') {
      const i = node.items.findIndex((it) => rangeContains(it.range, pos));
      if (i === -1) return { path, onKey: false, pair };
      path.push(i);
      node = node.items[i]!;
      pair = undefined;
      continue;
    }
    const p = findPair(node.pairs, pos);
    if (!p) return { path, onKey: false, pair };
    path.push(String(p.key.value));
    if (rangeContains(p.key.range, pos)) return { path, onKey: true, scalar: p.key, pair: p };
    pair = p;
    node = p.value;
  }
  return undefined;
}

function findPair(pairs: YPair[], pos: Position): YPair | undefined {
  // Pairs are in document order: find the last one starting at or before the position.
  let lo = 0;
  let hi = pairs.length - 1;
  let best = -1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    const s = pairs[mid]!.key.range.start;
    if (s.line < pos.line || (s.line === pos.line && s.character <= pos.character)) { best = mid; lo = mid + 1; } else hi = mid - 1;
  }
  if (best === -1) return undefined;
  const p = pairs[best]!;
  return rangeContains(p.key.range, pos) || rangeContains(p.value.range, pos) ? p : undefined;
}
