/**
 * Splits a YAML text into independently parseable blocks: one per top-level key, and, for a large
 * top-level block mapping (such as `stages:` with hundreds of stages), one per entry. Re-parsing after
 * an edit then touches only the block that changed. Texts that cannot be split safely (several
 * documents, directives, anchors that aliases elsewhere may use, a top level that is not a block
 * mapping) are parsed whole.
 */
export interface Chunk {
  text: string;
  start: number;
  startLine: number;
}

export interface Block {
  /** The whole top-level block, or only its header line when it was split into entries. */
  head: Chunk;
  entries?: Chunk[];
}

export type Layout = { mode: 'whole' } | { mode: 'blocks'; blocks: Block[] };

/** A block mapping with at least this many lines is split into its entries. */
const SPLIT_MIN_LINES = 24;

// A line that starts a mapping key: a quoted key, or a plain key that does not start with an indicator.
const KEY_LINE = /^(?:"(?:[^"\\]|\\.)*"|'(?:[^']|'')*'|[^\s#'"\-?:,[\]{}&*!|>%@`][^#]*?|-[^\s#][^#]*?)\s*:(?:\s|$)/;
const HEADER_ONLY = /^(?:"(?:[^"\\]|\\.)*"|'(?:[^']|'')*'|[^\s#'"\-?:,[\]{}&*!|>%@`][^#]*?)\s*:\s*(?:#.*)?$/;
const STREAM_MARK = /^(?:---|\.\.\.)(?:\s|$)|^%/;
const ANCHOR = /(?:^|[\s:\-[{,])&[^\s,[\]{}]/m;

interface LineInfo { start: number; indent: number; significant: boolean; body: string }

function scanLines(text: string, starts: number[]): LineInfo[] {
  return starts.map((start, i) => {
    const end = i + 1 < starts.length ? starts[i + 1]! - 1 : text.length;
    const raw = text.slice(start, end).replace(/\r$/, '');
    const body = raw.trimStart();
    return { start, indent: raw.length - body.length, significant: body !== '' && !body.startsWith('#'), body };
  });
}

/** Decides how to parse a text; `starts` are its line start offsets. */
export function layoutOf(text: string, starts: number[]): Layout {
  if (ANCHOR.test(text)) return { mode: 'whole' };
  const lines = scanLines(text, starts);
  if (lines.some((l) => l.indent === 0 && STREAM_MARK.test(l.body))) return { mode: 'whole' };
  const first = lines.findIndex((l) => l.significant);
  if (first === -1) return { mode: 'whole' };
  if (lines[first]!.indent !== 0 || !KEY_LINE.test(lines[first]!.body)) return { mode: 'whole' };
  const heads = lines.map((l, i) => (l.significant && l.indent === 0 && KEY_LINE.test(l.body) ? i : -1)).filter((i) => i >= 0);
  // Comments and blank lines above the first key travel with the first block.
  heads[0] = 0;
  const blocks = heads.map((h, n) => makeBlock(text, lines, h, n + 1 < heads.length ? heads[n + 1]! : lines.length));
  return { mode: 'blocks', blocks };
}

function chunk(text: string, lines: LineInfo[], from: number, to: number): Chunk {
  const start = lines[from]!.start;
  const end = to < lines.length ? lines[to]!.start : text.length;
  return { text: text.slice(start, end), start, startLine: from };
}

function makeBlock(text: string, lines: LineInfo[], from: number, to: number): Block {
  const whole = { head: chunk(text, lines, from, to) };
  const headLine = lines.slice(from, to).findIndex((l) => l.significant) + from;
  if (to - from < SPLIT_MIN_LINES || !HEADER_ONLY.test(lines[headLine]!.body)) return whole;
  const body = lines.slice(headLine + 1, to);
  const firstEntry = body.findIndex((l) => l.significant);
  if (firstEntry === -1) return whole;
  const indent = body[firstEntry]!.indent;
  if (!KEY_LINE.test(body[firstEntry]!.body)) return whole;
  // Any significant line left of the entry column means the block is not a plain mapping.
  if (body.some((l) => l.significant && l.indent < indent)) return whole;
  const entryLines = body.map((l, i) => (l.significant && l.indent === indent && KEY_LINE.test(l.body) ? i + headLine + 1 : -1))
    .filter((i) => i >= 0);
  const entries = entryLines.map((e, n) => chunk(text, lines, e, n + 1 < entryLines.length ? entryLines[n + 1]! : to));
  return { head: chunk(text, lines, from, entryLines[0]!), entries };
}
