/**
 * The one reader of pipeline spec files (a hardened read: regular files only, size-capped), in three
 * forms: the summary (summary.ts: what a command line or the registry needs, never validated), the
 * runnable spec (syntax and schema checked once, after any --set overrides, so nothing runs on a spec
 * the editor would underline) and the checked spec (the editor's whole validation, for `mlops run`).
 * The language server validates open documents itself (pipeline/validate.ts over its own parse).
 */
import { dirname, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { Diagnostic } from 'vscode-languageserver-types';
import { severityName } from '../diagnostics';
import { diskHost } from '../host';
import { readTextFile } from '../textFile';
import { hashText } from '../tracking/provenance';
import { syntaxDiagnostics } from '../validation/syntax';
import { parseYaml } from '../yaml/parse';
import { validateAgainstSchema } from './schema';
import { schemaDiagnostics } from './schemaErrors';
import type { SpecAnalysis } from './analysis';
import type { PipelineSpec } from './spec';
import { summarizeSpec, type SpecSummary } from './summary';
import { validatePipeline } from './validate';

/** A spec file that cannot be read, or cannot be run as written; the message names the file (and line, column). */
export class SpecFileError extends Error {}

/** `path:line:col: severity code message` (1-based), the CLI's one-line form of a diagnostic. */
export function formatDiagnostic(path: string, d: Diagnostic): string {
  return `${path}:${d.range.start.line + 1}:${d.range.start.character + 1}: ${severityName(d.severity)} ${String(d.code ?? '')} ${d.message}`;
}

function readSpecText(path: string, shown = path): { abs: string; text: string } {
  const abs = resolve(path);
  const read = readTextFile(abs);
  if ('error' in read) throw new SpecFileError(`${shown}: cannot read the spec: it ${read.error}`);
  return { abs, text: read.text };
}

/**
 * Reads a spec file's summary (summary.ts: parsed, not validated). Throws SpecFileError naming the file
 * when it cannot be read, an Error naming it when it is not readable YAML.
 */
export function readSpecSummary(path: string): SpecSummary {
  const { abs, text } = readSpecText(path);
  return summarizeSpec(abs, text);
}

/** A spec ready to run: its text (and hash, recorded with each run) and its value after overrides. */
export interface RunnableSpec {
  path: string;
  text: string;
  hash: string;
  spec: PipelineSpec;
}

export interface RunnableOptions {
  /** The path as the user wrote it, for messages (default: `path`). */
  shown?: string;
  /** Changes the value before its schema check (`--set` overrides); may throw its own errors. */
  override?: (spec: PipelineSpec) => PipelineSpec;
}

/**
 * Reads a spec for a command that runs it (train, sweep, drift, the demo). Syntax errors, then schema
 * errors of the spec after `override` (checked once), stop it with each problem's line and column as
 * the editor shows them. Semantic findings are left to the command, which reports them with the data
 * it reads. Throws SpecFileError naming the file.
 */
export function loadRunnableSpec(path: string, o: RunnableOptions = {}): RunnableSpec {
  const shown = o.shown ?? path;
  const { abs, text } = readSpecText(path);
  const parsed = parseYaml(text);
  const syntax = syntaxDiagnostics(parsed, 'pipeline spec').filter(isError);
  const written = parsed.root ? parsed.value : {};
  // Overrides apply to a readable mapping only; anything else is refused below as written.
  const value = o.override && syntax.length === 0 && isMapping(written) ? o.override(written as unknown as PipelineSpec) : written;
  refuseBroken(shown, [...syntax, ...schemaDiagnostics(validateAgainstSchema(value), parsed.root).filter(isError)]);
  const spec = value as PipelineSpec;
  return { path: abs, text, hash: hashText(text), spec };
}

const isMapping = (v: unknown): boolean => !!v && typeof v === 'object' && !Array.isArray(v);
const isError = (d: Diagnostic) => severityName(d.severity) === 'error';

function refuseBroken(shown: string, blocking: Diagnostic[]): void {
  const n = blocking.length;
  if (n === 0) return;
  const listed = blocking.slice(0, 5).map((d) => formatDiagnostic(shown, d)).join('\n');
  const more = n > 5 ? `\n(and ${n - 5} more)` : '';
  throw new SpecFileError(`${shown}: the spec has ${n} error${n === 1 ? '' : 's'}; fix ${n === 1 ? 'it' : 'them'} first (mlops validate shows every problem):\n${listed}${more}`);
}

/** A spec with every diagnostic the editor shows for it (syntax, schema, rules) and the analysis behind them. */
export interface CheckedSpec {
  path: string;
  text: string;
  diagnostics: Diagnostic[];
  analysis: SpecAnalysis;
}

/**
 * Reads a spec and runs the editor's whole validation on it, for commands that act on the rules'
 * verdicts (`mlops run` refuses cycles and unknown stages). Throws SpecFileError naming `shown` when unreadable.
 */
export function loadCheckedSpec(path: string, shown = path): CheckedSpec {
  const { abs, text } = readSpecText(path, shown);
  const { diagnostics, analysis } = validatePipeline({ uri: pathToFileURL(abs).toString(), path: abs, text, version: 0 }, parseYaml(text), diskHost([dirname(abs)]));
  return { path: abs, text, diagnostics, analysis };
}
