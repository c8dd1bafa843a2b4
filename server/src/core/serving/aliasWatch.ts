/**
 * Follows an alias while serving: a cheap poll (a few stat calls) notices when aliases.jsonl or the
 * alias tag may have moved (`mlops promote`, a `git pull`, a forced tag fetch), and only then asks
 * which version the alias names. The file and the tag can disagree (a pull that does not update an
 * existing tag; a tag fetched without merging): the most recent promotion of the two wins.
 */
import { readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { parseAliasTags } from '../registry/aliasTags';
import { currentAliases } from '../registry/aliases';
import { aliasHistory } from '../registry/catalog';
import { GitExecutor } from '../registry/git';
import { commonGitDirArgs, modelTagsArgs } from '../registry/gitArgs';
import { aliasTag, modelPaths } from '../registry/names';
import { GitShell } from './gitShell';

export interface AliasTarget {
  version: number;
  /** Where the answer came from. */
  source: 'file' | 'tag';
}

export interface AliasSource {
  /** A string that changes whenever the alias may have moved. */
  fingerprint(): string;
  /** The version the alias names now; undefined when neither the file nor the tag names one. */
  resolve(): Promise<AliasTarget | undefined>;
  /** Ends the git helper (see gitShell.ts). */
  close(): void;
}

function statKey(path: string): string {
  try {
    const s = statSync(path);
    return `${s.mtimeMs}:${s.size}`;
  } catch {
    return '-';
  }
}

function readKey(path: string): string {
  try {
    return readFileSync(path, 'utf8');
  } catch {
    return '-';
  }
}

/**
 * The alias source of a workspace. Git is optional: without a repository (a model folder copied
 * into a container) only aliases.jsonl counts.
 */
export async function aliasSource(workspace: string, model: string, alias: string, env: NodeJS.ProcessEnv = process.env): Promise<AliasSource> {
  const file = join(workspace, modelPaths(model).aliases);
  const git = new GitExecutor(workspace, env);
  let gitDir: string | null = null;
  try {
    gitDir = await git.maybe(commonGitDirArgs());
  } catch {
    gitDir = null;
  }
  const tagFiles = gitDir ? [join(gitDir, 'refs', 'tags', aliasTag(model, alias)), join(gitDir, 'packed-refs')] : [];
  const shell = gitDir ? new GitShell(workspace, env) : undefined;
  const tagKey = () => tagFiles.map((f, i) => (i === 0 ? readKey(f) : statKey(f))).join('|');
  // Git is asked only when the tag may have moved (a promotion of another alias changes only
  // aliases.jsonl), and through a shell started now (see gitShell.ts).
  let lastTag: { key: string; value: { version: number; at: string | null } | undefined } | undefined;
  const tagTarget = async () => {
    const key = tagKey();
    if (lastTag?.key === key) return lastTag.value;
    let value: { version: number; at: string | null } | undefined;
    try {
      value = parseAliasTags(await shell!.ok(modelTagsArgs(model)), model).get(alias);
    } catch {
      return undefined;
    }
    lastTag = { key, value };
    return value;
  };
  return {
    fingerprint: () => [statKey(file), tagKey()].join('|'),
    async resolve() {
      const events = aliasHistory(workspace, model).filter((e) => e.alias === alias);
      const fromFile = events.length ? { version: currentAliases(events)[alias]!, at: events[events.length - 1]!.at } : undefined;
      const fromTag = gitDir ? await tagTarget() : undefined;
      if (fromTag && (!fromFile || (fromTag.at !== null && Date.parse(fromTag.at) > Date.parse(fromFile.at)))) return { version: fromTag.version, source: 'tag' };
      return fromFile ? { version: fromFile.version, source: 'file' } : undefined;
    },
    close: () => shell?.close(),
  };
}
