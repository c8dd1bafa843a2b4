/**
 * aliases.jsonl: the append-only record of alias moves of one model. The current holder of an alias
 * is the version named by its last line. Pure.
 */
import { RegistryError } from './errors';
import { aliasProblem } from './names';
import type { AliasEvent } from './types';

/** A line that is not a valid alias event, with its 1-based line number. */
export class AliasFileError extends RegistryError {
  constructor(readonly file: string, readonly line: number, detail: string) {
    super(`${file}:${line}: ${detail}. Fix or remove that line (the file is in git: "git log -p -- ${file}" shows its history).`, 'refused');
    this.name = 'AliasFileError';
  }
}

function isEvent(v: unknown): v is AliasEvent {
  if (typeof v !== 'object' || v === null) return false;
  const e = v as Record<string, unknown>;
  return typeof e.alias === 'string' && Number.isInteger(e.version) && (e.from === null || Number.isInteger(e.from)) &&
    typeof e.by === 'string' && typeof e.at === 'string' && (e.reason === null || typeof e.reason === 'string');
}

/** Parses the file's text; blank lines are skipped; a malformed line throws AliasFileError naming it. */
export function parseAliasEvents(text: string, file: string): AliasEvent[] {
  const events: AliasEvent[] = [];
  text.split('\n').forEach((line, i) => {
    if (line.trim() === '') return;
    let value: unknown;
    try {
      value = JSON.parse(line);
    } catch (e) {
      throw new AliasFileError(file, i + 1, `not valid JSON (${(e as Error).message})`);
    }
    if (!isEvent(value)) throw new AliasFileError(file, i + 1, 'expected {"alias","version","from","by","at","reason"}');
    const problem = aliasProblem(value.alias);
    if (problem) throw new AliasFileError(file, i + 1, problem);
    events.push(value);
  });
  return events;
}

/** Alias -> version holding it now, from the event history. */
export function currentAliases(events: AliasEvent[]): Record<string, number> {
  const out: Record<string, number> = {};
  for (const e of events) out[e.alias] = e.version;
  return out;
}

/** One line of the file, keys in a fixed order so diffs of aliases.jsonl stay readable. */
export function serializeAliasEvent(e: AliasEvent): string {
  return `${JSON.stringify({ alias: e.alias, version: e.version, from: e.from, by: e.by, at: e.at, reason: e.reason })}\n`;
}

/** Appends an event to the file's text, adding the missing final newline of a hand-edited file. */
export function appendAliasEvent(text: string, e: AliasEvent): string {
  const base = text === '' || text.endsWith('\n') ? text : `${text}\n`;
  return base + serializeAliasEvent(e);
}
