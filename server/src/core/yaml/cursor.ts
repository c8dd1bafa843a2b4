import type { Position, Range } from 'vscode-languageserver-types';
import type { PathSegment } from './tree';

/**
 * Where the cursor is in a YAML text that may be half-typed (and so not parse): the path of the
 * mapping it is in, and whether a key, a value or a list item is being typed. Read from indentation,
 * as editors do, so completion works on broken documents.
 */
export interface CursorContext {
  /** Path of the mapping that holds the key being typed (kind 'key'), or of the key whose value is typed. */
  path: PathSegment[];
  kind: 'key' | 'value' | 'item';
  /** For 'value' and 'item': the key the value belongs to (also the last segment of `path`). */
  key?: string;
  /** What is typed so far of the current word. */
  prefix: string;
  /** Range that a completion replaces. */
  replace: Range;
}

interface Line { indent: number; dash: boolean; key?: string; keyIndent: number }

const LINE = /^(\s*)(-\s+)?(?:("[^"]*"|'[^']*'|[^\s#:'"][^#:]*?)\s*:(?:\s|$))?/;

function readLine(text: string): Line | undefined {
  const trimmed = text.trimStart();
  if (trimmed === '' || trimmed.startsWith('#')) return undefined;
  const m = LINE.exec(text)!;
  const indent = m[1]!.length;
  const dash = Boolean(m[2]);
  const key = m[3]?.replace(/^["']|["']$/g, '');
  return { indent, dash, key, keyIndent: indent + (m[2]?.length ?? 0) };
}

/** Lines of a text read on demand (completion looks at a few lines; splitting 50,000 would cost more). */
export interface Lines {
  get(line: number): string | undefined;
}

export function lineReader(text: string, starts: number[]): Lines {
  return {
    get: (line) => (line < 0 || line >= starts.length ? undefined
      : text.slice(starts[line], line + 1 < starts.length ? starts[line + 1]! - 1 : text.length).replace(/\r$/, '')),
  };
}

/** Walks up from a line to find the keys and list items that contain something at `indent`. */
function parentPath(lines: Lines, fromLine: number, indent: number): PathSegment[] {
  const path: PathSegment[] = [];
  let cur = indent;
  for (let i = fromLine - 1; i >= 0 && cur > 0; i--) {
    const l = readLine(lines.get(i) ?? '');
    if (!l) continue;
    if (l.dash && l.keyIndent === cur && l.indent < cur) { path.unshift(0); cur = l.indent; continue; }
    if (l.dash && l.indent < cur && l.keyIndent > cur) { path.unshift(0); cur = l.indent; continue; }
    if (l.keyIndent < cur && l.key !== undefined) {
      path.unshift(l.key);
      cur = l.keyIndent;
      if (l.dash) { path.unshift(0); cur = l.indent; }
    }
  }
  return path;
}

interface Flow { path: PathSegment[]; kind: 'key' | 'value' | 'item'; key?: string; prefix: string }

/** Reads an inline flow collection typed after a key, e.g. `{ path: data/tr` or `[a, b`. */
function scanFlow(text: string): Flow | undefined {
  const stack: Array<{ kind: 'map' | 'seq'; key?: string }> = [];
  let token = '';
  let lastKey: string | undefined;
  const path: PathSegment[] = [];
  for (let i = 0; i < text.length; i++) {
    const c = text[i]!;
    if (c === '{' || c === '[') {
      if (stack.length && stack.at(-1)!.kind === 'map' && lastKey !== undefined) path.push(lastKey);
      else if (stack.length && stack.at(-1)!.kind === 'seq') path.push(0);
      stack.push({ kind: c === '{' ? 'map' : 'seq' });
      token = ''; lastKey = undefined;
    } else if (c === '}' || c === ']') {
      stack.pop(); path.pop(); token = ''; lastKey = undefined;
    } else if (c === ':' && (text[i + 1] === ' ' || i + 1 === text.length) && stack.at(-1)?.kind === 'map') {
      lastKey = token.trim(); token = '';
    } else if (c === ',') {
      token = ''; lastKey = undefined;
    } else token += c;
  }
  const top = stack.at(-1);
  if (!top) return undefined;
  const prefix = token.trimStart();
  if (top.kind === 'seq') return { path, kind: 'item', prefix };
  if (lastKey !== undefined) return { path: [...path, lastKey], kind: 'value', key: lastKey, prefix };
  return { path, kind: 'key', prefix };
}

/** Works out what is being typed at a position. */
export function cursorContext(lines: Lines, pos: Position): CursorContext {
  const line = lines.get(pos.line) ?? '';
  const before = line.slice(0, pos.character);
  const wordStart = before.search(/[^\s,[{]*$/);
  const replace: Range = { start: { line: pos.line, character: wordStart }, end: pos };
  const keyValue = /^(\s*)(-\s+)?("[^"]*"|'[^']*'|[^\s#:'"][^#:]*?)\s*:(?:\s+(.*))?$/.exec(before);
  if (keyValue && keyValue[4] !== undefined || (keyValue && before.endsWith(':'))) {
    const indent = keyValue[1]!.length + (keyValue[2]?.length ?? 0);
    const key = keyValue[3]!.replace(/^["']|["']$/g, '');
    const base = [...(keyValue[2] ? [...parentPath(lines, pos.line, keyValue[1]!.length), 0] : parentPath(lines, pos.line, indent)), key];
    const rest = keyValue[4] ?? '';
    const flow = scanFlow(rest);
    if (flow) return { path: [...base, ...flow.path], kind: flow.kind, key: flow.key ?? key, prefix: flow.prefix, replace: { start: { line: pos.line, character: pos.character - flow.prefix.length }, end: pos } };
    return { path: base, kind: 'value', key, prefix: rest.trimStart(), replace: { start: { line: pos.line, character: pos.character - rest.trimStart().length }, end: pos } };
  }
  const item = /^(\s*)-\s+(.*)$/.exec(before);
  if (item && !/:/.test(item[2]!)) {
    const path = parentPath(lines, pos.line, item[1]!.length);
    return { path, kind: 'item', key: typeof path.at(-1) === 'string' ? (path.at(-1) as string) : undefined, prefix: item[2]!, replace };
  }
  const indent = before.length - before.trimStart().length;
  return { path: parentPath(lines, pos.line, indent), kind: 'key', prefix: before.trim(), replace };
}
