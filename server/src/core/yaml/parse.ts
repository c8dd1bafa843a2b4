import { parseAllDocuments, parseDocument, type YAMLError } from 'yaml';
import type { Range } from 'vscode-languageserver-types';
import { layoutOf, type Block, type Chunk } from './chunks';
import { convertDocument } from './convert';
import { lineStarts, rangeAt } from './lines';
import { shiftLines, type YMap, type YNode, type YPair } from './tree';

/** A syntax problem with its place; `code` is the yaml parser's error code, e.g. DUPLICATE_KEY. */
export interface YamlProblem {
  range: Range;
  message: string;
  code: string;
  severity: 'error' | 'warning';
}

/** A parsed YAML text: the first document's tree and value, every syntax problem, and line offsets. */
export interface ParsedYaml {
  root: YNode | null;
  value: unknown;
  problems: YamlProblem[];
  starts: number[];
  /** Start lines of the documents after the first, when the text is a stream of several. */
  extraDocuments: number[];
}

interface Parsed {
  node: YNode | null;
  value: unknown;
  problems: YamlProblem[];
  line: number;
  pass: number;
}

// uniqueKeys is off: the parser's own check compares every key with every earlier one, which takes
// minutes on a mapping of 50,000 stages; duplicateKeys() below does the same check in one pass.
const OPTIONS = { prettyErrors: false, uniqueKeys: false, strict: true } as const;
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

function problemsOf(list: YAMLError[], starts: number[], shift: number, severity: 'error' | 'warning'): YamlProblem[] {
  return list.map((e) => ({
    range: rangeAt(starts, e.pos[0], Math.max(e.pos[1], e.pos[0]), shift),
    message: e.message.split('\n')[0]!.replace(/ at line \d+, column \d+:?$/, ''),
    code: e.code,
    severity,
  }));
}

/**
 * Parses YAML texts of one document over and over as it is edited, re-parsing only the blocks whose
 * text changed since the last call. One instance per open document.
 */
export class IncrementalYamlParser {
  private cache = new Map<string, Parsed>();
  private pass = 0;

  parse(input: string): ParsedYaml {
    const starts = lineStarts(input);
    const { text, problems } = neutraliseConflicts(input, starts);
    const layout = layoutOf(text, starts);
    if (layout.mode === 'whole') {
      this.cache.clear();
      return parseWhole(text, starts, problems);
    }
    if (this.cache.size === 0) this.seed(text, starts, layout.blocks);
    this.pass++;
    const next = new Map<string, Parsed>();
    const pairs: YPair[] = [];
    const value: Record<string, unknown> = {};
    for (const block of layout.blocks) {
      const head = this.chunk(block.head, next);
      problems.push(...head.problems);
      if (head.node?.kind !== 'map') continue;
      if (!block.entries) {
        addPairs(head.node.pairs, head.value, pairs, value, problems);
        continue;
      }
      const headPair = head.node.pairs[0];
      if (!headPair) continue;
      const map = this.entries(block.entries, next, problems);
      addPairs([{ key: headPair.key, value: map.node }], { [String(headPair.key.value)]: map.value }, pairs, value, problems);
    }
    this.cache = next;
    const root: YMap = { kind: 'map', pairs, flow: false, range: { start: { line: 0, character: 0 }, end: rangeAt(starts, text.length, text.length).end } };
    return { root, value, problems, starts, extraDocuments: [] };
  }

  /**
   * On the first parse of a large text, one whole-document parse is much cheaper than one parse per
   * block (the parser has a fixed cost per document). When it is clean, its nodes are cut into the
   * blocks' cache entries, so later edits still re-parse only their block.
   */
  private seed(text: string, starts: number[], blocks: Block[]): void {
    const chunkCount = blocks.reduce((n, b) => n + 1 + (b.entries?.length ?? 0), 0);
    if (chunkCount < 32) return;
    const doc = parseDocument(text, OPTIONS);
    if (doc.errors.length || doc.warnings.length) return;
    const root = convertDocument(doc, starts, 0);
    if (root?.kind !== 'map' || duplicateKeys(root).length) return;
    const value = trimArrays(doc.toJS()) as Record<string, unknown>;
    const seeded = (c: Chunk, pairs: YPair[], v: Record<string, unknown>): void => {
      const range = { start: { line: c.startLine, character: 0 }, end: { ...(pairs.at(-1)?.value.range.end ?? { line: c.startLine, character: 0 }) } };
      this.cache.set(flat(c.text), { node: { kind: 'map', pairs, flow: false, range }, value: v, problems: [], line: c.startLine, pass: -1 });
    };
    // Pairs and chunks are both in document order: hand pairs out to chunks in one walk.
    const taker = (pairs: YPair[]) => {
      let i = 0;
      return (from: number, to: number): YPair[] => {
        while (i < pairs.length && pairs[i]!.key.range.start.line < from) i++;
        const start = i;
        while (i < pairs.length && pairs[i]!.key.range.start.line < to) i++;
        return pairs.slice(start, i);
      };
    };
    const topPairs = taker(root.pairs);
    blocks.forEach((b, i) => {
      const end = blocks[i + 1]?.head.startLine ?? starts.length;
      const [pair] = topPairs(b.head.startLine, end);
      if (!pair) return;
      const key = String(pair.key.value);
      if (!b.entries) { seeded(b.head, [pair], { [key]: value[key] }); return; }
      if (pair.value.kind !== 'map') return;
      const nullValue: YNode = { kind: 'scalar', value: null, empty: true, range: { start: { ...pair.key.range.end }, end: { ...pair.key.range.end } } };
      seeded(b.head, [{ key: pair.key, value: nullValue }], { [key]: null });
      const inner = (value[key] ?? {}) as Record<string, unknown>;
      const entryPairs = taker(pair.value.pairs);
      b.entries.forEach((e, j) => {
        const pairs = entryPairs(e.startLine, b.entries![j + 1]?.startLine ?? end);
        seeded(e, pairs, Object.fromEntries(pairs.map((p) => [String(p.key.value), inner[String(p.key.value)]])));
      });
    });
  }

  private entries(chunks: Chunk[], next: Map<string, Parsed>, problems: YamlProblem[]): { node: YMap; value: Record<string, unknown> } {
    const pairs: YPair[] = [];
    const value: Record<string, unknown> = {};
    for (const c of chunks) {
      const p = this.chunk(c, next);
      problems.push(...p.problems);
      if (p.node?.kind === 'map') addPairs(p.node.pairs, p.value, pairs, value, problems);
    }
    const start = pairs[0]?.key.range.start ?? { line: chunks[0]!.startLine, character: 0 };
    const end = pairs.at(-1)?.value.range.end ?? start;
    return { node: { kind: 'map', pairs, flow: false, range: { start: { ...start }, end: { ...end } } }, value };
  }

  /** Parses one chunk, or reuses the result for the same text, moved to the chunk's current line. */
  private chunk(c: Chunk, next: Map<string, Parsed>): Parsed {
    const hit = this.cache.get(c.text) ?? next.get(c.text);
    if (hit && hit.pass !== this.pass) {
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
    const parsed = parseChunk(c, this.pass);
    // The same text twice in one document (a copy-pasted block) must not share one set of ranges.
    if (!hit) next.set(flat(c.text), parsed);
    return parsed;
  }
}

/**
 * A copy of a string that does not point into the text it was cut from: a slice would keep every old
 * version of the document alive for as long as one of its blocks stays cached.
 */
function flat(s: string): string {
  return Buffer.from(s, 'utf8').toString('utf8');
}

/** A problem needs its own range: cached blocks move their nodes and problems separately. */
function copyRange(r: Range): Range {
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

function parseChunk(c: Chunk, pass: number): Parsed {
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
function trimArrays(v: unknown): unknown {
  if (Array.isArray(v)) return v.map(trimArrays);
  if (v && typeof v === 'object' && !(v instanceof Date)) {
    for (const k of Object.keys(v)) (v as Record<string, unknown>)[k] = trimArrays((v as Record<string, unknown>)[k]);
  }
  return v;
}

function safeJS(doc: { toJS(): unknown }): unknown {
  try { return doc.toJS(); } catch { return null; }
}

/** Appends pairs to a map being assembled, reporting keys that an earlier block already defined. */
function addPairs(src: YPair[], srcValue: unknown, pairs: YPair[], value: Record<string, unknown>, problems: YamlProblem[]): void {
  const obj = (srcValue && typeof srcValue === 'object' ? srcValue : {}) as Record<string, unknown>;
  for (const p of src) {
    const k = String(p.key.value);
    if (Object.prototype.hasOwnProperty.call(value, k)) {
      problems.push({ range: copyRange(p.key.range), message: 'Map keys must be unique', code: 'DUPLICATE_KEY', severity: 'error' });
      continue;
    }
    pairs.push(p);
    value[k] = obj[k] ?? null;
  }
}

function parseWhole(text: string, starts: number[], problems: YamlProblem[]): ParsedYaml {
  const docs = parseAllDocuments(text, OPTIONS);
  const list = [...docs];
  for (const d of list) problems.push(...problemsOf(d.errors, starts, 0, 'error'), ...problemsOf(d.warnings, starts, 0, 'warning'));
  const first = list[0];
  const root = first ? convertDocument(first, starts, 0) : null;
  problems.push(...duplicateKeys(root));
  const extraDocuments = list.slice(1).map((d) => rangeAt(starts, d.range[0], d.range[0]).start.line);
  return {
    root,
    value: first ? safeJS(first) : null,
    problems,
    starts,
    extraDocuments,
  };
}

/** Parses a text once (no cache): for the CLI and for files read from disk. */
export function parseYaml(text: string): ParsedYaml {
  return new IncrementalYamlParser().parse(text);
}
