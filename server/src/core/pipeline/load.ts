import { dirname, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { Diagnostic } from 'vscode-languageserver-types';
import { severityName } from '../diagnostics';
import { diskHost } from '../host';
import type { CoreHost } from '../languageService';
import { readTextFile } from '../textFile';
import { parseYaml } from '../yaml/parse';
import type { PipelineSpec } from './spec';
import { validatePipeline } from './validate';

/** A spec read from disk with every diagnostic the editor would show for it. */
export interface LoadedSpec {
  path: string;
  text: string;
  spec: PipelineSpec;
  diagnostics: Diagnostic[];
  /** Diagnostics of error severity. */
  errors: number;
}

/** `path:line:col: severity code message` (1-based), the CLI's one-line form of a diagnostic. */
export function formatDiagnostic(path: string, d: Diagnostic): string {
  return `${path}:${d.range.start.line + 1}:${d.range.start.character + 1}: ${severityName(d.severity)} ${String(d.code ?? '')} ${d.message}`;
}

/**
 * Reads and validates a pipeline spec (syntax, schema and every rule, as the language server does).
 * Throws an Error naming the file when it cannot be read; a broken spec is returned with its diagnostics.
 */
export function loadPipelineSpec(path: string, host: CoreHost = diskHost([dirname(resolve(path))])): LoadedSpec {
  const abs = resolve(path);
  const read = readTextFile(abs);
  if ('error' in read) throw new Error(`${path}: cannot read the spec: it ${read.error}`);
  const text = read.text;
  const parsed = parseYaml(text);
  const { diagnostics } = validatePipeline({ uri: pathToFileURL(abs).toString(), path: abs, text, version: 0 }, parsed, host);
  const spec = (parsed.value && typeof parsed.value === 'object' && !Array.isArray(parsed.value) ? parsed.value : {}) as PipelineSpec;
  return { path: abs, text, spec, diagnostics, errors: diagnostics.filter((d) => severityName(d.severity) === 'error').length };
}

/** Diagnostic codes that make a spec unusable: it cannot be read as the schema says. */
const BLOCKING = new Set(['yaml-syntax', 'schema']);

/**
 * Loads a spec for a command that runs it (train, sweep, drift): syntax or schema errors stop it with
 * each problem's line and column, as the editor shows them. Semantic findings are left to the command,
 * which reports them with the data it reads. `shown` is the path as the user wrote it.
 */
export function loadRunnableSpec(path: string, shown = path): LoadedSpec {
  const loaded = loadPipelineSpec(path);
  const blocking = loaded.diagnostics.filter((d) => BLOCKING.has(String(d.code)) && severityName(d.severity) === 'error');
  if (blocking.length) {
    const listed = blocking.slice(0, 5).map((d) => formatDiagnostic(shown, d)).join('\n');
    const more = blocking.length > 5 ? `\n(and ${blocking.length - 5} more)` : '';
    const n = blocking.length;
    throw new Error(`${shown}: the spec has ${n} error${n === 1 ? '' : 's'}; fix ${n === 1 ? 'it' : 'them'} first (mlops validate shows every problem):\n${listed}${more}`);
  }
  return loaded;
}
