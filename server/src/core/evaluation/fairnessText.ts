/** Fairness reports as people read them: Markdown for model cards, plain text for `mlops evaluate`. */
import type { FairnessReport } from './fairness';

function num(v: number | null | undefined): string {
  if (v === null || v === undefined) return 'n/a';
  return Number.isInteger(v) ? String(v) : String(Number(v.toFixed(4)));
}

function groupName(value: string | number | null): string {
  return value === null ? '(missing)' : String(value);
}

// Pipes would end a Markdown table cell.
const cell = (text: string) => text.replace(/\|/g, '\\|');

/** The card's Fairness section: the summary, then one table of groups per sensitive column. Empty without a report. */
export function fairnessLines(report: FairnessReport | null): string[] {
  if (!report) return [];
  const summaryKeys = Object.keys(report.summary);
  const lines = [
    `Measured on the validation rows; sensitive columns: ${report.sensitive.map((c) => `\`${c}\``).join(', ')}. Null (n/a) values are undefined for the group and left out of the gaps.`,
    '',
    `| metric | worst | ${report.sensitive.map(cell).join(' | ')} |`,
    `|---|---|${report.sensitive.map(() => '---').join('|')}|`,
    ...summaryKeys.map((k) => `| ${k} | ${num(report.summary[k])} | ${report.sensitive.map((c) => num(report.byColumn[c]?.[k])).join(' | ')} |`),
  ];
  for (const column of report.sensitive) {
    const groups = report.groups.filter((g) => g.column === column);
    const keys = Object.keys(groups[0]?.metrics ?? {});
    lines.push('', `\`${cell(column)}\`:`, '', `| group | n | ${keys.join(' | ')} |`, `|---|---|${keys.map(() => '---').join('|')}|`);
    for (const g of groups) lines.push(`| ${cell(groupName(g.value))} | ${g.n} | ${keys.map((k) => num(g.metrics[k])).join(' | ')} |`);
  }
  return lines;
}

/** Plain-text lines for a terminal: summary per column, then the groups. */
export function fairnessText(report: FairnessReport): string[] {
  const lines = ['fairness:'];
  for (const [k, v] of Object.entries(report.summary)) lines.push(`  ${k}: ${num(v)}`);
  for (const column of report.sensitive) {
    lines.push(`  ${column}:`);
    for (const g of report.groups.filter((x) => x.column === column)) {
      lines.push(`    ${groupName(g.value)} (n=${g.n}): ${Object.entries(g.metrics).map(([k, v]) => `${k} ${num(v)}`).join(', ')}`);
    }
  }
  return lines;
}
