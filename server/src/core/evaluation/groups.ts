/**
 * Which group each row of a sensitive column falls in. Text and unbinned numbers group by value;
 * numbers with `bins` group by interval, closed on the right as pandas.cut's default (right=True):
 * edges [18, 30, 50] give (18, 30] and (30, 50]. Values at or below the first edge form the group
 * "(-inf, 18]", values above the last edge "(50, inf)", so no row is dropped. A missing value
 * (null) is a group of its own, whose value is null.
 */
export type GroupValue = string | number | null;

/** One sensitive column's rows split into groups, in a stable order (bins by interval, values ascending, null last). */
export interface ColumnGroups {
  column: string;
  groups: Array<{ value: GroupValue; rows: number[] }>;
}

/** Bin edges must be finite, ascending numbers, at least two of them. */
export function binProblem(edges: unknown): string | null {
  if (!Array.isArray(edges) || edges.length < 2) return 'give at least two bin edges, e.g. [18, 30, 50, 100]';
  if (!edges.every((e) => typeof e === 'number' && Number.isFinite(e))) return 'bin edges must be numbers';
  for (let i = 1; i < edges.length; i++) if (edges[i] <= edges[i - 1]) return `bin edges must increase (${edges[i - 1]} then ${edges[i]})`;
  return null;
}

function binLabel(edges: number[], i: number): string {
  if (i === 0) return `(-inf, ${edges[0]}]`;
  if (i === edges.length) return `(${edges[edges.length - 1]}, inf)`;
  return `(${edges[i - 1]}, ${edges[i]}]`;
}

/** Index of the interval holding v: 0 for v <= edges[0], k for edges[k-1] < v <= edges[k], edges.length above. */
export function binIndex(edges: number[], v: number): number {
  let lo = 0, hi = edges.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (v <= edges[mid]!) hi = mid; else lo = mid + 1;
  }
  return lo;
}

function compareValues(a: GroupValue, b: GroupValue): number {
  if (a === b) return 0;
  if (a === null) return 1;
  if (b === null) return -1;
  if (typeof a === 'number' && typeof b === 'number') return a - b;
  return String(a) < String(b) ? -1 : 1;
}

/**
 * Splits rows by a column's values. `numbers` gives the numeric reading of each value (for text
 * columns that hold numbers); with `edges` a value that is not a number is a problem for the caller
 * (returned in `notNumeric`), never a silent group.
 */
export function groupRows(column: string, values: ArrayLike<string | number | null>, edges?: number[], numbers?: ArrayLike<number | null>): ColumnGroups & { notNumeric: number[] } {
  const byKey = new Map<string, { value: GroupValue; order: number; rows: number[] }>();
  const notNumeric: number[] = [];
  for (let r = 0; r < values.length; r++) {
    const raw = values[r] ?? null;
    let value: GroupValue = raw;
    let order = 0;
    if (raw !== null && edges) {
      const v = typeof raw === 'number' ? raw : numbers?.[r] ?? null;
      if (v === null || !Number.isFinite(v)) { notNumeric.push(r); continue; }
      order = binIndex(edges, v);
      value = binLabel(edges, order);
    }
    const key = value === null ? 'null' : `${typeof value}:${value}`;
    let g = byKey.get(key);
    if (!g) byKey.set(key, g = { value, order, rows: [] });
    g.rows.push(r);
  }
  const groups = [...byKey.values()].sort((a, b) => (edges && a.value !== null && b.value !== null ? a.order - b.order : compareValues(a.value, b.value)));
  return { column, groups: groups.map((g) => ({ value: g.value, rows: g.rows })), notNumeric };
}
