/**
 * Which registered version a command or server means: `NAME`, `NAME@v3` or `NAME#production`,
 * resolved against the registry folder (models/<name>/v<N>/, aliases from aliases.jsonl).
 */
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { currentAliases } from '../registry/aliases';
import { aliasHistory, listModels } from '../registry/catalog';
import { aliasProblem, modelNameProblem, parseVersion, versionDir } from '../registry/names';
import { ServingError } from './errors';

export interface ModelRef {
  model: string;
  version?: number;
  alias?: string;
}

export interface ResolvedVersion {
  model: string;
  version: number;
  /** The alias that named it, when one did. */
  alias?: string;
  /** Version folder, absolute. */
  dir: string;
}

/** Alias used when a reference names neither a version nor an alias. */
export const DEFAULT_ALIAS = 'production';

/** Parses `NAME`, `NAME@vN` (or `@N`) and `NAME#alias`. */
export function parseModelRef(text: string): ModelRef {
  const m = /^([^@#]+)(?:@([^@#]+)|#([^@#]+))?$/.exec(text.trim());
  if (!m) throw new ServingError(`"${text}" is not a model reference: write NAME, NAME@v3 or NAME#production`);
  const model = m[1]!;
  const problem = modelNameProblem(model);
  if (problem) throw new ServingError(problem);
  if (m[2] !== undefined) {
    const version = parseVersion(m[2]);
    if (version === null) throw new ServingError(`"${m[2]}" is not a version: write it as v3 or 3`);
    return { model, version };
  }
  if (m[3] !== undefined) {
    const aliasIssue = aliasProblem(m[3]);
    if (aliasIssue) throw new ServingError(aliasIssue);
    return { model, alias: m[3] };
  }
  return { model };
}

/** Versions of a model present in the workspace (folders with a card.json), ascending. */
export function registeredVersions(workspace: string, model: string): number[] {
  return listModels(workspace).find((m) => m.name === model)?.versions.map((v) => v.version) ?? [];
}

/** The version an alias names now, per models/<name>/aliases.jsonl; undefined when it names none. */
export function aliasVersion(workspace: string, model: string, alias: string): number | undefined {
  return currentAliases(aliasHistory(workspace, model))[alias];
}

function notFound(workspace: string, model: string, what: string): ServingError {
  const versions = registeredVersions(workspace, model);
  const hint = versions.length ? `registered versions: ${versions.map((v) => `v${v}`).join(', ')}` : `no model "${model}" is registered in ${join(workspace, 'models')}`;
  return new ServingError(`${what} (${hint})`, 'not-found');
}

/**
 * Resolves a reference to a version folder. A bare name means the `production` alias when it is set,
 * else the newest version. Refuses (not-found) naming what is registered.
 */
export function resolveModelRef(workspace: string, ref: ModelRef): ResolvedVersion {
  let version = ref.version;
  let alias = ref.alias;
  if (version === undefined && alias === undefined) {
    version = aliasVersion(workspace, ref.model, DEFAULT_ALIAS);
    if (version !== undefined) alias = DEFAULT_ALIAS;
    else version = registeredVersions(workspace, ref.model).at(-1);
    if (version === undefined) throw notFound(workspace, ref.model, `no version of ${ref.model} to use`);
  } else if (version === undefined) {
    version = aliasVersion(workspace, ref.model, alias!);
    if (version === undefined) throw notFound(workspace, ref.model, `${ref.model} has no alias "${alias}" (promote a version first: mlops promote ${ref.model} v1 ${alias})`);
  }
  const dir = join(workspace, versionDir(ref.model, version));
  if (!existsSync(join(dir, 'card.json'))) throw notFound(workspace, ref.model, `${ref.model} v${version} is not in this workspace`);
  return { model: ref.model, version, ...(alias !== undefined ? { alias } : {}), dir };
}
