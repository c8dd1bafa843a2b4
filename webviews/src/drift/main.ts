/**
 * Drift view: the dataset verdict on top, a per-feature table sorted by severity (method, distance,
 * p-value, threshold, drifted), and the reference-vs-current histogram of the selected feature.
 */
import type uPlot from 'uplot';
import { isDriftToView, type DriftFeature, type DriftFromView, type DriftReport, type DriftToView } from '../protocol';
import { connect } from '../api';
import { barsChart } from '../shared/chart';
import { formatNumber, formatTime, h, onThemeChange, replaceChildren } from '../shared/dom';
import { bySeverity, histogramShares, statParts } from './model';
import './style.css';

interface ViewState {
  selected: string | null;
}

const api = connect<DriftToView, DriftFromView, ViewState>(isDriftToView);
const state = api.loadState({ selected: null });
let report: DriftReport | null = null;
let meta = { specPath: null as string | null, generatedAt: '' };
let chart: uPlot | null = null;

const verdict = h('div', { className: 'verdict', role: 'status', attrs: { 'aria-live': 'polite' } });
const tableHost = h('div', { className: 'features' });
const histogram = h('section', { className: 'histogram', attrs: { 'aria-label': 'Histogram of the selected feature' } });
const app = document.getElementById('app')!;
replaceChildren(app,
  h('div', { className: 'toolbar', role: 'toolbar' },
    h('button', { title: 'Run MLOps: Check Drift', on: { click: () => api.post({ type: 'checkDrift' }) } }, 'Check Drift')),
  verdict, tableHost, histogram);

function renderVerdict(r: DriftReport): void {
  const drifted = r.features.filter((f) => f.drifted).length;
  const share = `${drifted} of ${r.features.length} features drifted (${formatNumber(r.driftedShare * 100, 3)}%` +
    (r.driftShare !== undefined ? `, dataset drift at ${formatNumber(r.driftShare * 100, 3)}%)` : ')');
  verdict.className = `verdict ${r.datasetDrift ? 'drift' : 'stable'}`;
  replaceChildren(verdict,
    h('strong', {}, r.datasetDrift ? 'Dataset drift detected' : 'No dataset drift'), ' — ', share,
    h('div', { className: 'note' }, `Reference ${r.reference.path} (${r.reference.rows} rows) vs current ${r.current.path} (${r.current.rows} rows)`,
      meta.generatedAt ? `, checked ${formatTime(meta.generatedAt)}` : ''),
    ...columnNotes(r).map((n) => h('div', { className: 'note' }, n)));
}

/** Columns present on one side only, and the report's own notes. */
function columnNotes(r: DriftReport): string[] {
  const only = (side: string, cols: string[] | undefined) => (cols?.length ? [`Only in ${side}: ${cols.join(', ')}`] : []);
  return [...only('reference', r.columns?.onlyInReference), ...only('current', r.columns?.onlyInCurrent), ...(r.notes ?? [])];
}

function renderTable(features: DriftFeature[]): void {
  const head = h('tr', {}, ...['Feature', 'Kind', 'Method', 'Distance', 'p-value', 'Threshold', 'Drifted']
    .map((t, i) => h('th', { className: i >= 3 && i <= 5 ? 'num' : '', attrs: { scope: 'col' } }, t)));
  const rows = features.map((f) => {
    const tr = h('tr', {
      className: `${f.drifted ? 'drifted' : ''}${state.selected === f.name ? ' selected' : ''}`.trim(),
      tabIndex: state.selected === f.name || (!state.selected && f === features[0]) ? 0 : -1,
      attrs: { 'aria-selected': String(state.selected === f.name), 'data-feature': f.name },
      on: { click: () => select(f.name, true), keydown: (e) => onRowKey(e, f.name, features) },
    },
    h('th', { attrs: { scope: 'row' }, title: f.notes?.join('\n') || f.name }, f.name),
    h('td', {}, f.kind), h('td', {}, f.method ?? 'skipped'),
    h('td', { className: 'num' }, formatNumber(f.statistic)), h('td', { className: 'num' }, formatNumber(f.pValue)),
    h('td', { className: 'num' }, formatNumber(f.threshold)),
    h('td', { className: f.drifted ? 'yes' : 'no' }, f.drifted ? 'yes' : 'no',
      f.notes?.length ? h('span', { className: 'note' }, ` (${f.notes.join('; ')})`) : null));
    return tr;
  });
  replaceChildren(tableHost, h('table', { role: 'grid', attrs: { 'aria-label': 'Drift per feature' } },
    h('thead', {}, head), h('tbody', {}, ...rows)));
}

function onRowKey(e: KeyboardEvent, name: string, features: DriftFeature[]): void {
  const i = features.findIndex((f) => f.name === name);
  const next = e.key === 'ArrowDown' ? i + 1 : e.key === 'ArrowUp' ? i - 1 : e.key === 'Home' ? 0 : e.key === 'End' ? features.length - 1 : null;
  if (next !== null && features[next]) {
    e.preventDefault();
    select(features[next]!.name, true);
  } else if (e.key === 'Enter' || e.key === ' ') {
    e.preventDefault();
    select(name, true);
  }
}

function select(name: string, focus: boolean): void {
  state.selected = name;
  api.saveState(state);
  render();
  if (focus) tableHost.querySelector<HTMLElement>('tr[aria-selected="true"]')?.focus();
}

function renderHistogram(f: DriftFeature | undefined): void {
  chart?.destroy();
  chart = null;
  if (!f) return replaceChildren(histogram);
  const stats = statParts(f.stats);
  const statsLine = stats.length ? h('p', { className: 'stats' }, stats.join(' · ')) : null;
  if (!f.histogram || f.histogram.reference.length === 0) {
    return replaceChildren(histogram, h('h3', {}, f.name), statsLine, h('p', { className: 'note' }, 'No histogram for this feature.'));
  }
  const { labels, reference, current } = histogramShares(f.histogram);
  const plot = h('div', { className: 'plot' });
  replaceChildren(histogram, h('h3', {}, f.name), statsLine, h('p', { className: 'note' }, 'Share of rows per bin: reference vs current'), plot);
  chart = barsChart(plot, labels, [{ label: 'reference', values: reference }, { label: 'current', values: current }],
    Math.max(200, (app.clientWidth || 400) - 16));
}

function render(): void {
  if (!report) return;
  const features = bySeverity(report.features);
  if (!state.selected || !features.some((f) => f.name === state.selected)) state.selected = features[0]?.name ?? null;
  renderVerdict(report);
  renderTable(features);
  renderHistogram(features.find((f) => f.name === state.selected));
}

api.onMessage((m) => {
  switch (m.type) {
    case 'report':
      report = m.report;
      meta = { specPath: m.specPath, generatedAt: m.generatedAt };
      render();
      break;
    case 'busy':
      verdict.className = 'verdict busy';
      replaceChildren(verdict, m.message);
      break;
    case 'error':
      verdict.className = 'verdict error';
      replaceChildren(verdict, m.message);
      break;
    default: {
      const never: never = m;
      void never;
    }
  }
});

onThemeChange(render);
window.addEventListener('resize', render);
replaceChildren(verdict, h('span', { className: 'note' }, 'No drift report yet. Run "MLOps: Check Drift".'));
api.post({ type: 'ready' });
