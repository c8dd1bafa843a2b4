import { relative, sep } from 'node:path';
import type { Diagnostic } from 'vscode-languageserver-types';
import { severityName } from '../core/diagnostics';
import type { FileDiagnostics } from '../core/validation/validateFiles';
import { formatDiagnostic } from '../core/pipeline/load';

const posix = (p: string) => p.split(sep).join('/');

/** The `mlops validate --format json` document. */
export function validateJson(results: FileDiagnostics[], cwd: string) {
  const files = results.map((r) => ({
    path: posix(relative(cwd, r.path)),
    diagnostics: r.diagnostics.map((d) => ({ range: d.range, severity: severityName(d.severity), code: String(d.code ?? ''), message: d.message })),
  }));
  const all = files.flatMap((f) => f.diagnostics);
  return { files, errorCount: all.filter((d) => d.severity === 'error').length, warningCount: all.filter((d) => d.severity === 'warning').length };
}

/** `path:line:col: severity code message`, 1-based, one line each. */
export function validateText(results: FileDiagnostics[], cwd: string): string {
  return results.flatMap((r) => r.diagnostics.map((d: Diagnostic) => formatDiagnostic(posix(relative(cwd, r.path)), d))).join('\n');
}

const LEVEL = { error: 'error', warning: 'warning', information: 'note', hint: 'note' } as const;

/** SARIF 2.1.0 for code-scanning upload. */
export function validateSarif(results: FileDiagnostics[], cwd: string, version: string) {
  const codes = [...new Set(results.flatMap((r) => r.diagnostics.map((d) => String(d.code ?? ''))))].sort();
  return {
    $schema: 'https://json.schemastore.org/sarif-2.1.0.json',
    version: '2.1.0',
    runs: [{
      tool: { driver: { name: 'mlops', informationUri: 'https://github.com/mlops-workbench', version, rules: codes.map((id) => ({ id, shortDescription: { text: id } })) } },
      results: results.flatMap((r) => r.diagnostics.map((d) => ({
        ruleId: String(d.code ?? ''),
        level: LEVEL[severityName(d.severity)],
        message: { text: d.message },
        locations: [{ physicalLocation: {
          artifactLocation: { uri: posix(relative(cwd, r.path)) },
          region: { startLine: d.range.start.line + 1, startColumn: d.range.start.character + 1, endLine: d.range.end.line + 1, endColumn: d.range.end.character + 1 },
        } }],
      }))),
    }],
  };
}
