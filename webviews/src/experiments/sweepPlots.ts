/**
 * The sweep plots of the Experiments view, from a sweep record: a parallel-coordinates plot (one axis
 * per searched parameter, then the sweep metric; one line per trial, pruned trials dashed and coloured
 * apart at their last reported value, the best trial drawn bold) and the parameter-importance bars
 * (method in importance.ts). SVG built with createElementNS and text nodes only.
 */
import type { Scalar, SweepRecord, SweepTrial } from '../protocol';
import { formatNumber, h, replaceChildren } from '../shared/dom';
import { parameterImportance, sweepParams, MIN_TRIALS } from './importance';
import { shortParamNames } from './names';

const SVG = 'http://www.w3.org/2000/svg';
const HEIGHT = 220;
const MARGIN = { top: 28, bottom: 24, left: 36, right: 44 };

function svg<K extends keyof SVGElementTagNameMap>(tag: K, attrs: Record<string, string | number>, ...children: Array<SVGElement | string>): SVGElementTagNameMap[K] {
  const el = document.createElementNS(SVG, tag);
  for (const [k, v] of Object.entries(attrs)) el.setAttribute(k, String(v));
  for (const c of children) el.append(typeof c === 'string' ? document.createTextNode(c) : c);
  return el;
}

/** Maps a value of one axis to [0, 1] (0 at the bottom). */
type AxisScale = { fraction(v: Scalar): number | null; ticks: Array<[string, number]> };

function axisScale(values: Scalar[], logHint: boolean): AxisScale {
  const nums = values.filter((v): v is number => typeof v === 'number' && Number.isFinite(v));
  if (nums.length === values.filter((v) => v !== null).length && nums.length > 0) {
    const lo = Math.min(...nums);
    const hi = Math.max(...nums);
    const log = lo > 0 && (logHint || hi / lo >= 50);
    const t = (v: number) => (log ? Math.log(v) : v);
    const span = t(hi) - t(lo);
    const fraction = (v: Scalar) => (typeof v === 'number' ? (span === 0 ? 0.5 : (t(v) - t(lo)) / span) : null);
    return { fraction, ticks: lo === hi ? [[formatNumber(lo), 0.5]] : [[formatNumber(lo), 0], [formatNumber(hi), 1]] };
  }
  const cats = [...new Set(values.filter((v) => v !== null).map(String))].sort();
  const fraction = (v: Scalar) => (v === null ? null : cats.length === 1 ? 0.5 : cats.indexOf(String(v)) / (cats.length - 1));
  return { fraction, ticks: cats.map((c) => [c, fraction(c)!]) };
}

/** The value a trial ends at on the metric axis: its final value, or a pruned trial's last report. */
export function endValue(t: SweepTrial): number | null {
  if (t.status === 'completed') return t.value;
  if (t.status === 'pruned') return t.value ?? t.intermediate[t.intermediate.length - 1]?.value ?? null;
  return null;
}

function trialTitle(t: SweepTrial, params: string[], metric: string): string {
  const state = t.status === 'pruned' ? ` (pruned after epoch ${t.intermediate[t.intermediate.length - 1]?.epoch ?? '?'})` : '';
  return `trial ${t.number}${state}: ${params.map((p) => `${p}=${String(t.params[p])}`).join(', ')} → ${metric} ${formatNumber(endValue(t), 6)}`;
}

/** The parallel-coordinates plot of a sweep's trials. */
export function parallelCoordinates(sweep: SweepRecord, width: number): SVGSVGElement {
  const params = sweepParams(sweep);
  const short = shortParamNames(params);
  const drawn = sweep.trials.filter((t) => endValue(t) !== null);
  const axes = [...params.map((p) => ({ name: p, label: short.get(p)!, scale: axisScale(drawn.map((t) => t.params[p] ?? null), isLogSpace(sweep.parameters[p])), get: (t: SweepTrial) => t.params[p] ?? null })),
    { name: sweep.metric, label: sweep.metric, scale: axisScale(drawn.map(endValue), false), get: endValue }];
  const plotW = width - MARGIN.left - MARGIN.right;
  const x = (i: number) => MARGIN.left + (axes.length === 1 ? plotW / 2 : (i * plotW) / (axes.length - 1));
  const y = (f: number) => MARGIN.top + (1 - f) * (HEIGHT - MARGIN.top - MARGIN.bottom);
  const root = svg('svg', { class: 'parallel', width, height: HEIGHT, viewBox: `0 0 ${width} ${HEIGHT}`, role: 'img',
    'aria-label': `Parallel coordinates of sweep ${sweep.id}: ${params.join(', ')} against ${sweep.metric}` });
  // Completed first, pruned over them, the best trial last (on top).
  const order = (t: SweepTrial) => (t.number === sweep.best?.number ? 2 : t.status === 'pruned' ? 1 : 0);
  for (const t of [...drawn].sort((a, b) => order(a) - order(b))) {
    const points = axes.map((a, i) => { const f = a.scale.fraction(a.get(t)); return f === null ? null : `${x(i)},${y(f)}`; });
    const cls = `trial ${t.status}${t.number === sweep.best?.number ? ' best' : ''}`;
    root.append(svg('polyline', { class: cls, points: points.filter(Boolean).join(' '), 'data-trial': t.number }, svg('title', {}, trialTitle(t, params, sweep.metric))));
  }
  axes.forEach((a, i) => {
    const g = svg('g', { class: `axis${i === axes.length - 1 ? ' metric' : ''}`, 'data-axis': a.name },
      svg('line', { x1: x(i), x2: x(i), y1: y(0), y2: y(1) }),
      svg('text', { x: x(i), y: MARGIN.top - 12, 'text-anchor': i === 0 ? 'start' : i === axes.length - 1 ? 'end' : 'middle', class: 'label' }, a.label, svg('title', {}, a.name)));
    for (const [text, f] of a.scale.ticks) g.append(svg('text', { x: x(i) + 3, y: y(f) + 4, class: 'tick' }, text));
    root.append(g);
  });
  return root;
}

function isLogSpace(space: unknown): boolean {
  return typeof space === 'object' && space !== null && (space as { scale?: unknown }).scale === 'log';
}

/** The importance bars with the method named, or why there are none. */
export function importanceChart(sweep: SweepRecord): HTMLElement {
  const rows = parameterImportance(sweep);
  const method = 'Share of the variance of the final metric over the completed trials explained by each parameter alone ' +
    '(η², a first-order fANOVA-style decomposition; numbers in up to 4 equal-count bins). Pruned and failed trials are left out.';
  if (rows.length === 0) {
    return h('div', { className: 'importance' }, h('p', { className: 'note' }, `Parameter importance needs ${MIN_TRIALS} or more completed trials.`));
  }
  return h('div', { className: 'importance', attrs: { 'aria-label': 'Parameter importance' } },
    h('p', { className: 'note', title: method }, 'Parameter importance (η², share of variance)'),
    ...rows.map((r) => {
      const bar = h('span', { className: 'bar' });
      bar.style.width = `${Math.round(r.share * 100)}%`;
      return h('div', { className: 'importance-row', title: `${r.param}: ${(r.share * 100).toFixed(1)}% over ${r.bins} bins`, attrs: { 'data-param': r.param } },
        h('span', { className: 'param' }, r.param), h('span', { className: 'track' }, bar), h('span', { className: 'share' }, `${Math.round(r.share * 100)}%`));
    }),
    h('p', { className: 'note method' }, method));
}

/** The sweep section: a sweep picker, the caption, both plots. */
export class SweepPanel {
  readonly element = h('section', { className: 'sweep', attrs: { 'aria-label': 'Sweep' } });
  private readonly select = h('select', { attrs: { 'aria-label': 'Sweep' } });

  constructor(private readonly onPick: (id: string) => void) {
    this.select.addEventListener('change', () => this.onPick(this.select.value));
  }

  /** Draws the chosen sweep (`chosen` null: the newest); hidden without sweeps. */
  update(sweeps: SweepRecord[], chosen: string | null, width: number): void {
    this.element.hidden = sweeps.length === 0;
    const sweep = sweeps.find((s) => s.id === chosen) ?? sweeps[0];
    if (!sweep) return void replaceChildren(this.element);
    replaceChildren(this.select, ...sweeps.map((s) => {
      const o = h('option', {}, `${s.id} (${s.strategy}, ${s.trials.length} trials, ${s.status})`);
      o.value = s.id;
      o.selected = s.id === sweep.id;
      return o;
    }));
    const count = (st: string) => sweep.trials.filter((t) => t.status === st).length;
    const caption = `${count('completed')} completed, ${count('pruned')} pruned (dashed, at their last reported ${sweep.metric}), ` +
      `${sweep.trials.length - count('completed') - count('pruned')} without a value; ${sweep.goal === 'maximize' ? 'higher' : 'lower'} ${sweep.metric} is better` +
      `${sweep.best ? `; best: trial ${sweep.best.number} (${formatNumber(sweep.best.value, 6)}, bold)` : ''}.`;
    replaceChildren(this.element, h('label', { className: 'sweep-picker' }, 'Sweep ', this.select),
      h('p', { className: 'note caption' }, caption), parallelCoordinates(sweep, Math.max(260, width - 16)), importanceChart(sweep));
  }
}
