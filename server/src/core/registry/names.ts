/**
 * Names the registry derives from a model name: folders, tag names and version labels. A model name
 * ends up in a path, in two tag names and in commit messages, so it is restricted to characters that
 * are safe in all three (no `@`, `#`, `/`, spaces or `..`).
 */
import { posix } from 'node:path';

const MODEL_NAME = /^[A-Za-z0-9][A-Za-z0-9._-]{0,99}$/;
const ALIAS_NAME = /^[a-z][a-z0-9_-]{0,49}$/;
const RUN_ID = /^[A-Za-z0-9][A-Za-z0-9._-]{0,199}$/;

/** Folder (relative to the workspace) that holds every registered model. */
export const MODELS_DIR = 'models';
/** File in a model folder recording every alias move, one JSON object a line. */
export const ALIASES_FILE = 'aliases.jsonl';

/** Returns why `name` cannot be a model name, or null when it can. */
export function modelNameProblem(name: string): string | null {
  if (!MODEL_NAME.test(name)) {
    return `"${name}" is not a valid model name: use letters, digits, ".", "_" or "-" (starting with a letter or digit, at most 100 characters)`;
  }
  if (name.includes('..') || name.endsWith('.') || name.endsWith('.lock')) {
    return `"${name}" is not a valid model name: it may not contain "..", nor end with "." or ".lock" (git refuses such tag names)`;
  }
  return null;
}

/** Returns why `alias` cannot be an alias, or null when it can. */
export function aliasProblem(alias: string): string | null {
  return ALIAS_NAME.test(alias)
    ? null
    : `"${alias}" is not a valid alias: use lowercase letters, digits, "_" or "-", starting with a letter (e.g. production, staging, champion)`;
}

/** Returns why `id` cannot be a run id (it becomes part of a path), or null when it can. */
export function runIdProblem(id: string): string | null {
  return RUN_ID.test(id) && !id.includes('..') ? null : `"${id}" is not a valid run id (letters, digits, ".", "_", "-")`;
}

/** Parses "v3" or "3" into 3; null for anything else (v0, -1, 3.5, v03). */
export function parseVersion(text: string): number | null {
  const m = /^v?([1-9][0-9]{0,8})$/.exec(text.trim());
  return m ? Number(m[1]) : null;
}

/** "v3" */
export function versionLabel(version: number): string {
  return `v${version}`;
}

/** The annotated tag of a version: `<name>@v<N>`. */
export function versionTag(model: string, version: number): string {
  return `${model}@${versionLabel(version)}`;
}

/** The tag that follows an alias: `<name>#<alias>`. */
export function aliasTag(model: string, alias: string): string {
  return `${model}#${alias}`;
}

/** Paths of one model inside a workspace (relative, forward slashes). */
export function modelPaths(model: string): { dir: string; aliases: string } {
  const dir = posix.join(MODELS_DIR, model);
  return { dir, aliases: posix.join(dir, ALIASES_FILE) };
}

/** Folder of one version relative to the workspace, e.g. `models/churn/v3`. */
export function versionDir(model: string, version: number): string {
  return posix.join(MODELS_DIR, model, versionLabel(version));
}

/** Version numbers named by folder entries such as `v1`, `v12`; other entries are ignored. */
export function versionsFromEntries(entries: Iterable<string>): number[] {
  const out = new Set<number>();
  for (const e of entries) {
    const label = posix.basename(e);
    const m = /^v([1-9][0-9]{0,8})$/.exec(label);
    if (m) out.add(Number(m[1]));
  }
  return [...out].sort((a, b) => a - b);
}
