// The drift report as one self-contained HTML file: inline CSS and server-drawn SVG histograms, no
// script and no external resource (the CSP forbids any), so it opens offline and stays small: it
// holds histogram counts, never rows. Every string from the data is escaped.
import type { CategoricalHistogram, DriftReport, FeatureDrift, Histogram, NumericHistogram } from '../model';
import { allNullLine, formatNumber, statisticCell } from './text';

/** Escapes text for HTML element content and attribute values. */
export function escapeHtml(s: string): string {
  return s.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);
}

const CSS = `body{font:14px/1.45 system-ui,sans-serif;margin:2rem;color:#1b1f24;max-width:1100px}
h1{font-size:1.4rem}table{border-collapse:collapse;margin:1rem 0}th,td{padding:.25rem .6rem;border-bottom:1px solid #ddd;text-align:right}
th:nth-child(-n+3),td:nth-child(-n+3){text-align:left}.drift{color:#b42318;font-weight:600}.skip{color:#6b7280}
.verdict{padding:.6rem 1rem;border-radius:6px;display:inline-block;font-weight:600}.yes{background:#fee4e2}.no{background:#dcfae6}
.none{background:#eee}section{display:inline-block;vertical-align:top;margin:0 1.5rem 1.5rem 0}section h3{font-size:1rem;margin:.2rem 0}
.legend span{display:inline-block;width:.8rem;height:.8rem;margin:0 .3rem 0 .8rem;vertical-align:middle}
.ref{fill:#4e79a7;background:#4e79a7}.cur{fill:#f28e2b;background:#f28e2b}small{color:#6b7280}`;

const W = 340;
const H = 110;

function proportions(counts: number[], extra = 0): number[] {
  const total = counts.reduce((a, b) => a + b, 0) + extra;
  return counts.map((c) => (total > 0 ? c / total : 0));
}

/** Paired bars (reference, current) per bin, heights as shares of each sample. */
function bars(labels: string[], ref: number[], cur: number[]): string {
  const max = Math.max(1e-12, ...ref, ...cur);
  const slot = W / Math.max(1, labels.length);
  const bar = Math.max(1, slot / 2 - 1);
  const rect = (x: number, p: number, cls: string, label: string) => {
    const h = (p / max) * (H - 4);
    return `<rect class="${cls}" x="${x.toFixed(1)}" y="${(H - h).toFixed(1)}" width="${bar.toFixed(1)}" height="${h.toFixed(1)}"><title>${escapeHtml(label)}: ${formatNumber(p * 100)}%</title></rect>`;
  };
  return labels.map((l, i) => rect(i * slot, ref[i]!, 'ref', `${l} (reference)`) + rect(i * slot + bar + 1, cur[i]!, 'cur', `${l} (current)`)).join('');
}

function numericChart(h: NumericHistogram): string {
  const labels = h.edges.slice(0, -1).map((e, i) => `${formatNumber(e)} to ${formatNumber(h.edges[i + 1])}`);
  const axis = `<text x="0" y="${H + 14}">${formatNumber(h.edges[0])}</text><text x="${W}" y="${H + 14}" text-anchor="end">${formatNumber(h.edges[h.edges.length - 1])}</text>`;
  return svg(bars(labels, proportions(h.reference), proportions(h.current)) + axis);
}

function categoricalChart(h: CategoricalHistogram): string {
  const labels = [...h.categories, ...(h.otherReference + h.otherCurrent > 0 ? ['(other)'] : [])];
  const ref = [...h.reference, ...(labels.length > h.categories.length ? [h.otherReference] : [])];
  const cur = [...h.current, ...(labels.length > h.categories.length ? [h.otherCurrent] : [])];
  const slot = W / Math.max(1, labels.length);
  const names = labels.map((l, i) => `<text x="${(i * slot + slot / 2).toFixed(1)}" y="${H + 14}" text-anchor="middle">${escapeHtml(l.length > 8 ? `${l.slice(0, 7)}…` : l)}</text>`);
  return svg(bars(labels, proportions(ref), proportions(cur)) + (labels.length <= 12 ? names.join('') : ''));
}

function svg(body: string): string {
  return `<svg width="${W}" height="${H + 20}" viewBox="0 0 ${W} ${H + 20}" font-size="10" fill="#444" role="img">${body}</svg>`;
}

function chart(h: Histogram): string {
  return h.type === 'numeric' ? numericChart(h) : categoricalChart(h);
}

function cells(f: FeatureDrift): string {
  const s = f.stats;
  const n = (x: number | null | undefined) => `<td>${formatNumber(x)}</td>`;
  if (f.allNullCurrent) return `<td class="drift" colspan="11">flagged: ${escapeHtml(f.notes[0] ?? '')}</td>`;
  if (f.status === 'skipped') return `<td class="skip" colspan="11">skipped: ${escapeHtml(f.notes[0] ?? '')}</td>`;
  return `<td>${f.method ?? '–'}</td><td>${statisticCell(f)}</td>${n(f.pValue)}${n(f.threshold)}<td class="${f.drifted ? 'drift' : ''}">${f.drifted ? 'DRIFT' : 'no'}</td>`
    + `${n(s.ks?.statistic)}${n(s.wassersteinNormed)}${n(s.psi)}${n(s.jensenShannon)}${n(s.chiSquare?.pValue)}`
    + `<td>${s.unseenShare === undefined ? '–' : `${formatNumber(s.unseenShare * 100)}%`}</td>`;
}

function featureTable(report: DriftReport): string {
  const head = ['feature', 'kind', 'test', 'statistic', 'p-value', 'threshold', 'drifted', 'KS D', 'W1 normed', 'PSI', 'JS', 'chi² p', 'unseen'];
  const rows = report.features.map((f) => `<tr><td>${escapeHtml(f.name)}</td><td>${f.kind}</td>${cells(f)}</tr>`);
  return `<table><thead><tr>${head.map((h) => `<th>${h}</th>`).join('')}</tr></thead><tbody>${rows.join('')}</tbody></table>`;
}

function featureSections(report: DriftReport): string {
  return report.features.filter((f) => f.histogram).map((f) => {
    const badge = f.drifted ? ' <span class="drift">DRIFT</span>' : '';
    const notes = f.notes.length > 0 ? `<br><small>${escapeHtml(f.notes.join('; '))}</small>` : '';
    return `<section><h3>${escapeHtml(f.name)}${badge}</h3><small>${f.method ?? 'not tested'} ${statisticCell(f)}</small><br>${chart(f.histogram!)}${notes}</section>`;
  }).join('');
}

function notesList(report: DriftReport): string {
  const items = [...report.features.filter((f) => f.notes.length > 0).map((f) => `<b>${escapeHtml(f.name)}</b>: ${escapeHtml(f.notes.join('; '))}`),
    ...report.notes.map((n) => escapeHtml(n))];
  return items.length > 0 ? `<h2>Notes</h2><ul>${items.map((i) => `<li>${i}</li>`).join('')}</ul>` : '';
}

/** The report as one HTML document (no script, no external resource). */
export function renderDriftHtml(report: DriftReport): string {
  const verdictClass = report.compared === 0 ? 'none' : report.datasetDrift ? 'yes' : 'no';
  const verdict = report.compared === 0 ? 'No verdict: nothing could be compared' : report.datasetDrift ? 'Dataset drift' : 'No dataset drift';
  const side = (label: string, s: DriftReport['reference']) => `${label}: <code>${escapeHtml(s.path)}</code> (${s.rows} rows${s.sampledRows ? `, numeric statistics on a sample of ${s.sampledRows}` : ''})`;
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'">
<title>Drift report</title><style>${CSS}</style></head><body>
<h1>Drift report</h1>
<p>${side('Reference', report.reference)}<br>${side('Current', report.current)}</p>
<p class="verdict ${verdictClass}">${verdict}: ${report.drifted} of ${report.compared} compared features drifted (${formatNumber(report.driftedShare * 100)}%; dataset drift at &ge; ${formatNumber(report.driftShare * 100)}%)</p>
${allNullLine(report) ? `<p class="drift">${escapeHtml(allNullLine(report)!)}</p>` : ''}${report.compat === 'evidently' ? '<p><small>Statistics as Evidently&#39;s DataDriftPreset computes them (compat: evidently).</small></p>' : ''}
${featureTable(report)}
<p class="legend"><span class="ref"></span>reference<span class="cur"></span>current <small>(bars: share of each sample per bin)</small></p>
${featureSections(report)}
${notesList(report)}
</body></html>
`;
}
