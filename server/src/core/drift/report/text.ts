// The drift report as a plain-text table: every feature's distances whether it drifted or not, then
// the one verdict and the notes.
import type { DriftReport, FeatureDrift } from '../model';

/** A number for a table cell: 3 significant digits, exponent form for very small or large values, – when absent. */
export function formatNumber(x: number | null | undefined): string {
  if (x === null || x === undefined || !Number.isFinite(x)) return '–';
  if (x === 0) return '0';
  const a = Math.abs(x);
  if (a < 1e-3 || a >= 1e5) return x.toExponential(1);
  return String(Number(x.toPrecision(3)));
}

const HEADER = ['feature', 'kind', 'test', 'statistic', 'p-value', 'threshold', 'drifted', 'KS D', 'W1 normed', 'PSI', 'JS', 'chi2 p', 'unseen'];

/** The deciding statistic for a cell; Evidently's chi-squared is infinite (null in JSON) when a category is unseen. */
export function statisticCell(f: FeatureDrift): string {
  return f.statistic === null && f.method === 'chisquare' && f.stats.chiSquare?.statistic === Infinity ? '∞' : formatNumber(f.statistic);
}

function row(f: FeatureDrift): string[] {
  if (f.allNullCurrent) return [f.name, f.kind, 'all-null', '', '', '', 'FLAG', '', '', '', '', '', ''];
  if (f.status === 'skipped') return [f.name, f.kind, 'skipped', '', '', '', '', '', '', '', '', '', ''];
  const s = f.stats;
  return [
    f.name, f.kind, f.method ?? '–', statisticCell(f), formatNumber(f.pValue), formatNumber(f.threshold),
    f.drifted ? 'DRIFT' : 'no', formatNumber(s.ks?.statistic), formatNumber(s.wassersteinNormed), formatNumber(s.psi),
    formatNumber(s.jensenShannon), formatNumber(s.chiSquare?.pValue),
    s.unseenShare === undefined ? '–' : `${formatNumber(s.unseenShare * 100)}%`,
  ];
}

function table(rows: string[][]): string {
  const widths = rows[0]!.map((_, c) => Math.max(...rows.map((r) => r[c]!.length)));
  return rows.map((r) => r.map((cell, c) => (c < 3 ? cell.padEnd(widths[c]!) : cell.padStart(widths[c]!))).join('  ').trimEnd()).join('\n');
}

function percent(x: number): string {
  return `${formatNumber(x * 100)}%`;
}

function side(label: string, s: DriftReport['reference']): string {
  const sampled = s.sampledRows !== undefined ? `, numeric statistics on a sample of ${s.sampledRows}` : '';
  return `${label} ${s.path} (${s.rows} row${s.rows === 1 ? '' : 's'}${sampled})`;
}

/** The line naming columns that arrived all-null, or undefined when there are none. */
export function allNullLine(report: DriftReport): string | undefined {
  const names = report.allNullCurrent ?? [];
  if (names.length === 0) return undefined;
  return `Flagged apart from the share: ${names.length} column${names.length === 1 ? '' : 's'} with every current value missing (${names.join(', ')})`;
}

/** The report as text: header, one row per feature, the verdict, then per-feature and report notes. */
export function renderDriftText(report: DriftReport): string {
  const compat = report.compat === 'evidently' ? ' [statistics as Evidently\'s DataDriftPreset]' : '';
  const lines = [`Drift: ${side('reference', report.reference)} vs ${side('current', report.current)}${compat}`, ''];
  lines.push(table([HEADER, ...report.features.map(row)]), '');
  const verdict = report.compared === 0 ? 'NO VERDICT (nothing compared)' : report.datasetDrift ? 'DRIFT' : 'no drift';
  lines.push(`Dataset: ${verdict}: ${report.drifted} of ${report.compared} compared features drifted (${percent(report.driftedShare)}; dataset drift at >= ${percent(report.driftShare)})`);
  const flagged = allNullLine(report);
  if (flagged) lines.push(flagged);
  const noted = report.features.filter((f) => f.notes.length > 0);
  if (noted.length > 0) lines.push('', 'Notes:', ...noted.map((f) => `  ${f.name}: ${f.notes.join('; ')}`));
  if (report.notes.length > 0) lines.push(...(noted.length > 0 ? [] : ['', 'Notes:']), ...report.notes.map((n) => `  ${n}`));
  return `${lines.join('\n')}\n`;
}
