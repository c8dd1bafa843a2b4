/**
 * Reads the registry's `mlops models --format json` and `mlops models history` output into the shapes
 * the Models tree shows. Pure and tolerant: a field the registry adds later is ignored, a missing one
 * becomes empty, never an exception in the tree.
 */

export interface ModelVersionInfo {
  /** As the registry names it, e.g. "v3". */
  version: string;
  runId?: string;
  createdAt?: string;
  metrics: Record<string, number>;
  /** Aliases pointing at this version now. */
  aliases: string[];
  /** Folder of the version relative to the repository root (models/<name>/v<N>). */
  path?: string;
}

export interface ModelInfo {
  name: string;
  versions: ModelVersionInfo[];
  aliases: Record<string, string>;
}

export interface PromotionEvent {
  alias: string;
  version: string;
  from: string | null;
  by?: string;
  at?: string;
  reason?: string;
}

const obj = (v: unknown): Record<string, unknown> => (typeof v === 'object' && v !== null && !Array.isArray(v) ? v as Record<string, unknown> : {});
const str = (v: unknown): string | undefined => (typeof v === 'string' ? v : typeof v === 'number' ? String(v) : undefined);

/** "3" and 3 become "v3"; "v3" stays. */
export function versionLabel(v: unknown): string {
  const s = str(v) ?? '?';
  return /^\d+$/.test(s) ? `v${s}` : s;
}

function parseAliases(raw: unknown): Record<string, string> {
  const out: Record<string, string> = {};
  if (Array.isArray(raw)) {
    for (const a of raw) {
      const o = obj(a);
      const alias = str(o.alias ?? o.name);
      if (alias && o.version !== undefined) out[alias] = versionLabel(o.version);
    }
  } else {
    for (const [alias, v] of Object.entries(obj(raw))) out[alias] = versionLabel(typeof v === 'object' ? obj(v).version : v);
  }
  return out;
}

/** Parses `mlops models --format json` (an array of models or `{models: [...]}`). */
export function parseModels(json: unknown): ModelInfo[] {
  const list = Array.isArray(json) ? json : obj(json).models;
  if (!Array.isArray(list)) return [];
  return list.map((m): ModelInfo => {
    const o = obj(m);
    const aliases = parseAliases(o.aliases);
    const versions = (Array.isArray(o.versions) ? o.versions : []).map((v): ModelVersionInfo => {
      const vo = obj(typeof v === 'object' ? v : { version: v });
      const version = versionLabel(vo.version);
      const metrics: Record<string, number> = {};
      for (const [k, x] of Object.entries(obj(vo.metrics))) if (typeof x === 'number' && Number.isFinite(x)) metrics[k] = x;
      const runId = str(vo.runId ?? obj(vo.lineage).runId);
      const createdAt = str(vo.createdAt ?? vo.registeredAt ?? vo.date);
      const path = str(vo.path ?? vo.folder);
      return {
        version, metrics, aliases: Object.keys(aliases).filter((a) => aliases[a] === version).sort(),
        ...(runId ? { runId } : {}), ...(createdAt ? { createdAt } : {}), ...(path ? { path } : {}),
      };
    });
    versions.sort((a, b) => versionNumber(b.version) - versionNumber(a.version));
    return { name: str(o.name) ?? '(unnamed)', versions, aliases };
  });
}

function versionNumber(v: string): number {
  const n = Number(v.replace(/^v/, ''));
  return Number.isFinite(n) ? n : -1;
}

/** Parses `mlops models history <name> --format json` (an array or `{history: [...]}`), newest first. */
export function parseHistory(json: unknown): PromotionEvent[] {
  const list = Array.isArray(json) ? json : obj(json).history ?? obj(json).events;
  if (!Array.isArray(list)) return [];
  const events = list.map((e): PromotionEvent => {
    const o = obj(e);
    const from = o.from ?? o.previous ?? o.fromVersion;
    const by = str(o.by ?? o.who ?? o.author);
    const at = str(o.at ?? o.when ?? o.date);
    const reason = str(o.reason ?? o.why ?? o.message);
    return { alias: str(o.alias) ?? '?', version: versionLabel(o.version ?? o.to ?? o.toVersion),
      from: from === null || from === undefined ? null : versionLabel(from),
      ...(by ? { by } : {}), ...(at ? { at } : {}), ...(reason ? { reason } : {}) };
  });
  return events.reverse();
}

/** The metric shown next to a version: a validation AUC if there is one, else the first metric. */
export function headlineMetric(metrics: Record<string, number>): string {
  const key = ['val_auc', 'auc', 'val_accuracy', 'accuracy', 'val_rmse', 'rmse'].find((k) => k in metrics) ?? Object.keys(metrics)[0];
  return key ? `${key} ${Number(metrics[key]!.toPrecision(4))}` : '';
}
