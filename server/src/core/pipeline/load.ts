/**
 * The one reader of pipeline spec files, in two forms: the summary (what a command line or the
 * registry needs, best effort, never validated) and the runnable spec (syntax and schema checked
 * once, after any --set overrides, so nothing runs on a spec the editor would underline).
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

/** What a command line or the registry needs from a spec: paths resolved against its folder. */
export interface SpecSummary {
  path: string;
  folder: string;
  /** metadata.name, when the spec sets it. */
  name?: string;
  /** Absolute data paths by role (train, current, ...). */
  data: Record<string, { path: string; contract?: string; schema?: string }>;
  registryModel?: string;
  lfsThresholdMB?: number;
  stages: Record<string, { cmd: string }>;
  sweepParallel?: number;
  /** The keys the spec's monitoring.drift sets. */
  driftKeys: string[];
}

const isMapping = (v: unknown): v is Record<string, unknown> => !!v && typeof v === 'object' && !Array.isArray(v);
const str = (v: unknown) => (typeof v === 'string' ? v : undefined);
const rec = (v: unknown) => (isMapping(v) ? v : {});

/** The summary of a spec's value: only fields of the right type are kept, nothing is validated. */
export function summarizeSpec(path: string, value: unknown): SpecSummary {
  const spec = rec(value);
  const folder = dirname(path);
  const data: SpecSummary['data'] = {};
  for (const [role, ref] of Object.entries(rec(spec.data))) {
    const r = rec(ref);
    const file = str(r.path);
    if (file === undefined) continue;
    const contract = str(r.contract);
    const schema = str(r.schema);
    data[role] = { path: resolve(folder, file), ...(contract !== undefined ? { contract: resolve(folder, contract) } : {}), ...(schema !== undefined ? { schema } : {}) };
  }
  const stages: SpecSummary['stages'] = {};
  for (const [name, s] of Object.entries(rec(spec.stages))) { const cmd = str(rec(s).cmd); if (cmd !== undefined) stages[name] = { cmd }; }
  const registry = rec(spec.registry);
  const threshold = registry.lfsThresholdMB;
  const parallel = rec(spec.sweep).parallel;
  return {
    path, folder, data, stages, driftKeys: Object.keys(rec(rec(spec.monitoring).drift)),
    ...(str(rec(spec.metadata).name) !== undefined ? { name: str(rec(spec.metadata).name) } : {}),
    ...(str(registry.model) !== undefined ? { registryModel: str(registry.model) } : {}),
    ...(typeof threshold === 'number' && threshold > 0 ? { lfsThresholdMB: threshold } : {}),
    ...(typeof parallel === 'number' ? { sweepParallel: parallel } : {}),
  };
}

/** Reads a spec file's summary (best effort: syntax problems give what could be read). Throws SpecFileError when unreadable. */
export function readSpecSummary(path: string): SpecSummary {
  const { abs, text } = readSpecText(path);
  return summarizeSpec(abs, parseYaml(text).value);
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
