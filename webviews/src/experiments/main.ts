/**
 * Experiments view: the runs table (sort, filter, multi-select, star), per-epoch curves of the selected
 * runs (live while a run trains), and a compare mode listing only what differs between selected runs.
 */
import { isExperimentsToView, type EpochPoint, type ExperimentsFromView, type ExperimentsToView, type RunRow, type SweepRecord } from '../protocol';
import { connect } from '../api';
import { h, replaceChildren } from '../shared/dom';
import { candidateColumns, shownColumns, visibleRows, type SortSpec } from './model';
import { shortRunNames, tableKeyMetric } from './names';
import { RunsTable } from './table';
import { CurvesPanel } from './curves';
import { renderCompare } from './compare';
import { ColumnChooser } from './chooser';
import { SweepPanel } from './sweepPlots';
import './style.css';

interface ViewState {
  sort: SortSpec;
  filter: string;
  starredOnly: boolean;
  selected: string[];
  compare: boolean;
  metric: string | null;
  /** Column key -> shown, for the columns the user switched in the chooser. */
  columns: Record<string, boolean>;
  /** The sweep the plots show (null: the selected run's sweep, else the newest). */
  sweep: string | null;
  /** Run id -> the name its compare column gets (e.g. `v2` when model versions are compared). */
  compareLabels: Record<string, string>;
}

const api = connect<ExperimentsToView, ExperimentsFromView, ViewState>(isExperimentsToView);
const state = api.loadState({ sort: { key: 'started', dir: 'desc' }, filter: '', starredOnly: false, selected: [],
  compare: false, metric: null, columns: {}, compareLabels: {}, sweep: null });
let runs: RunRow[] = [];
let sweeps: SweepRecord[] = [];
const epochs = new Map<string, EpochPoint[]>();

const table = new RunsTable({
  onSort(key) {
    state.sort = { key, dir: state.sort.key === key && state.sort.dir === 'desc' ? 'asc' : 'desc' };
    refresh();
  },
  onSelect(ids) {
    state.selected = ids;
    state.compareLabels = {};
    api.post({ type: 'selectRuns', runIds: ids });
    refresh();
  },
  onStar: (runId) => api.post({ type: 'toggleStar', runId }),
  onOpen: (runId) => api.post({ type: 'openRun', runId }),
});
const curves = new CurvesPanel((metric) => {
  state.metric = metric;
  refresh();
});

const filterInput = h('input', { className: 'filter', attrs: { type: 'search', placeholder: 'Filter runs (id, status, param=value)', 'aria-label': 'Filter runs' },
  on: { input: () => { state.filter = filterInput.value; refresh(); } } });
filterInput.value = state.filter;
const starredToggle = toggleButton('★ Starred', 'Show only starred runs', () => { state.starredOnly = !state.starredOnly; refresh(); });
const compareToggle = toggleButton('Compare', 'Show only what differs between the selected runs', () => { state.compare = !state.compare; refresh(); });
const chooser = new ColumnChooser((key, shown) => {
  if (key === '*') state.columns = {};
  else if (shown !== null) state.columns[key] = shown;
  refresh();
});
const summary = h('span', { className: 'summary', attrs: { 'aria-live': 'polite' } });
const actions = h('div', { className: 'actions' });
const detail = h('div', { className: 'detail' });
const sweepPanel = new SweepPanel((id) => { state.sweep = id; refresh(); });

const app = document.getElementById('app')!;
replaceChildren(app,
  h('div', { className: 'toolbar', role: 'toolbar' }, filterInput, starredToggle, compareToggle,
    chooser.button, h('button', { title: 'Reload runs from disk', on: { click: () => api.post({ type: 'refresh' }) } }, 'Refresh'), summary),
  chooser.panel, table.element, actions, detail, sweepPanel.element);

function toggleButton(label: string, title: string, onClick: () => void): HTMLButtonElement {
  return h('button', { className: 'toggle', title, attrs: { 'aria-pressed': 'false' }, on: { click: onClick } }, label);
}

function actionButton(label: string, message: ExperimentsFromView): HTMLButtonElement {
  return h('button', { on: { click: () => api.post(message) } }, label);
}

/** Re-renders everything from `runs`, `epochs` and `state`, then saves the state. */
function refresh(): void {
  const candidates = candidateColumns(runs);
  const columns = shownColumns(candidates, state.columns);
  const rows = visibleRows(runs, candidates, state.sort, state.filter, state.starredOnly);
  const known = new Set(runs.map((r) => r.id));
  state.selected = state.selected.filter((id) => known.has(id));
  table.update(rows, columns, state.sort, state.selected, shortRunNames(runs.map((r) => r.id)), Date.now());
  chooser.update(candidates, new Set(columns.map((c) => c.key)));
  starredToggle.setAttribute('aria-pressed', String(state.starredOnly));
  // Compare needs two runs: with fewer it is off, whatever was chosen before.
  const comparing = state.compare && state.selected.length >= 2;
  compareToggle.setAttribute('aria-pressed', String(comparing));
  compareToggle.disabled = state.selected.length < 2;
  compareToggle.title = compareToggle.disabled ? 'Select two or more runs to compare them' : 'Show only what differs between the selected runs';
  summary.textContent = `${rows.length} of ${runs.length} runs${state.selected.length ? `, ${state.selected.length} selected` : ''}`;
  renderActions();
  const selectedRuns = state.selected.map((id) => runs.find((r) => r.id === id)!).filter(Boolean);
  if (comparing) replaceChildren(detail, renderCompare(selectedRuns, state.compareLabels));
  else replaceChildren(detail, curves.element);
  curves.update(selectedRuns, epochs, state.metric, detail.clientWidth || app.clientWidth || 400,
    { key: tableKeyMetric(runs)?.name ?? null, known: candidates.filter((c) => c.kind === 'metric').map((c) => c.field!) });
  const selectedSweep = selectedRuns.find((r) => r.sweepId)?.sweepId ?? null;
  sweepPanel.update(sweeps, state.sweep ?? selectedSweep, app.clientWidth || 400);
  api.saveState(state);
}

function renderActions(): void {
  const one = state.selected.length === 1 ? runs.find((r) => r.id === state.selected[0]) : undefined;
  replaceChildren(actions, ...(one ? [
    actionButton('Open run folder', { type: 'openRun', runId: one.id }),
    actionButton('Reproduce', { type: 'reproduceRun', runId: one.id }),
    // Only a completed run has a model to register.
    one.status === 'completed' ? actionButton('Register model', { type: 'registerRun', runId: one.id }) : null,
  ] : []));
}

api.onMessage((m) => {
  switch (m.type) {
    case 'runs':
      runs = m.runs;
      break;
    case 'runUpdated': {
      const i = runs.findIndex((r) => r.id === m.run.id);
      runs = i >= 0 ? runs.map((r, j) => (j === i ? m.run : r)) : [...runs, m.run];
      break;
    }
    case 'epochs':
      for (const s of m.series) epochs.set(s.runId, s.epochs);
      break;
    case 'epoch': {
      const list = epochs.get(m.runId) ?? [];
      epochs.set(m.runId, [...list.filter((p) => p.epoch !== m.point.epoch), m.point]);
      break;
    }
    case 'compare':
      state.selected = m.runIds;
      state.compare = true;
      state.compareLabels = Object.fromEntries((m.labels ?? []).map((l, i) => [m.runIds[i], l]).filter(([id]) => id !== undefined));
      api.post({ type: 'selectRuns', runIds: m.runIds });
      break;
    case 'sweeps':
      sweeps = m.sweeps;
      break;
    default: {
      const never: never = m;
      void never;
    }
  }
  refresh();
});

window.addEventListener('resize', () => refresh());
// Relative start times age: re-render once a minute.
setInterval(() => table.setNow(Date.now()), 60_000);
api.post({ type: 'ready' });
if (state.selected.length) api.post({ type: 'selectRuns', runIds: state.selected });
table.focus();
