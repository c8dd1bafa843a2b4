/**
 * Pure logic of the runs table: which columns to show, sorting, filtering, and the compare diff.
 * No DOM here, so the browser tests can check behaviour through the rendered table alone.
 */
import type { RunRow, Scalar } from '../protocol';

export type ColumnKind = 'star' | 'status' | 'id' | 'started' | 'duration' | 'param' | 'metric';

export interface Column {
  /** Stable key: fixed names, or `param:<path>` / `metric:<name>`. */
  key: string;
  kind: ColumnKind;
  /** Header text (a param path or metric name comes from data: rendered as text). */
  label: string;
  /** For param and metric columns: the field name. */
  field?: string;
}

export interface SortSpec {
  key: string;
  dir: 'asc' | 'desc';
}

const MAX_PARAM_COLUMNS = 4;
const MAX_METRIC_COLUMNS = 4;

/** Params that differ between runs say the most; when all runs agree, show none. */
function varyingParams(rows: RunRow[]): string[] {
  const seen = new Map<string, Set<string>>();
  for (const r of rows) {
    for (const [k, v] of Object.entries(r.params)) {
      let values = seen.get(k);
      if (!values) seen.set(k, (values = new Set()));
      values.add(JSON.stringify(v));
    }
  }
  return [...seen.entries()].filter(([, v]) => v.size > 1 || rows.length === 1).map(([k]) => k).sort();
}

/** The usual headline metrics first, then other validation metrics, then the rest alphabetically. */
const PREFERRED_METRICS = ['val_auc', 'val_loss', 'val_accuracy', 'val_f1', 'val_rmse', 'val_mae', 'val_r2'];

function metricNames(rows: RunRow[]): string[] {
  const names = new Set<string>();
  for (const r of rows) for (const k of Object.keys(r.metrics)) names.add(k);
  const rank = (m: string) => {
    const i = PREFERRED_METRICS.indexOf(m);
    return i >= 0 ? i : m.startsWith('val_') ? PREFERRED_METRICS.length : PREFERRED_METRICS.length + 1;
  };
  return [...names].sort((a, b) => rank(a) - rank(b) || a.localeCompare(b));
}

/** The columns for a set of runs: fixed ones, then key params, then metrics. */
export function columnsFor(rows: RunRow[]): Column[] {
  const fixed: Column[] = [
    { key: 'star', kind: 'star', label: '★' },
    { key: 'status', kind: 'status', label: 'Status' },
    { key: 'id', kind: 'id', label: 'Run' },
    { key: 'started', kind: 'started', label: 'Started' },
    { key: 'duration', kind: 'duration', label: 'Duration' },
  ];
  const params = varyingParams(rows).slice(0, MAX_PARAM_COLUMNS)
    .map((p): Column => ({ key: `param:${p}`, kind: 'param', label: p, field: p }));
  const metrics = metricNames(rows).slice(0, MAX_METRIC_COLUMNS)
    .map((m): Column => ({ key: `metric:${m}`, kind: 'metric', label: m, field: m }));
  return [...fixed, ...params, ...metrics];
}

/** The value a column sorts by. */
export function sortValue(row: RunRow, col: Column): Scalar {
  switch (col.kind) {
    case 'star': return row.starred ? 1 : 0;
    case 'status': return row.status;
    case 'id': return row.id;
    case 'started': return row.startedAt;
    case 'duration': return row.durationMs;
    case 'param': return row.params[col.field ?? ''] ?? null;
    case 'metric': return row.metrics[col.field ?? ''] ?? null;
  }
}

function compareScalars(a: Scalar, b: Scalar): number {
  if (a === b) return 0;
  if (a === null) return 1; // missing values last, whatever the direction
  if (b === null) return -1;
  if (typeof a === 'number' && typeof b === 'number') return a - b;
  return String(a).localeCompare(String(b), undefined, { numeric: true });
}

/** Rows matching the filter (every word must appear in id, status, spec or a param value), sorted. */
export function visibleRows(rows: RunRow[], columns: Column[], sort: SortSpec, filter: string, starredOnly: boolean): RunRow[] {
  const words = filter.toLowerCase().split(/\s+/).filter(Boolean);
  const col = columns.find((c) => c.key === sort.key) ?? columns.find((c) => c.key === 'started')!;
  const sign = sort.dir === 'asc' ? 1 : -1;
  return rows
    .filter((r) => (!starredOnly || r.starred) && words.every((w) => haystack(r).includes(w)))
    .sort((a, b) => {
      const va = sortValue(a, col);
      const vb = sortValue(b, col);
      if (va === null || vb === null) return compareScalars(va, vb);
      return sign * compareScalars(va, vb) || a.id.localeCompare(b.id);
    });
}

function haystack(r: RunRow): string {
  const params = Object.entries(r.params).map(([k, v]) => `${k}=${String(v)}`).join(' ');
  return `${r.id} ${r.status} ${r.specPath} ${r.sweepId ?? ''} ${params}`.toLowerCase();
}

/** One line of the compare table: a field whose value is not the same in every selected run. */
export interface DiffLine {
  section: 'param' | 'metric' | 'data';
  field: string;
  values: Scalar[];
}

/** Only what differs between runs (params, metrics, data hashes), in that order. */
export function diffRuns(runs: RunRow[]): DiffLine[] {
  const sections: Array<[DiffLine['section'], (r: RunRow) => Record<string, Scalar>]> = [
    ['param', (r) => r.params],
    ['metric', (r) => r.metrics],
    ['data', (r) => r.dataHashes],
  ];
  const lines: DiffLine[] = [];
  for (const [section, pick] of sections) {
    const fields = new Set(runs.flatMap((r) => Object.keys(pick(r))));
    for (const field of [...fields].sort()) {
      const values = runs.map((r) => pick(r)[field] ?? null);
      if (new Set(values.map((v) => JSON.stringify(v))).size > 1) lines.push({ section, field, values });
    }
  }
  return lines;
}
