import { isAlias, isMap, isPair, isScalar, isSeq, type Document, type Node as YamlNode } from 'yaml';
import { rangeAt } from './lines';
import type { YMap, YNode, YPair, YScalar, YSeq } from './tree';

interface Ctx {
  starts: number[];
  shift: number;
  doc: Document;
  depth: number;
}

/**
 * Converts a parsed `yaml` document into the core's node tree. Aliases become a copy of their anchor's
 * value at the alias's own place, so diagnostics on aliased values point where the alias is written.
 */
export function convertDocument(doc: Document, starts: number[], lineShift: number): YNode | null {
  const contents = doc.contents as YamlNode | null;
  if (!contents) return null;
  return convert(contents, { starts, shift: lineShift, doc, depth: 0 });
}

function range(ctx: Ctx, r: readonly [number, number, number] | null | undefined) {
  const [start, end] = r ? [r[0], r[1]] : [0, 0];
  return rangeAt(ctx.starts, start, end, ctx.shift);
}

function convert(node: YamlNode, ctx: Ctx): YNode {
  if (isAlias(node)) {
    // Deep alias chains (or an alias to its own parent) would never end; cut them off.
    const target = ctx.depth < 50 ? node.resolve(ctx.doc) : undefined;
    const resolved = target ? convert(target, { ...ctx, depth: ctx.depth + 1 }) : undefined;
    const r = range(ctx, node.range);
    return resolved ? { ...resolved, range: r } : { kind: 'scalar', value: null, range: r };
  }
  if (isMap(node)) return convertMap(node.items, node, ctx);
  if (isSeq(node)) {
    const items = node.items.map((i) => convert(i as YamlNode, ctx));
    const seq: YSeq = { kind: 'seq', items, range: range(ctx, node.range), flow: Boolean(node.flow) };
    return seq;
  }
  if (isScalar(node)) {
    const scalar: YScalar = { kind: 'scalar', value: node.value, range: range(ctx, node.range) };
    if (node.value === null && node.source === '') scalar.empty = true;
    return scalar;
  }
  return { kind: 'scalar', value: null, range: range(ctx, (node as { range?: [number, number, number] }).range) };
}

function convertMap(items: unknown[], node: { range?: [number, number, number] | null; flow?: boolean }, ctx: Ctx): YMap {
  // Built with filter/map, not push: arrays grown by push keep spare capacity, which adds up to megabytes
  // over the tens of thousands of small mappings of a large spec.
  const pairs = items.filter(isPair).map((item): YPair => {
    const keyNode = item.key as YamlNode | null;
    const key: YScalar = keyNode && isScalar(keyNode)
      ? { kind: 'scalar', value: keyNode.value, range: range(ctx, keyNode.range) }
      : { kind: 'scalar', value: keyNode ? String(keyNode) : '', range: range(ctx, keyNode?.range) };
    const valueNode = item.value as YamlNode | null;
    const value: YNode = valueNode
      ? convert(valueNode, ctx)
      : { kind: 'scalar', value: null, empty: true, range: { start: { ...key.range.end }, end: { ...key.range.end } } };
    return { key, value };
  });
  return { kind: 'map', pairs, range: range(ctx, node.range ?? null), flow: Boolean(node.flow) };
}
