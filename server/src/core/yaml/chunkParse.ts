import { parseDocument, type YAMLError } from 'yaml';
import type { Range } from 'vscode-languageserver-types';
import type { Chunk } from './chunks';
import { convertDocument } from './convert';
import { own as ownValue, setOwn } from '../keys';
import { lineStarts, rangeAt } from './lines';
import { keyName, type YNode, type YPair } from './tree';

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
// logLevel 'error': the package's own warnings go to process.emitWarning, which the language server's
// client shows as error-level log lines; we report problems as diagnostics instead.
export const OPTIONS = { prettyErrors: false, uniqueKeys: false, strict: true, logLevel: 'error' } as const;

/**
 * Runs a parse with error stack traces off. The parser makes an Error object for every problem it
 * finds, and capturing a stack costs more than the rest of the parse: a flow list of 100,000 empty
 * items took seconds for that alone. Its errors are reported by position; their stacks are never read.
 */
export function withoutStacks<T>(parse: () => T): T {
  const limit = Error.stackTraceLimit;
  Error.stackTraceLimit = 0;
  try {
    return parse();
  } finally {
    Error.stackTraceLimit = limit;
  }
}

/** The parser ran out of stack on nesting (it catches that and reports it in its own words). */
const NESTING = 'Lists and mappings are nested too deeply here to be read (hundreds of levels); flatten the structure.';

/** Syntax problems listed per parse; past this a run of the same error (a line of 100,000 commas) is counted. */
const MAX_LISTED = 1000;

export function problemsOf(list: YAMLError[], starts: number[], shift: number, severity: 'error' | 'warning'): YamlProblem[] {
  const out: YamlProblem[] = list.slice(0, MAX_LISTED).map((e) => ({
    range: rangeAt(starts, e.pos[0], Math.max(e.pos[1], e.pos[0]), shift),
    message: e.code === 'RESOURCE_EXHAUSTION' || /call stack/i.test(e.message) ? NESTING : e.message.split('\n')[0]!.replace(/ at line \d+, column \d+:?$/, ''),
    code: e.code,
    severity,
  }));
  const next = list[MAX_LISTED];
  if (next) {
    const more = list.length - MAX_LISTED;
    out.push({ range: rangeAt(starts, next.pos[0], next.pos[0], shift), code: 'MORE_PROBLEMS', severity,
      message: `${more.toLocaleString('en-US')} more YAML ${severity}s from here on are not listed; fix the ones above first.` });
  }
  return out;
}

/** A problem needs its own range: cached blocks move their nodes and problems separately. */
export function copyRange(r: Range): Range {
  return { start: { ...r.start }, end: { ...r.end } };
}

/** Keys repeated within one mapping, anywhere in a tree; a mapping reached again through an alias counts once. */
export function duplicateKeys(root: YNode | null): YamlProblem[] {
  const out: YamlProblem[] = [];
  const stack: YNode[] = root ? [root] : [];
  const visited = new Set<unknown>();
  while (stack.length) {
    const node = stack.pop()!;
    if (node.kind === 'scalar') continue;
    const children = node.kind === 'seq' ? node.items : node.pairs;
    if (visited.has(children)) continue;
    visited.add(children);
    // One push per item: spreading a list of 100,000 items into push() overflows the call stack.
    if (node.kind === 'seq') { for (const item of node.items) stack.push(item); continue; }
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
  const doc = withoutStacks(() => parseDocument(c.text, OPTIONS));
  const { node, value, problems: read } = convertDocument(doc, c.text, starts, c.startLine);
  const problems = [...problemsOf(doc.errors, starts, c.startLine, 'error'), ...read, ...duplicateKeys(node), ...problemsOf(doc.warnings, starts, c.startLine, 'warning')];
  return { node, value, problems, line: c.startLine, pass };
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
  const doc = withoutStacks(() => parseDocument(text, OPTIONS));
  if (doc.errors.length || doc.warnings.length) return undefined;
  const { node: root, value: whole, problems } = convertDocument(doc, text, starts, startLine);
  if (root?.kind !== 'map' || problems.length || duplicateKeys(root).length) return undefined;
  const value = whole as Record<string, unknown>;
  const take = pairTaker(root.pairs);
  const out: Parsed[] = [];
  for (const [i, c] of chunks.entries()) {
    const pairs = take(c.startLine, chunks[i + 1]?.startLine ?? Infinity);
    if (pairs.length === 0) return undefined;
    const end = { ...pairs.at(-1)!.value.range.end };
    const node: YNode = { kind: 'map', pairs, flow: false, range: { start: { line: c.startLine, character: 0 }, end } };
    const own: Record<string, unknown> = {};
    for (const p of pairs) setOwn(own, keyName(p.key.value), ownValue(value, keyName(p.key.value)));
    out.push({ node, value: own, problems: [], line: c.startLine, pass });
  }
  return out;
}
