/**
 * Pure logic of the runs table: which columns to show, sorting, filtering, and the compare diff.
 * No DOM here, so the browser tests can check behaviour through the rendered table alone.
 */
import type { RunRow, Scalar } from '../protocol';
import { PREFERRED_METRICS, shortParamNames, tableKeyMetric } from './names';

export type ColumnKind = 'status' | 'name' | 'started' | 'duration' | 'param' | 'metric';

export interface Column {
  /** Stable key: fixed names, or `param:<path>` / `metric:<name>`. */
  key: string;
  kind: ColumnKind;
  /** Header text, short (a param path or metric name comes from data: rendered as text). */
  label: string;
  /** The full name, for the tooltip. */
  title: string;
  /** For param and metric columns: the field name. */
  field?: string;
  /** Shown unless the user chose otherwise in the column chooser. */
  shownByDefault: boolean;
  /** The sweep/gate metric of the table. */
  isKeyMetric?: boolean;
}

export interface SortSpec {
  key: string;
  dir: 'asc' | 'desc';
}

/** Params whose value is not the same in every run (none when there is one run: nothing to tell apart). */
export function varyingParams(rows: RunRow[]): Set<string> {
  const seen = new Map<string, Set<string>>();
  for (const r of rows) {
    for (const [k, v] of Object.entries(r.params)) {
      let values = seen.get(k);
      if (!values) seen.set(k, (values = new Set()));
      values.add(JSON.stringify(v));
    }
  }
  // A param missing from some runs varies too (it was added to the spec later).
  return new Set([...seen.entries()].filter(([k, v]) => v.size > 1 || rows.some((r) => !(k in r.params))).map(([k]) => k));
}

/** The key metric, then validation metrics in the usual order, then the rest alphabetically. */
export function metricNames(rows: RunRow[], key: string | null): string[] {
  const names = new Set<string>();
  for (const r of rows) for (const k of Object.keys(r.metrics)) names.add(k);
  const rank = (m: string) => {
    if (m === key) return -1;
    const i = PREFERRED_METRICS.indexOf(m);
    return i >= 0 ? i : m.startsWith('val_') ? PREFERRED_METRICS.length : PREFERRED_METRICS.length + 1;
  };
  return [...names].sort((a, b) => rank(a) - rank(b) || a.localeCompare(b));
}

/** Metrics equal to an earlier one in every run (logloss = loss): the same number twice says nothing. */
export function duplicateMetrics(rows: RunRow[], ordered: string[]): Set<string> {
  const dup = new Set<string>();
  ordered.forEach((m, i) => {
    const same = ordered.slice(0, i).some((earlier) => !dup.has(earlier) &&
      rows.every((r) => r.metrics[m] === r.metrics[earlier]));
    if (same) dup.add(m);
  });
  return dup;
}

/**
 * Every column the chooser offers, in table order: status, run name, the key metric, the other metrics,
 * params, start and duration. Shown by default: all but duplicate metrics and params equal in every run.
 */
export function candidateColumns(rows: RunRow[]): Column[] {
  const key = tableKeyMetric(rows);
  const metrics = metricNames(rows, key?.name ?? null);
  const duplicates = duplicateMetrics(rows, metrics);
  const varying = varyingParams(rows);
  const params = [...new Set(rows.flatMap((r) => Object.keys(r.params)))]
    .sort((a, b) => Number(varying.has(b)) - Number(varying.has(a)) || a.localeCompare(b));
  const short = shortParamNames(params);
  return [
    { key: 'status', kind: 'status', label: 'Status', title: 'Status', shownByDefault: true },
    { key: 'name', kind: 'name', label: 'Run', title: 'Run (the end of its id; the full id in each tooltip)', shownByDefault: true },
    ...metrics.map((m): Column => ({ key: `metric:${m}`, kind: 'metric', label: m, field: m, shownByDefault: !duplicates.has(m),
      title: m === key?.name ? `${m} (${key.source === 'sweep' ? 'the sweep metric' : key.source === 'gate' ? 'the gate metric' : 'headline metric'}, ${key.goal === 'maximize' ? 'higher' : 'lower'} is better)` : m,
      ...(m === key?.name ? { isKeyMetric: true } : {}) })),
    ...params.map((p): Column => ({ key: `param:${p}`, kind: 'param', label: short.get(p)!, title: p, field: p, shownByDefault: varying.has(p) })),
    { key: 'started', kind: 'started', label: 'Started', title: 'Started (relative; the exact time in each tooltip)', shownByDefault: true },
    { key: 'duration', kind: 'duration', label: 'Duration', title: 'Duration', shownByDefault: true },
  ];
}

/** The columns shown: each candidate as the user chose it in the chooser, else its default. */
export function shownColumns(candidates: Column[], choices: Record<string, boolean>): Column[] {
  const shown = candidates.filter((c) => c.kind === 'name' || (choices[c.key] ?? c.shownByDefault));
  // Param headers only need to differ from the params on screen: `units` unless another `units` shows.
  const short = shortParamNames(shown.filter((c) => c.kind === 'param').map((c) => c.field!));
  return shown.map((c) => (c.kind === 'param' ? { ...c, label: short.get(c.field!)! } : c));
}

/** The value a column sorts by. */
export function sortValue(row: RunRow, col: Column): Scalar {
  switch (col.kind) {
    case 'status': return row.status;
    case 'name': return row.id;
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
