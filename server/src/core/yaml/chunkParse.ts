import { parseDocument, type YAMLError } from 'yaml';
import type { Range } from 'vscode-languageserver-types';
import type { Chunk } from './chunks';
import { convertDocument } from './convert';
import { lineStarts, rangeAt } from './lines';
import type { YNode, YPair } from './tree';

/** A syntax problem with its place; `code` is the yaml parser's error code, e.g. DUPLICATE_KEY. */
export interface YamlProblem {
  range: Range;
  message: string;
  code: string;
  severity: 'error' | 'warning';
}

/** One parsed block, cached by its text; `line` is where its ranges currently are. */
export interface Parsed {
  node: YNode | null;
  value: unknown;
  problems: YamlProblem[];
  line: number;
  pass: number;
}

// uniqueKeys is off: the parser's own check compares every key with every earlier one, which takes
// minutes on a mapping of 50,000 stages; duplicateKeys() below does the same check in one pass.
export const OPTIONS = { prettyErrors: false, uniqueKeys: false, strict: true } as const;
export function problemsOf(list: YAMLError[], starts: number[], shift: number, severity: 'error' | 'warning'): YamlProblem[] {
  return list.map((e) => ({
    range: rangeAt(starts, e.pos[0], Math.max(e.pos[1], e.pos[0]), shift),
    message: e.message.split('\n')[0]!.replace(/ at line \d+, column \d+:?$/, ''),
    code: e.code,
    severity,
  }));
}

/** A problem needs its own range: cached blocks move their nodes and problems separately. */
export function copyRange(r: Range): Range {
  return { start: { ...r.start }, end: { ...r.end } };
}

/** Keys repeated within one mapping, anywhere in a tree. */
export function duplicateKeys(root: YNode | null): YamlProblem[] {
  const out: YamlProblem[] = [];
  const stack: YNode[] = root ? [root] : [];
  while (stack.length) {
    const node = stack.pop()!;
    if (node.kind === 'seq') { stack.push(...node.items); continue; }
    if (node.kind !== 'map') continue;
    const seen = new Set<string>();
    for (const p of node.pairs) {
      const k = String(p.key.value);
      if (seen.has(k)) out.push({ range: copyRange(p.key.range), message: 'Map keys must be unique', code: 'DUPLICATE_KEY', severity: 'error' });
      seen.add(k);
      stack.push(p.value);
    }
  }
  return out;
}

/** Parses one block on its own. */
export function parseChunk(c: Chunk, pass: number): Parsed {
  const starts = lineStarts(c.text);
  const doc = parseDocument(c.text, OPTIONS);
  const node = convertDocument(doc, starts, c.startLine);
  const problems = [...problemsOf(doc.errors, starts, c.startLine, 'error'), ...duplicateKeys(node), ...problemsOf(doc.warnings, starts, c.startLine, 'warning')];
  return { node, value: trimArrays(doc.errors.length ? safeJS(doc) : doc.toJS()), problems, line: c.startLine, pass };
}

/**
 * Copies every array of a parsed value to its exact length: the parser grows them by push, and the
 * spare capacity of tens of thousands of small lists (deps, outs, needs) is megabytes kept per document.
 */
export function trimArrays(v: unknown): unknown {
  if (Array.isArray(v)) return v.map(trimArrays);
  if (v && typeof v === 'object' && !(v instanceof Date)) {
    for (const k of Object.keys(v)) (v as Record<string, unknown>)[k] = trimArrays((v as Record<string, unknown>)[k]);
  }
  return v;
}

export function safeJS(doc: { toJS(): unknown }): unknown {
  try { return doc.toJS(); } catch { return null; }
}


/**
 * A copy of a string that does not point into the text it was cut from: a slice would keep every old
 * version of the document alive for as long as one of its blocks stays cached.
 */
export function flat(s: string): string {
  return Buffer.from(s, 'utf8').toString('utf8');
}

/** Hands out pairs (in document order) to consecutive line ranges, in one walk. */
function pairTaker(pairs: YPair[]): (from: number, to: number) => YPair[] {
  let i = 0;
  return (from, to) => {
    while (i < pairs.length && pairs[i]!.key.range.start.line < from) i++;
    const start = i;
    while (i < pairs.length && pairs[i]!.key.range.start.line < to) i++;
    return pairs.slice(start, i);
  };
}

/**
 * Parses consecutive entry blocks (say 200 stages) as one document and cuts the result back into one
 * cache entry per block. The parser has a fixed cost per document, so this is several times faster
 * than one parse per block on a first open, while the memory at the peak stays that of a few hundred
 * lines, not of the whole file. Returns undefined when the batch is not clean (errors, duplicate
 * keys, a block without its own key): those blocks are then parsed one by one, each with its problems.
 */
export function parseBatch(chunks: Chunk[], pass: number): Parsed[] | undefined {
  const text = chunks.map((c) => c.text).join('');
  const startLine = chunks[0]!.startLine;
  const starts = lineStarts(text);
  const doc = parseDocument(text, OPTIONS);
  if (doc.errors.length || doc.warnings.length) return undefined;
  const root = convertDocument(doc, starts, startLine);
  if (root?.kind !== 'map' || duplicateKeys(root).length) return undefined;
  const value = trimArrays(doc.toJS()) as Record<string, unknown>;
  const take = pairTaker(root.pairs);
  const out: Parsed[] = [];
  for (const [i, c] of chunks.entries()) {
    const pairs = take(c.startLine, chunks[i + 1]?.startLine ?? Infinity);
    if (pairs.length === 0) return undefined;
    const end = { ...pairs.at(-1)!.value.range.end };
    const node: YNode = { kind: 'map', pairs, flow: false, range: { start: { line: c.startLine, character: 0 }, end } };
    out.push({ node, value: Object.fromEntries(pairs.map((p) => [String(p.key.value), value[String(p.key.value)]])), problems: [], line: c.startLine, pass });
  }
  return out;
}
