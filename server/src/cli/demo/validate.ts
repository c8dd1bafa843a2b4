import { relative } from 'node:path';
import { severityName } from '../../core/diagnostics';
import { expandPaths, validateFilesPrepared } from '../../core/validation/validateFiles';
import type { DemoStep } from './step';

/** Validates every spec and contract of the workspace and prints a table of files and findings. */
export const validateStep: DemoStep = {
  title: 'Validate pipeline specs and data contracts',
  async run(workspace, io) {
    const { files } = expandPaths(workspace, ['.']);
    const { results } = await validateFilesPrepared(files, [workspace]);
    const rows = results.map((r) => {
      const sev = r.diagnostics.map((d) => severityName(d.severity));
      return [relative(workspace, r.path), String(sev.filter((s) => s === 'error').length), String(sev.filter((s) => s === 'warning').length)];
    });
    const head = ['file', 'errors', 'warnings'];
    const widths = head.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i]!.length)));
    const line = (cells: string[]) => cells.map((c, i) => c.padEnd(widths[i]!)).join('  ');
    io.out([line(head), line(widths.map((w) => '-'.repeat(w))), ...rows.map(line)].join('\n') + '\n');
    for (const r of results) {
      for (const d of r.diagnostics) io.out(`  ${relative(workspace, r.path)}:${d.range.start.line + 1}:${d.range.start.character + 1} ${severityName(d.severity)} ${String(d.code)} ${d.message}\n`);
    }
    return results.every((r) => r.diagnostics.every((d) => severityName(d.severity) !== 'error'));
  },
};
