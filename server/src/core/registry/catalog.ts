/**
 * Reading the registry of a workspace: models and versions (`mlops models`), the promotion history
 * (`mlops models history`) and card comparisons (`mlops models diff`). Reads the files under
 * `models/` only; it needs no git and never writes.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { currentAliases, parseAliasEvents } from './aliases';
import { RegistryError } from './errors';
import { MODELS_DIR, modelNameProblem, modelPaths, parseVersion, versionDir, versionTag, versionsFromEntries } from './names';
import type { AliasEvent, ModelCard, ModelSummary, VersionSummary } from './types';

/** Every model of the workspace with its versions and current aliases, sorted by name. */
export function listModels(workspace: string): ModelSummary[] {
  const root = join(workspace, MODELS_DIR);
  if (!existsSync(root)) return [];
  return readdirSync(root, { withFileTypes: true })
    .filter((e) => e.isDirectory() && modelNameProblem(e.name) === null)
    .map((e) => summarizeModel(workspace, e.name))
    .filter((m) => m.versions.length > 0 || Object.keys(m.aliases).length > 0)
    .sort((a, b) => a.name.localeCompare(b.name));
}

function summarizeModel(workspace: string, name: string): ModelSummary {
  const dir = join(workspace, modelPaths(name).dir);
  const aliases = currentAliases(aliasHistory(workspace, name));
  const numbers = versionsFromEntries(readdirSync(dir)).filter((v) => existsSync(join(workspace, versionDir(name, v), 'card.json')));
  const versions: VersionSummary[] = numbers.map((v) => {
    const card = readCardFile(workspace, name, v);
    return {
      version: v, tag: versionTag(name, v), path: versionDir(name, v), runId: card.run?.id ?? null, createdAt: card.createdAt ?? null,
      metrics: card.metrics ?? {}, gatesPassed: typeof card.gatesPassed === 'boolean' ? card.gatesPassed : null,
      forced: Boolean(card.forced), aliases: Object.keys(aliases).filter((a) => aliases[a] === v).sort(),
      gateMetrics: (Array.isArray(card.gates) ? card.gates : []).map((g) => g.key ?? g.metric).filter((k): k is string => typeof k === 'string'),
    };
  });
  return { name, path: modelPaths(name).dir, latest: numbers.at(-1) ?? null, versions, aliases };
}

/** Alias moves of a model, oldest first ([] when it was never promoted). */
export function aliasHistory(workspace: string, model: string): AliasEvent[] {
  const rel = modelPaths(model).aliases;
  const file = join(workspace, rel);
  return existsSync(file) ? parseAliasEvents(readFileSync(file, 'utf8'), rel) : [];
}

function readCardFile(workspace: string, model: string, version: number): ModelCard {
  const rel = join(versionDir(model, version), 'card.json');
  try {
    return JSON.parse(readFileSync(join(workspace, rel), 'utf8')) as ModelCard;
  } catch (e) {
    throw new RegistryError(`${rel}: not a readable model card (${(e as Error).message})`);
  }
}

/** The card of `model` version `version` ("v3" or "3"); refuses naming what exists when absent. */
export function readCard(workspace: string, model: string, version: string): ModelCard {
  const problem = modelNameProblem(model);
  if (problem) throw new RegistryError(problem);
  const n = parseVersion(version);
  if (n === null) throw new RegistryError(`"${version}" is not a version: write it as v3 or 3`);
  if (!existsSync(join(workspace, versionDir(model, n), 'card.json'))) {
    const known = listModels(workspace).find((m) => m.name === model);
    const hint = known ? `versions of ${model}: ${known.versions.map((v) => `v${v.version}`).join(', ')}` : `no model "${model}" in ${join(workspace, MODELS_DIR)}`;
    throw new RegistryError(`${model} v${n} does not exist (${hint})`);
  }
  return readCardFile(workspace, model, n);
}

export interface CardChange {
  /** Dotted path into the card, e.g. "metrics.auc" or "files[model/weights.bin].sha256". */
  key: string;
  from: unknown;
  to: unknown;
  /** to - from when both are numbers, otherwise null. */
  delta: number | null;
}

type Flat = Map<string, unknown>;

// Lists of files and gates are keyed by what identifies an item, so inserting one item does not
// make every later item look changed.
function itemKey(item: unknown, index: number): string {
  if (typeof item === 'object' && item !== null) {
    const o = item as Record<string, unknown>;
    if (typeof o.path === 'string') return o.path;
    if (typeof o.metric === 'string') return o.metric;
  }
  return String(index);
}

function flatten(value: unknown, key: string, out: Flat): Flat {
  if (Array.isArray(value) && value.every((v) => typeof v === 'object' && v !== null && !Array.isArray(v))) {
    value.forEach((v, i) => flatten(v, `${key}[${itemKey(v, i)}]`, out));
    if (value.length === 0) out.set(key, []);
  } else if (typeof value === 'object' && value !== null && !Array.isArray(value)) {
    const entries = Object.entries(value as Record<string, unknown>);
    for (const [k, v] of entries) flatten(v, key ? `${key}.${k}` : k, out);
    if (entries.length === 0 && key) out.set(key, {});
  } else {
    out.set(key, value);
  }
  return out;
}

/** What differs between two cards (keys present in only one card included); same-valued keys are left out. */
export function diffCards(a: ModelCard, b: ModelCard): CardChange[] {
  const fa = flatten(a, '', new Map());
  const fb = flatten(b, '', new Map());
  const keys = [...new Set([...fa.keys(), ...fb.keys()])];
  const changes: CardChange[] = [];
  for (const key of keys) {
    const from = fa.has(key) ? fa.get(key) : null;
    const to = fb.has(key) ? fb.get(key) : null;
    if (JSON.stringify(from) === JSON.stringify(to)) continue;
    const delta = typeof from === 'number' && typeof to === 'number' ? Number((to - from).toPrecision(12)) : null;
    changes.push({ key, from: from ?? null, to: to ?? null, delta });
  }
  return changes;
}
