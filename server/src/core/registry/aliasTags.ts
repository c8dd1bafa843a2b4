/**
 * Which version each alias tag `<name>#<alias>` names, read from the tags themselves: an alias tag
 * points at the same commit as the version tag `<name>@v<N>` it was moved to. Pure: the text comes
 * from `git for-each-ref` (modelTagsArgs).
 */
import { parseVersion } from './names';

export interface AliasTagTarget {
  version: number;
  /** When the tag was (last) written, ISO time; null when git gives none (lightweight tag). */
  at: string | null;
}

/** Alias -> version and tag date, for the alias tags that point at a version tag's commit. */
export function parseAliasTags(text: string, model: string): Map<string, AliasTagTarget> {
  const versions = new Map<string, number>();
  const aliases: Array<{ alias: string; commit: string; at: string | null }> = [];
  for (const line of text.split('\n')) {
    const [ref, peeled, object, date] = line.trim().split(' ');
    if (!ref || !object) continue;
    const commit = peeled || object;
    if (ref.startsWith(`${model}@`)) {
      const v = parseVersion(ref.slice(model.length + 1));
      if (v !== null) versions.set(commit, v);
    } else if (ref.startsWith(`${model}#`)) {
      aliases.push({ alias: ref.slice(model.length + 1), commit, at: date || null });
    }
  }
  const out = new Map<string, AliasTagTarget>();
  for (const a of aliases) {
    const version = versions.get(a.commit);
    if (version !== undefined) out.set(a.alias, { version, at: a.at });
  }
  return out;
}
