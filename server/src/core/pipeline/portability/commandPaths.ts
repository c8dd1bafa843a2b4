import type { Range } from 'vscode-languageserver-types';
import type { YScalar } from '../../yaml/tree';

/** A word of a shell command that names a path, and whether the command writes it (after `>`). */
export interface CommandPath {
  word: string;
  writes: boolean;
}

/** Folders every container image has: absolute paths under them are fine in a pod. */
const SYSTEM = /^\/(dev|bin|sbin|usr|lib|lib64|etc|proc|sys|opt|var|tmp)(\/|$)/;

/**
 * The words of a command that look like paths (a slash or a file extension; not options, variables
 * or URLs), with redirection targets marked as written. A light tokenizer, not a shell: quotes are
 * removed, operators split words, and anything dynamic (`$VAR`, globs) is left alone.
 */
export function commandPaths(cmd: string): CommandPath[] {
  const out: CommandPath[] = [];
  const words = cmd.match(/>>?|<|\|\|?|&&?|;|"[^"]*"|'[^']*'|[^\s<>|&;"']+/g) ?? [];
  let writes = false;
  for (const raw of words) {
    if (raw === '>' || raw === '>>') { writes = true; continue; }
    if (/^(<|\|\|?|&&?|;)$/.test(raw)) { writes = false; continue; }
    const word = raw.replace(/^["']|["']$/g, '').replace(/^\w+=/, '');
    const looksLikePath = /\//.test(word) || /^[\w.-]+\.[A-Za-z0-9]{1,8}$/.test(word);
    if (looksLikePath && !/^-|[$*?{}`]|^[a-z]+:\/\//.test(word)) out.push({ word, writes });
    writes = false;
  }
  return out;
}

/** True for an absolute path a pod would not have (home folders, mounts; `~`), not for system folders. */
export function machinePath(word: string): boolean {
  if (/^~(\/|$)/.test(word) || /^[A-Za-z]:[\\/]/.test(word)) return true;
  return word.startsWith('/') && !SYSTEM.test(word);
}

/**
 * The range of `word` inside a one-line command scalar (so the editor underlines the word, not the
 * whole command); the scalar's range when the command spans lines or the word is not found as is.
 */
export function wordRange(text: string, starts: number[], node: YScalar, word: string): Range {
  const r = node.range;
  if (r.start.line !== r.end.line) return r;
  const lineStart = starts[r.start.line] ?? 0;
  const at = text.slice(lineStart + r.start.character, lineStart + r.end.character).indexOf(word);
  if (at < 0) return r;
  const character = r.start.character + at;
  return { start: { line: r.start.line, character }, end: { line: r.start.line, character: character + word.length } };
}
