/**
 * Pipeline view: the stage DAG of a spec drawn top to bottom, each stage with its state (up to date,
 * stale and why, running, failed, ...). Clicking a stage opens it in the spec; its ▶ runs it (and what
 * it needs). Below the graph the same states as a list, for screen readers and narrow side bars.
 */
import { connect } from '../api';
import { isPipelineToView, type PipelineFromView, type PipelineStage, type PipelineToView, type StageState } from '../protocol';
import { h, replaceChildren } from '../shared/dom';
import { layoutDag, NODE } from './layout';
import { svg } from './svg';
import './style.css';

const api = connect<PipelineToView, PipelineFromView, Record<string, never>>(isPipelineToView);
let specPath = '';
let stages: PipelineStage[] = [];

const STATE_TEXT: Record<StageState, string> = {
  'up-to-date': 'up to date', stale: 'stale', running: 'running…', ran: 'ran', restored: 'restored from cache',
  skipped: 'up to date', failed: 'failed', cancelled: 'cancelled', 'not-run': 'not run',
};

const summary = h('div', { className: 'summary note', role: 'status', attrs: { 'aria-live': 'polite' } });
const graph = h('div', { className: 'graph' });
const list = h('ul', { className: 'states', attrs: { 'aria-label': 'Stage states' } });
replaceChildren(document.getElementById('app')!,
  h('div', { className: 'toolbar', role: 'toolbar' },
    h('button', { title: 'Run the stale stages (MLOps: Run Pipeline)', on: { click: () => api.post({ type: 'run' }) } }, 'Run Pipeline'),
    h('button', { title: 'Read the state again', on: { click: () => api.post({ type: 'refresh' }) } }, 'Refresh')),
  summary, graph, list);

/** The state line of a stage: what it is, and the first reason (all reasons are in the tooltip and the list). */
function detail(s: PipelineStage): string {
  const first = s.reasons[0];
  return s.state === 'stale' && first ? `stale: ${first}${s.reasons.length > 1 ? ` (+${s.reasons.length - 1})` : ''}`
    : s.state === 'failed' && first ? `failed: ${first}` : STATE_TEXT[s.state];
}

/** Cuts a text to what fits a node (SVG text does not wrap); the full text stays in the tooltip. */
function fit(text: string, chars: number): string {
  return text.length > chars ? `${text.slice(0, chars - 1)}…` : text;
}

function stageNode(s: PipelineStage, x: number, y: number): SVGGElement {
  const open = () => api.post({ type: 'openStage', name: s.name });
  const run = svg('g', { class: 'run-button', role: 'button', tabindex: 0, 'aria-label': `Run ${s.name}` },
    svg('title', {}, `Run ${s.name} and the stages it needs`),
    svg('circle', { class: 'run', cx: NODE.width - 16, cy: 16, r: 10 }),
    svg('path', { class: 'run-icon', d: `M ${NODE.width - 19} 11 L ${NODE.width - 11} 16 L ${NODE.width - 19} 21 Z` }));
  const runIt = (e: Event) => { e.stopPropagation(); api.post({ type: 'run', stage: s.name }); };
  run.addEventListener('click', runIt);
  run.addEventListener('keydown', (e) => { if (e.key === 'Enter' || e.key === ' ') { e.preventDefault(); runIt(e); } });
  const g = svg('g', { class: `stage state-${s.state}`, transform: `translate(${x} ${y})`, role: 'button', tabindex: 0, 'data-stage': s.name,
    'aria-label': `${s.name}: ${detail(s)}. Open in the spec` },
  svg('title', {}, [`${s.name} (${s.kind})`, STATE_TEXT[s.state], ...s.reasons].join('\n')),
  svg('rect', { class: 'box', width: NODE.width, height: NODE.height, rx: 4 }),
  svg('rect', { class: 'bar', width: 5, height: NODE.height, rx: 2 }),
  svg('text', { class: 'name', x: 12, y: 18 }, fit(s.name, 20)),
  svg('text', { class: 'kind', x: 12, y: 33 }, s.kind === 'cmd' ? 'command' : `uses: ${s.kind}`),
  svg('text', { class: 'detail', x: 12, y: 49 }, fit(detail(s), 27)),
  run);
  g.addEventListener('click', open);
  g.addEventListener('keydown', (e) => { if (e.target === g && (e.key === 'Enter' || e.key === ' ')) { e.preventDefault(); open(); } });
  return g;
}

function renderSummary(): void {
  const stale = stages.filter((s) => s.state === 'stale').length;
  const failed = stages.filter((s) => s.state === 'failed').length;
  const running = stages.filter((s) => s.state === 'running').length;
  summary.className = 'summary note';
  const parts = [`${stages.length} stages`, running ? `${running} running` : '', failed ? `${failed} failed` : '',
    stale ? `${stale} stale` : stages.length ? 'all up to date' : ''].filter(Boolean);
  replaceChildren(summary, stages.length ? `${specPath}: ${parts.join(', ')}` : `${specPath}: this pipeline has no stages.`);
}

function render(): void {
  renderSummary();
  const layout = layoutDag(stages);
  const edges = layout.edges.map((e) => svg('path', { class: 'edge', d: e.path, 'data-from': e.from, 'data-to': e.to, 'marker-end': 'url(#arrow)' }));
  const nodes = stages.map((s) => { const p = layout.nodes.get(s.name)!; return stageNode(s, p.x, p.y); });
  const arrow = svg('marker', { id: 'arrow', viewBox: '0 0 8 8', refX: 8, refY: 4, markerWidth: 7, markerHeight: 7, orient: 'auto' },
    svg('path', { class: 'edge', d: 'M 0 0 L 8 4 L 0 8' }));
  replaceChildren(graph, svg('svg', { width: layout.width, height: layout.height, role: 'img', 'aria-label': `Stage graph of ${specPath}` },
    svg('defs', {}, arrow), ...edges, ...nodes));
  replaceChildren(list, ...stages.map((s) => h('li', { attrs: { 'data-stage': s.name } },
    h('strong', {}, s.name), `: ${STATE_TEXT[s.state]}`, s.reasons.length ? ` — ${s.reasons.join(', ')}` : '')));
}

api.onMessage((m) => {
  switch (m.type) {
    case 'pipeline':
      specPath = m.specPath;
      stages = m.stages;
      render();
      break;
    case 'stageState': {
      const s = stages.find((x) => x.name === m.name);
      if (s) { s.state = m.state; s.reasons = m.reasons; render(); }
      break;
    }
    case 'busy':
      summary.className = 'summary note';
      replaceChildren(summary, m.message);
      break;
    case 'error':
      summary.className = 'summary error';
      replaceChildren(summary, m.message);
      break;
    default: {
      const never: never = m;
      void never;
    }
  }
});

replaceChildren(summary, 'Open a pipeline spec, or run "MLOps: Run Pipeline".');
api.post({ type: 'ready' });
