import type { ContractProperty } from '../../contract/model';
import type { SpecAnalysis } from '../analysis';

/** Paths whose values (or, for the `*Keys` set, whose keys) are column names. */
const COLUMN_VALUES = new Set(['features.target', 'features.include', 'features.exclude', 'monitoring.drift.features', 'evaluation.fairness.sensitive']);
const COLUMN_KEYS = new Set(['features.transforms', 'monitoring.drift.perFeature', 'evaluation.fairness.bins']);

export function joinPath(path: ReadonlyArray<string | number>): string {
  return path.filter((s) => typeof s === 'string').join('.');
}

export const holdsColumnValues = (path: ReadonlyArray<string | number>) => COLUMN_VALUES.has(joinPath(path));
export const holdsColumnKeys = (path: ReadonlyArray<string | number>) => COLUMN_KEYS.has(joinPath(path));

/** Markdown describing a contract column: type, description and constraints. */
export function columnMarkdown(p: ContractProperty, schemaName: string): string {
  const facts = [
    p.logicalType && `type \`${p.logicalType}\`${p.physicalType ? ` (physical \`${p.physicalType}\`)` : ''}`,
    p.required && 'required',
    p.unique && 'unique',
    p.primaryKey && 'primary key',
    ...Object.entries(p.options).map(([k, v]) => `${k}: \`${JSON.stringify(v)}\``),
    p.validValues && `valid values: ${p.validValues.map((v) => `\`${String(v)}\``).join(', ')}`,
  ].filter(Boolean);
  return [`**${p.name}** — column of \`${schemaName}\``, p.description ?? '', facts.length ? facts.map((f) => `- ${f}`).join('\n') : '']
    .filter(Boolean).join('\n\n');
}

export function columnsOf(a: SpecAnalysis): ContractProperty[] {
  return a.columns?.schema.properties ?? [];
}
