/**
 * `mlops monitor --format text|html`: the summary people read, then the drift report as `mlops drift`
 * renders it.
 */
import { escapeHtml, renderDriftHtml } from '../../drift/report/html';
import { formatNumber, renderDriftText } from '../../drift/report/text';
import type { MonitorReport } from './monitor';

function pct(x: number): string {
  return `${formatNumber(x * 100)}%`;
}

/** The summary as lines (shared by text and HTML). */
export function summaryLines(r: MonitorReport): string[] {
  const lines = [
    `${r.model}: recommendation ${r.recommendation.toUpperCase()}${r.reasons.length ? ` (${r.reasons.join('; ')})` : ''}`,
    `window: ${r.window.from ?? '-'} to ${r.window.to ?? '-'}, ${r.window.requests} logged requests, ${r.window.rows} rows${r.window.since ? ` (since ${r.window.since})` : ''}`,
    `versions: ${r.versions.map((v) => `v${v.version} ${v.requests} requests (${v.from} to ${v.to})`).join('; ') || 'none'}`,
  ];
  if (r.latency) lines.push(`latency: p50 ${formatNumber(r.latency.p50Ms)} ms, p90 ${formatNumber(r.latency.p90Ms)} ms, p99 ${formatNumber(r.latency.p99Ms)} ms, max ${formatNumber(r.latency.maxMs)} ms`);
  lines.push(`errors: ${r.errors.total} (${pct(r.errors.rate)})${r.errors.total ? `: ${Object.entries(r.errors.byReason).map(([k, n]) => `${k} ${n}`).join(', ')}` : ''}`);
  if (r.shadow) {
    for (const p of r.shadow.pairs) {
      lines.push(`shadow v${p.shadowVersion} beside v${p.version}: ${p.rows} rows, label agreement ${p.agreement === null ? 'n/a' : pct(p.agreement)}, mean |difference| ${p.meanAbsDiff === null ? 'n/a' : formatNumber(p.meanAbsDiff)}`);
    }
  }
  const pd = r.predictionDrift;
  if (pd) lines.push(`prediction drift (v${pd.version} vs its validation predictions): ${pd.method} ${formatNumber(pd.statistic)} (threshold ${pd.threshold}) ${pd.drifted ? 'DRIFTED' : 'ok'}; mean ${formatNumber(pd.reference.mean)} -> ${formatNumber(pd.current.mean)}`);
  const q = r.quality;
  if (q) {
    const metrics = Object.entries(q.metrics).map(([k, v]) => `${k} ${formatNumber(v)}`).join(', ');
    const gates = q.gates.map((g) => `${g.metric} ${g.condition} ${g.passed ? 'passed' : 'FAILED'}`).join(', ');
    lines.push(`quality (v${q.version} on ${q.data.path}, ${q.data.rows} labelled rows): ${metrics}${gates ? `; gates: ${gates}` : ''}`);
  }
  if (r.drift) lines.push(`input drift (v${r.servingVersion}'s training data vs logged inputs): ${r.drift.drifted} of ${r.drift.compared} features drifted, ${r.drift.datasetDrift ? 'DATASET DRIFT' : 'no dataset drift'}`);
  for (const n of r.notes) lines.push(`note: ${n}`);
  return lines;
}

export function renderMonitorText(r: MonitorReport): string {
  return `${summaryLines(r).join('\n')}\n${r.drift ? `\n${renderDriftText(r.drift)}` : ''}`;
}

export function renderMonitorHtml(r: MonitorReport): string {
  const summary = `<h1>Monitoring: ${escapeHtml(r.model)}</h1>\n<ul>${summaryLines(r).map((l) => `<li>${escapeHtml(l)}</li>`).join('')}</ul>\n`;
  if (!r.drift) {
    return `<!doctype html>\n<html lang="en"><head><meta charset="utf-8"><meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'"><title>Monitoring</title></head><body>\n${summary}</body></html>\n`;
  }
  const html = renderDriftHtml(r.drift);
  const at = html.indexOf('<body>') + '<body>'.length;
  return `${html.slice(0, at)}\n${summary}${html.slice(at)}`;
}
