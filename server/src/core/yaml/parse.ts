import { parseAllDocuments } from 'yaml';
import { layoutOf, type Chunk } from './chunks';
import {
  copyRange, duplicateKeys, flat, OPTIONS, parseBatch, parseChunk, problemsOf, withoutStacks, type Parsed, type YamlProblem,
} from './chunkParse';
import { convertDocument } from './convert';
import { MAX_TEXT_BYTES } from '../textFile';
import { tooLargeToRead } from './limits';
import { lineStarts, rangeAt } from './lines';
import { own, setOwn } from '../keys';
import { keyName, shiftLines, type YMap, type YNode, type YPair } from './tree';

export type { YamlProblem } from './chunkParse';

/** New blocks are parsed this many at a time (see parseBatch): measured on a 50,000-line spec, 40 opened
 * fastest and kept the least memory (200 held twice the memory; 1 was 40% slower). */
const BATCH = 40;

/** A parsed YAML text: the first document's tree and value, every syntax problem, and line offsets. */
export interface ParsedYaml {
  root: YNode | null;
  value: unknown;
  problems: YamlProblem[];
  starts: number[];
  /** Start lines of the documents after the first, when the text is a stream of several. */
  extraDocuments: number[];
  /** Set when the text was too large to read: root and value are empty, the one problem says why. */
  unread?: boolean;
}

const CONFLICT = /^(<{7}|={7}|>{7}|\|{7})(?: .*)?\r?$/gm;

/** Replaces merge-conflict marker lines by comments (same length) and reports each one. */
function neutraliseConflicts(text: string, starts: number[]): { text: string; problems: YamlProblem[] } {
  const problems: YamlProblem[] = [];
  const out = text.replace(CONFLICT, (line, mark: string, offset: number) => {
    const kind = mark[0] === '<' ? 'start (ours)' : mark[0] === '=' ? 'separator' : mark[0] === '>' ? 'end (theirs)' : 'base';
    problems.push({
      range: rangeAt(starts, offset, offset + line.replace(/\r$/, '').length), code: 'MERGE_CONFLICT', severity: 'error',
      message: `Merge conflict marker (${kind}): resolve the conflict and remove the marker lines.`,
    });
    return '#' + line.slice(1);
  });
  return { text: out, problems };
}

/**
 * Parses YAML texts of one document over and over as it is edited, re-parsing only the blocks whose
 * text changed since the last call. One instance per open document.
 */
export class IncrementalYamlParser {
  private cache = new Map<string, Parsed>();
  private pass = 0;

  parse(input: string): ParsedYaml {
    // A lone CR ends a line for YAML and for LSP clients, but not for the parser we use: read it as LF
    // (same length, so every offset stays where the client has it).
    const tooLarge = tooLargeToRead(input);
    if (tooLarge) { this.cache.clear(); return unreadable(input, tooLarge); }
    const normal = input.includes('\r') ? input.replace(/\r(?!\n)/g, '\n') : input;
    const starts = lineStarts(normal);
    const { text, problems } = neutraliseConflicts(normal, starts);
    const layout = layoutOf(text, starts);
    if (layout.mode === 'whole') {
      this.cache.clear();
      return parseWhole(text, starts, problems);
    }
    this.pass++;
    const next = new Map<string, Parsed>();
    const pairs: YPair[] = [];
    const value: Record<string, unknown> = {};
    for (const block of layout.blocks) {
      const head = this.reuse(block.head, next) ?? this.fresh(block.head, next);
      append(problems, head.problems);
      if (head.node?.kind !== 'map') continue;
      if (!block.entries) {
        addPairs(head.node.pairs, head.value, pairs, value, problems);
        continue;
      }
      const headPair = head.node.pairs[0];
      if (!headPair) continue;
      const map = this.entries(block.entries, next, problems);
      const wrapped: Record<string, unknown> = {};
      setOwn(wrapped, keyName(headPair.key.value), map.value);
      addPairs([{ key: headPair.key, value: map.node }], wrapped, pairs, value, problems);
    }
    this.cache = next;
    const root: YMap = { kind: 'map', pairs, flow: false, range: { start: { line: 0, character: 0 }, end: rangeAt(starts, text.length, text.length).end } };
    return { root, value, problems, starts, extraDocuments: [] };
  }

  /** The entries of a split block: cached ones reused, runs of new ones parsed in batches. */
  private entries(chunks: Chunk[], next: Map<string, Parsed>, problems: YamlProblem[]): { node: YMap; value: Record<string, unknown> } {
    const results: Array<Parsed | undefined> = chunks.map((c) => this.reuse(c, next));
    for (let i = 0; i < chunks.length;) {
      if (results[i]) { i++; continue; }
      let j = i;
      while (j < chunks.length && !results[j] && j - i < BATCH) j++;
      const batch = j - i > 1 ? parseBatch(chunks.slice(i, j), this.pass) : undefined;
      for (let k = i; k < j; k++) results[k] = batch ? this.keep(chunks[k]!, batch[k - i]!, next) : this.fresh(chunks[k]!, next);
      i = j;
    }
    const pairs: YPair[] = [];
    const value: Record<string, unknown> = {};
    for (const p of results as Parsed[]) {
      append(problems, p.problems);
      if (p.node?.kind === 'map') addPairs(p.node.pairs, p.value, pairs, value, problems);
    }
    const start = pairs[0]?.key.range.start ?? { line: chunks[0]!.startLine, character: 0 };
    const end = pairs.at(-1)?.value.range.end ?? start;
    return { node: { kind: 'map', pairs, flow: false, range: { start: { ...start }, end: { ...end } } }, value };
  }

  /** The cached result for a block's text, moved to the block's current line; undefined on a miss. */
  private reuse(c: Chunk, next: Map<string, Parsed>): Parsed | undefined {
    const hit = this.cache.get(c.text) ?? next.get(c.text);
    if (!hit || hit.pass === this.pass) return undefined;
    const delta = c.startLine - hit.line;
    if (delta !== 0) {
      if (hit.node) shiftLines(hit.node, delta);
      for (const pr of hit.problems) { pr.range.start.line += delta; pr.range.end.line += delta; }
      hit.line = c.startLine;
    }
    hit.pass = this.pass;
    next.set(c.text, hit);
    return hit;
  }

  private fresh(c: Chunk, next: Map<string, Parsed>): Parsed {
    return this.keep(c, parseChunk(c, this.pass), next);
  }

  /** Caches a new result, unless the same text already appeared in this document (a copy-pasted block
   * must not share one set of ranges with its original). */
  private keep(c: Chunk, parsed: Parsed, next: Map<string, Parsed>): Parsed {
    if (!next.has(c.text)) next.set(flat(c.text), parsed);
    return parsed;
  }
}

/** Appends pairs to a map being assembled, reporting keys that an earlier block already defined. */
function addPairs(src: YPair[], srcValue: unknown, pairs: YPair[], value: Record<string, unknown>, problems: YamlProblem[]): void {
  const obj = (srcValue && typeof srcValue === 'object' ? srcValue : {}) as Record<string, unknown>;
  for (const p of src) {
    const k = keyName(p.key.value);
    if (Object.hasOwn(value, k)) {
      problems.push({ range: copyRange(p.key.range), message: 'Map keys must be unique', code: 'DUPLICATE_KEY', severity: 'error' });
      continue;
    }
    pairs.push(p);
    setOwn(value, k, own(obj, k) ?? null);
  }
}

/** Appends one list to another without spreading it into arguments (a long list overflows the stack). */
function append<T>(to: T[], from: readonly T[]): void {
  for (const x of from) to.push(x);
}

function parseWhole(text: string, starts: number[], problems: YamlProblem[]): ParsedYaml {
  const docs = withoutStacks(() => parseAllDocuments(text, OPTIONS));
  const list = [...docs];
  for (const d of list) { append(problems, problemsOf(d.errors, starts, 0, 'error')); append(problems, problemsOf(d.warnings, starts, 0, 'warning')); }
  const first = list[0];
  const converted = first ? convertDocument(first, text, starts, 0) : { node: null, value: null, problems: [] };
  append(problems, converted.problems);
  append(problems, duplicateKeys(converted.node));
  const extraDocuments = list.slice(1).map((d) => rangeAt(starts, d.range[0], d.range[0]).start.line);
  return { root: converted.node, value: converted.value, problems, starts, extraDocuments };
}

/** The parse of a text too large to read: nothing but the problem that says so. */
function unreadable(text: string, message: string): ParsedYaml {
  const starts = text.length <= MAX_TEXT_BYTES ? lineStarts(text) : [0];
  const range = { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } };
  return { root: null, value: null, problems: [{ range, message, code: 'TOO_LARGE', severity: 'error' }], starts, extraDocuments: [], unread: true };
}

/** Parses a text once (no cache): for the CLI and for files read from disk. */
export function parseYaml(text: string): ParsedYaml {
  return new IncrementalYamlParser().parse(text);
}
