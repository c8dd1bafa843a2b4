/** Per-epoch curves of the selected runs for one chosen metric. */
import type uPlot from 'uplot';
import type { EpochPoint, RunRow } from '../protocol';
import { lineChart } from '../shared/chart';
import { h, onThemeChange, replaceChildren } from '../shared/dom';

const MAX_RUNS = 8;

export class CurvesPanel {
  readonly element = h('section', { className: 'curves', attrs: { 'aria-label': 'Per-epoch curves' } });
  private readonly select = h('select', { attrs: { 'aria-label': 'Metric' } });
  private readonly plot = h('div', { className: 'plot' });
  private readonly note = h('p', { className: 'note' });
  private chart: uPlot | null = null;
  private last: (() => void) | null = null;

  constructor(onMetric: (metric: string) => void) {
    this.select.addEventListener('change', () => onMetric(this.select.value));
    replaceChildren(this.element, h('label', { className: 'metric-picker' }, 'Metric ', this.select), this.note, this.plot);
    onThemeChange(() => this.last?.());
  }

  /**
   * Redraws for the selected runs. `metric` null picks the table's key metric (the sweep or gate metric),
   * then val_loss, then loss, then the first one. With no epochs yet the picker offers the table's
   * metrics (`known`), so it is never empty while there are runs.
   */
  update(runs: RunRow[], epochs: Map<string, EpochPoint[]>, metric: string | null, width: number,
    defaults: { key: string | null; known: string[] }): void {
    this.last = () => this.update(runs, epochs, metric, width, defaults);
    const shown = runs.slice(0, MAX_RUNS).filter((r) => epochs.has(r.id));
    const fromEpochs = [...new Set(shown.flatMap((r) => epochs.get(r.id)!.flatMap((p) => Object.keys(p.metrics))))].sort();
    const names = fromEpochs.length ? fromEpochs : [...defaults.known].sort();
    const chosen = metric && names.includes(metric) ? metric
      : [defaults.key, 'val_loss', 'loss'].find((n) => n !== null && names.includes(n)) ?? names[0] ?? null;
    replaceChildren(this.select, ...names.map((n) => {
      const o = h('option', {}, n);
      o.value = n;
      o.selected = n === chosen;
      return o;
    }));
    this.chart?.destroy();
    this.chart = null;
    replaceChildren(this.plot);
    if (runs.length === 0) return void (this.note.textContent = 'Select runs to see their curves.');
    if (!chosen || fromEpochs.length === 0) return void (this.note.textContent = 'No per-epoch metrics recorded for the selected runs yet.');
    this.note.textContent = runs.length > MAX_RUNS ? `Showing the first ${MAX_RUNS} selected runs.` : '';
    const xs = [...new Set(shown.flatMap((r) => epochs.get(r.id)!.map((p) => p.epoch)))].sort((a, b) => a - b);
    const series = shown.map((r) => {
      const byEpoch = new Map(epochs.get(r.id)!.map((p) => [p.epoch, p.metrics[chosen]]));
      return { label: r.id, values: xs.map((x) => byEpoch.get(x) ?? null) };
    });
    this.chart = lineChart(this.plot, 'epoch', xs, series, Math.max(200, width - 16));
  }
}
