import type { Position, Range } from 'vscode-languageserver-types';

/** Offsets at which each line of a text starts (line 0 at offset 0). Lines end in \n, \r\n or a lone \r, as LSP counts them. */
export function lineStarts(text: string): number[] {
  const starts = [0];
  if (!text.includes('\r')) {
    for (let i = text.indexOf('\n'); i !== -1; i = text.indexOf('\n', i + 1)) starts.push(i + 1);
    return starts;
  }
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 13 && text.charCodeAt(i + 1) === 10) continue;
    if (c === 10 || c === 13) starts.push(i + 1);
  }
  return starts;
}

/** Converts an offset to an LSP position (UTF-16 columns, as JavaScript strings count them). */
export function positionAt(starts: number[], offset: number, lineShift = 0): Position {
  let lo = 0;
  let hi = starts.length - 1;
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if (starts[mid]! <= offset) lo = mid;
    else hi = mid - 1;
  }
  return { line: lo + lineShift, character: offset - starts[lo]! };
}

export function rangeAt(starts: number[], start: number, end: number, lineShift = 0): Range {
  return { start: positionAt(starts, start, lineShift), end: positionAt(starts, end, lineShift) };
}

/** Offset of an LSP position in a text, clamped to the text. */
export function offsetAt(starts: number[], textLength: number, pos: Position): number {
  if (pos.line >= starts.length) return textLength;
  if (pos.line < 0) return 0;
  const lineEnd = pos.line + 1 < starts.length ? starts[pos.line + 1]! : textLength;
  return Math.min(starts[pos.line]! + Math.max(0, pos.character), lineEnd);
}

export function comparePositions(a: Position, b: Position): number {
  return a.line - b.line || a.character - b.character;
}

export function rangeContains(r: Range, p: Position): boolean {
  return comparePositions(r.start, p) <= 0 && comparePositions(p, r.end) <= 0;
}
