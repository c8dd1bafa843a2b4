/** Compare mode: a table of only the params, metrics and data hashes that differ between runs. */
import type { RunRow, Scalar } from '../protocol';
import { formatNumber, h } from '../shared/dom';
import { diffRuns } from './model';
import { shortRunNames } from './names';

const SECTION_LABEL = { param: 'Param', metric: 'Metric', data: 'Data sha256' } as const;

function show(v: Scalar, section: 'param' | 'metric' | 'data'): string {
  if (v === null) return '—';
  if (typeof v === 'number') return formatNumber(v, 6);
  if (section === 'data') return String(v).slice(0, 12);
  return String(v);
}

/**
 * Renders the diff of the selected runs (every string as text). A run's column is named by `labels`
 * when given (model versions: `v1`, `v2`), else by its short name; the full run id is the tooltip.
 */
export function renderCompare(runs: RunRow[], labels: Record<string, string>): HTMLElement {
  const lines = diffRuns(runs);
  const names = shortRunNames(runs.map((r) => r.id));
  const head = h('tr', {}, h('th', { attrs: { scope: 'col' } }, 'Field'), ...runs.map((r) =>
    h('th', { attrs: { scope: 'col', 'data-run-id': r.id }, title: labels[r.id] ? `${labels[r.id]}: run ${r.id}` : r.id }, labels[r.id] ?? names.get(r.id) ?? r.id)));
  const body = lines.map((l) => h('tr', { className: `diff-${l.section}` },
    h('th', { attrs: { scope: 'row' }, title: SECTION_LABEL[l.section] }, `${SECTION_LABEL[l.section]}: `, h('span', { className: 'field' }, l.field)),
    ...l.values.map((v) => h('td', { title: v === null ? 'absent' : String(v) }, show(v, l.section)))));
  return h('section', { className: 'compare', attrs: { 'aria-label': 'Differences between the selected runs' } },
    h('p', { className: 'note' }, lines.length === 0
      ? `The ${runs.length} selected runs have the same params, metrics and data.`
      : `${lines.length} field${lines.length === 1 ? '' : 's'} differ between the ${runs.length} selected runs.`),
    lines.length ? h('table', {}, h('thead', {}, head), h('tbody', {}, ...body)) : null);
}
