/**
 * Small wrappers over uPlot (bundled, no CDN) with VS Code theme colours: line curves per series and
 * grouped histogram bars. Series labels come from data; uPlot writes them with textContent.
 */
import uPlot from 'uplot';
import 'uplot/dist/uPlot.min.css';
import { themeColor } from './dom';

const PALETTE = ['--vscode-charts-blue', '--vscode-charts-orange', '--vscode-charts-green', '--vscode-charts-purple',
  '--vscode-charts-red', '--vscode-charts-yellow'];
const FALLBACK = ['#3794ff', '#d18616', '#89d185', '#b180d7', '#f14c4c', '#cca700'];

/** The i-th series colour of the current theme. */
export function seriesColor(i: number): string {
  return themeColor(PALETTE[i % PALETTE.length]!, FALLBACK[i % FALLBACK.length]!);
}

/** A #rrggbb colour at 60% opacity; other colour syntaxes are used as they are. */
function translucent(color: string): string {
  return /^#[0-9a-f]{6}$/i.test(color) ? `${color}99` : color;
}

function axis(): uPlot.Axis {
  const fg = themeColor('--vscode-foreground', '#888');
  const grid = themeColor('--vscode-editorWidget-border', 'rgba(128,128,128,0.25)');
  return { stroke: fg, grid: { stroke: grid, width: 1 }, ticks: { stroke: grid, width: 1 } };
}

export interface LineSeries {
  label: string;
  /** y per x (null where the series has no point). */
  values: Array<number | null>;
}

/** Draws (or redraws) a line chart into `host`; returns the chart so the caller can destroy it. */
export function lineChart(host: HTMLElement, xLabel: string, xs: number[], series: LineSeries[], width: number, height = 200): uPlot {
  const opts: uPlot.Options = {
    width,
    height,
    scales: { x: { time: false } },
    axes: [{ ...axis(), label: xLabel }, axis()],
    series: [{ label: xLabel }, ...series.map((s, i): uPlot.Series => ({
      label: s.label, stroke: seriesColor(i), width: 1.5, spanGaps: true, points: { show: xs.length < 40 },
    }))],
    legend: { live: true },
  };
  return new uPlot(opts, [xs, ...series.map((s) => s.values)] as uPlot.AlignedData, host);
}

/** The value axis of a bar chart: from 0 to a little above the tallest bar (1 when every bar is 0). */
export function zeroBasedRange(max: number | null): [number, number] {
  return [0, max !== null && Number.isFinite(max) && max > 0 ? max * 1.05 : 1];
}

/** Grouped bars of two distributions (reference vs current) over bins labelled `labels`. */
export function barsChart(host: HTMLElement, labels: string[], series: LineSeries[], width: number, height = 180): uPlot {
  const xs = labels.map((_, i) => i);
  const bars = uPlot.paths.bars!;
  const n = series.length;
  const opts: uPlot.Options = {
    width,
    height,
    // A bar's length is its value only when the value axis starts at 0: uPlot would fit the axis to the
    // data (0.17..0.45 for three categories), making the smallest bars look empty.
    scales: { x: { time: false, range: [-0.5, labels.length - 0.5] }, y: { range: (_u, _min, max) => zeroBasedRange(max) } },
    axes: [{ ...axis(), values: (_u, ticks) => ticks.map((t) => labels[t] ?? ''), space: 40 }, axis()],
    series: [{ label: 'bin', value: (_u, v) => (v === null ? '—' : labels[v] ?? '') }, ...series.map((s, i): uPlot.Series => ({
      label: s.label,
      stroke: seriesColor(i),
      fill: translucent(seriesColor(i)),
      width: 1,
      paths: bars({ size: [0.8 / n, Infinity], align: i === 0 ? -1 : 1 }),
      points: { show: false },
    }))],
    legend: { live: true },
    cursor: { drag: { x: false, y: false } },
  };
  return new uPlot(opts, [xs, ...series.map((s) => s.values)] as uPlot.AlignedData, host);
}
