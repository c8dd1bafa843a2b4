import { isAlias, isMap, isPair, isScalar, isSeq, type Document, type Node as YamlNode } from 'yaml';
import type { YamlProblem } from './chunkParse';
import { rangeAt } from './lines';
import { setOwn } from '../keys';
import { keyName, type YMap, type YNode, type YPair, type YScalar, type YSeq } from './tree';

/** Lists and mappings nested deeper than this are not read (no spec or contract comes near it). */
export const MAX_DEPTH = 100;

/**
 * How many values aliases may add to a document in total. Each alias counts the values of what it
 * stands for (nested aliases included), so a valid spec reusing one anchor in a hundred stages stays far
 * below it, while an alias bomb (aliases of lists of aliases, growing tenfold per level) is stopped early.
 */
export const ALIAS_BUDGET = 100_000;

/** A converted document: our node tree, its plain JavaScript value, and what could not be read. */
export interface Converted {
  node: YNode | null;
  value: unknown;
  problems: YamlProblem[];
}

interface Built { node: YNode; value: unknown; size: number }

type Range3 = readonly [number, number, number] | null | undefined;

/**
 * Converts a parsed `yaml` document into the core's node tree and its JavaScript value in one pass. We do
 * not use the package's `toJS`: it writes collection keys out as YAML text (which grows exponentially with
 * keys nested in keys), throws on an anchor used more than 100 times, and expands every alias.
 * Here an alias is a reference: its value is the anchor's own object, its node a shallow copy placed
 * where the alias is written; the values aliases add are counted against ALIAS_BUDGET.
 */
export function convertDocument(doc: Document, text: string, starts: number[], lineShift: number): Converted {
  const contents = doc.contents as YamlNode | null;
  if (!contents) return { node: null, value: null, problems: [] };
  const c = new Converter(text, starts, lineShift);
  const built = c.convert(contents, 0);
  return { node: built.node, value: built.value, problems: c.problems };
}

class Converter {
  readonly problems: YamlProblem[] = [];
  /** The latest node carrying each anchor name, in document order (what an alias refers to). */
  private readonly anchors = new Map<string, YamlNode>();
  private readonly done = new Map<YamlNode, Built>();
  private readonly open = new Set<YamlNode>();
  private added = 0;
  private reported = new Set<string>();
  private counts = new Map<string, number>();

  constructor(private readonly text: string, private readonly starts: number[], private readonly shift: number) {}

  convert(node: YamlNode, depth: number): Built {
    if (isAlias(node)) return this.alias(node.source, node.range);
    const anchor = (node as { anchor?: string }).anchor;
    if (anchor) { this.anchors.set(anchor, node); this.open.add(node); }
    const built = this.build(node, depth);
    if (anchor) { this.open.delete(node); this.done.set(node, built); }
    return built;
  }

  private build(node: YamlNode, depth: number): Built {
    if (isScalar(node)) {
      const scalar: YScalar = { kind: 'scalar', value: node.value, range: this.range(node.range) };
      if (node.value === null && node.source === '') scalar.empty = true;
      return { node: scalar, value: node.value, size: 1 };
    }
    if ((isMap(node) || isSeq(node)) && depth >= MAX_DEPTH) {
      this.once('NESTING_TOO_DEEP', node.range, `Lists and mappings are nested more than ${MAX_DEPTH} levels deep here; nothing in a spec or contract needs that, and what lies deeper is not read. Flatten the structure.`);
      return this.empty(node.range);
    }
    if (isMap(node)) return this.map(node.items, node, depth);
    if (isSeq(node)) {
      let size = 1;
      const built = node.items.map((i) => { const b = this.convert(i as YamlNode, depth + 1); size += b.size; return b; });
      const seq: YSeq = { kind: 'seq', items: built.map((b) => b.node), range: this.range(node.range), flow: Boolean(node.flow) };
      return { node: seq, value: built.map((b) => b.value), size };
    }
    return this.empty((node as { range?: Range3 }).range);
  }

  private alias(name: string, r: Range3): Built {
    const target = this.anchors.get(name);
    if (!target) {
      this.problem('BAD_ALIAS', r, `Unknown alias *${name}: no anchor &${name} is set before it. Define the anchor first, or remove the alias.`);
      return this.empty(r);
    }
    if (this.open.has(target)) {
      this.problem('BAD_ALIAS', r, `The alias *${name} stands for a list or mapping that contains the alias itself, so it would never end; it is read as empty.`);
      return this.empty(r);
    }
    const built = this.done.get(target)!;
    if (this.added + built.size > ALIAS_BUDGET) {
      this.once('ALIAS_EXPANSION', r, `Aliases in this file stand for more than ${ALIAS_BUDGET.toLocaleString('en-US')} values in all (aliases of lists of aliases: an "alias bomb"); this alias and the ones after it are read as empty. Use fewer levels of aliases.`);
      return this.empty(r);
    }
    this.added += built.size;
    return { node: { ...built.node, range: this.range(r) }, value: built.value, size: built.size };
  }

  private map(items: unknown[], node: { range?: Range3; flow?: boolean }, depth: number): Built {
    let size = 1;
    const value: Record<string, unknown> = {};
    // Built with filter/map, not push: arrays grown by push keep spare capacity, which adds up to megabytes
    // over the tens of thousands of small mappings of a large spec.
    const pairs = items.filter(isPair).map((item): YPair => {
      const key = this.key(item.key as YamlNode | null);
      const valueNode = item.value as YamlNode | null;
      const built = valueNode ? this.convert(valueNode, depth + 1) : undefined;
      size += 1 + (built?.size ?? 0);
      const name = keyName(key.value);
      // The first of repeated keys wins, as it does for the tree (duplicates are reported).
      if (!Object.hasOwn(value, name)) setOwn(value, name, built ? built.value : null);
      return { key, value: built?.node ?? { kind: 'scalar', value: null, empty: true, range: { start: { ...key.range.end }, end: { ...key.range.end } } } };
    });
    const map: YMap = { kind: 'map', pairs, range: this.range(node.range ?? null), flow: Boolean(node.flow) };
    return { node: map, value, size };
  }

  /** A key as a scalar. A list or mapping used as a key is named by its text (cut short), never written out. */
  private key(keyNode: YamlNode | null): YScalar {
    if (keyNode && isScalar(keyNode)) {
      const anchor = (keyNode as { anchor?: string }).anchor;
      const key: YScalar = { kind: 'scalar', value: keyNode.value, range: this.range(keyNode.range) };
      if (anchor) { this.anchors.set(anchor, keyNode); this.done.set(keyNode, { node: key, value: keyNode.value, size: 1 }); }
      return key;
    }
    if (keyNode && isAlias(keyNode)) {
      const target = this.alias(keyNode.source, keyNode.range);
      if (target.node.kind === 'scalar') return { kind: 'scalar', value: target.value, range: target.node.range };
    }
    const r = keyNode?.range;
    const source = r ? this.text.slice(r[0], Math.min(r[1], r[0] + 200)).replace(/\s+/g, ' ').trim() : '';
    return { kind: 'scalar', value: source.length > 40 ? `${source.slice(0, 39)}…` : source, range: this.range(r) };
  }

  private empty(r: Range3): Built {
    return { node: { kind: 'scalar', value: null, range: this.range(r) }, value: null, size: 1 };
  }

  private range(r: Range3) {
    const [start, end] = r ? [r[0], r[1]] : [0, 0];
    return rangeAt(this.starts, start, end, this.shift);
  }

  /** Reports a problem; past 100 of one kind the rest add nothing a reader could use. */
  private problem(code: string, r: Range3, message: string): void {
    const n = this.counts.get(code) ?? 0;
    this.counts.set(code, n + 1);
    if (n < 100) this.problems.push({ range: this.range(r), message, code, severity: 'error' });
  }

  /** Reports a problem of this kind once per document: past the first, the same words add nothing. */
  private once(code: string, r: Range3, message: string): void {
    if (this.reported.has(code)) return;
    this.reported.add(code);
    this.problem(code, r, message);
  }
}
