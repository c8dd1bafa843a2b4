import { existsSync, realpathSync, statSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { loadContract } from '../../core/contract/load';
import { selectSchemaObject, type ContractSchemaObject } from '../../core/contract/model';
import { notADataFile } from '../../core/data/explain';
import { driftConfigFromSpec, DEFAULT_DRIFT_SHARE, type DriftConfig } from '../../core/drift/config';
import { lastDriftReportPath, saveLastDriftReport } from '../../core/drift/lastReport';
import { renderDriftHtml } from '../../core/drift/report/html';
import type { DriftReport } from '../../core/drift/model';
import { computeDrift, DriftInputError } from '../../core/drift/run';
import { renderDriftText } from '../../core/drift/report/text';
import { loadRunnableSpec } from '../../core/pipeline/load';
import type { DriftCompat, DriftMethod, PipelineSpec } from '../../core/pipeline/spec';
import { formatOption, parseCommandArgs } from '../args';
import { cancelSignal } from '../cancel';
import { EXIT_CANCELLED, EXIT_FAILED, EXIT_OK, EXIT_USAGE, UserError, type CliCommand, type CliIO } from '../io';
import { writeFileAtomic } from '../../core/files';
import { ServingError } from '../../core/serving/errors';
import { currentFromLog, type LogTable } from '../../core/serving/monitor/logTable';
import { logFiles } from '../../core/serving/predictionLog';
import { about } from './about';

const { usage } = about.drift;

const METHODS: readonly DriftMethod[] = ['auto', 'ks', 'wasserstein', 'psi', 'jensenshannon', 'chisquare', 'ztest'];
const COMPATS: readonly DriftCompat[] = ['none', 'evidently'];

const options = {
  reference: { type: 'string', short: 'r' }, current: { type: 'string', short: 'c' }, spec: { type: 'string', short: 's' },
  contract: { type: 'string' }, format: { type: 'string' }, 'fail-on-drift': { type: 'boolean' }, out: { type: 'string', short: 'o' },
  sample: { type: 'string' }, workers: { type: 'string' }, force: { type: 'boolean' },
  method: { type: 'string' }, threshold: { type: 'string' }, 'drift-share': { type: 'string' }, compat: { type: 'string' },
} as const;

/** The spec, refused with every syntax or schema error's line when it cannot be read as written. */
function readSpec(path: string, shown: string): PipelineSpec {
  if (!existsSync(path)) throw new UserError(`mlops drift: ${shown}: no such spec file`);
  try {
    return loadRunnableSpec(path, { shown }).spec;
  } catch (e) {
    throw new UserError(`mlops drift: ${(e as Error).message}`);
  }
}

interface Inputs {
  reference: string; current: string; shown: { reference: string; current: string }; contract?: string; schema?: string; config: DriftConfig;
  /** The spec file, when one was given. */
  spec?: string;
}

/** Data paths, contract and settings from the flags, falling back to the spec for what the flags leave out. */
function resolveInputs(values: Record<string, unknown>, io: CliIO): Inputs {
  const specPath = typeof values.spec === 'string' ? resolve(io.cwd, values.spec) : undefined;
  const spec = specPath ? readSpec(specPath, String(values.spec)) : undefined;
  const specDir = specPath ? dirname(specPath) : io.cwd;
  const pick = (flag: unknown, fromSpec: string | undefined, what: string) => {
    if (typeof flag === 'string') return { path: resolve(io.cwd, flag), shown: flag };
    if (fromSpec) return { path: resolve(specDir, fromSpec), shown: fromSpec };
    throw new UserError(`mlops drift: no ${what} data: pass --${what} (or --spec with data.${what === 'reference' ? 'train' : 'current'}.path)\nusage: ${usage}`);
  };
  const reference = pick(values.reference, spec?.data?.train?.path, 'reference');
  const current = pick(values.current, spec?.data?.current?.path, 'current');
  const contractFromSpec = spec?.data?.train?.contract ? resolve(specDir, spec.data.train.contract) : undefined;
  const contract = typeof values.contract === 'string' ? resolve(io.cwd, values.contract) : contractFromSpec;
  const config = spec ? driftConfigFromSpec(spec.monitoring, spec.features)
    : { method: 'auto' as const, driftShare: DEFAULT_DRIFT_SHARE, features: 'all' as const, perFeature: {}, compat: 'none' as const };
  return { reference: reference.path, current: current.path, shown: { reference: reference.shown, current: current.shown },
    contract, schema: spec?.data?.train?.schema, config, spec: specPath };
}

function contractSchema(path: string | undefined, schemaName: string | undefined, dataPath: string): ContractSchemaObject | undefined {
  if (!path) return undefined;
  let model;
  try {
    model = loadContract(path).model;
  } catch (e) {
    throw new UserError(`mlops drift: ${(e as Error).message}`);
  }
  const schema = selectSchemaObject(model, schemaName, dataPath);
  if (schema) return schema;
  const names = model.schemas.map((s) => s.name).join(', ') || 'none';
  throw new UserError(`mlops drift: ${path}: no schema object ${schemaName ? `named "${schemaName}"` : `for ${dataPath}`} (schema objects: ${names}); name one in the spec's data.train.schema`);
}

function positiveInt(value: unknown, flag: string, min: number): number | undefined {
  if (value === undefined) return undefined;
  const n = Number(value);
  if (!Number.isInteger(n) || n < min) throw new UserError(`mlops drift: --${flag} must be a whole number >= ${min} (got "${String(value)}")`);
  return n;
}

function numberIn(value: unknown, flag: string, max: number): number | undefined {
  if (value === undefined) return undefined;
  const n = Number(value);
  if (typeof value !== 'string' || value.trim() === '' || !Number.isFinite(n) || n < 0 || n > max) {
    throw new UserError(`mlops drift: --${flag} must be a number from 0 to ${max} (got "${String(value)}")`);
  }
  return n;
}

/**
 * --method, --threshold, --drift-share and --compat override the spec's monitoring.drift (flags are the
 * more specific instruction); per-feature overrides in the spec still apply to their columns.
 */
function withFlagOverrides(config: DriftConfig, values: Record<string, unknown>): DriftConfig {
  const method = values.method;
  if (method !== undefined && !METHODS.includes(method as DriftMethod)) {
    throw new UserError(`mlops drift: --method must be one of ${METHODS.join(', ')} (got "${String(method)}")`);
  }
  const compat = values.compat;
  if (compat !== undefined && !COMPATS.includes(compat as DriftCompat)) {
    throw new UserError(`mlops drift: --compat must be one of ${COMPATS.join(', ')} (got "${String(compat)}")`);
  }
  const threshold = numberIn(values.threshold, 'threshold', Number.MAX_VALUE);
  const driftShare = numberIn(values['drift-share'], 'drift-share', 1);
  return {
    ...config,
    ...(method !== undefined ? { method: method as DriftMethod } : {}),
    ...(threshold !== undefined ? { threshold } : {}),
    ...(driftShare !== undefined ? { driftShare } : {}),
    ...(compat !== undefined ? { compat: compat as DriftCompat } : {}),
  };
}

const canonical = (p: string) => { try { return realpathSync(p); } catch { return resolve(p); } };

/**
 * Where --out may write: never over one of the command's own inputs (the report would replace the
 * data it describes), and over any other existing file only with --force, as contract infer does.
 */
function outPath(values: Record<string, unknown>, inputs: Inputs, io: CliIO): string | undefined {
  if (typeof values.out !== 'string') return undefined;
  const out = resolve(io.cwd, values.out);
  const named: Array<[string | undefined, string]> = [
    [inputs.reference, 'the reference data file'], [inputs.current, 'the current data file'], [inputs.contract, 'the contract'], [inputs.spec, 'the spec'],
  ];
  const hit = named.find(([p]) => p !== undefined && canonical(p) === canonical(out));
  if (hit) throw new UserError(`mlops drift: --out ${values.out} is ${hit[1]} of this comparison; the report would replace it: name another file`);
  if (existsSync(out) && values.force !== true) throw new UserError(`mlops drift: ${values.out} already exists; pass --force to replace it`);
  return out;
}

/**
 * Data must come from regular files: a folder, FIFO or device is named as what it is. The one
 * exception is a current folder, read as a prediction log of `mlops serve` (checked as such there).
 */
function requireFiles(inputs: Inputs): void {
  for (const which of ['reference', 'current'] as const) {
    const path = inputs[which];
    const folder = existsSync(path) && statSync(path).isDirectory();
    if (which === 'current' && folder && logFiles(path).length > 0) continue;
    const problem = folder && which === 'current'
      ? 'is a folder, not a data file nor a prediction log folder (no predictions-*.jsonl in it): name a CSV or Parquet file, or the log folder `mlops serve` writes'
      : existsSync(path) ? notADataFile(path) : undefined;
    if (problem) throw new UserError(`mlops drift: ${inputs.shown[which]}: ${problem}`);
  }
}

/**
 * Keeps the report as the spec's last one (the editor shows it after a reload). Not being able to
 * keep it does not undo the check: the report is still printed, and the reason said.
 */
function keepLastReport(spec: string, report: DriftReport, io: CliIO): void {
  try {
    saveLastDriftReport(spec, report);
  } catch (e) {
    io.err(`mlops drift: the report was not kept for the editor (${lastDriftReportPath(spec)}: ${(e as Error).message})\n`);
  }
}

function render(report: DriftReport, format: 'json' | 'text' | 'html'): string {
  if (format === 'json') return `${JSON.stringify(report, null, 2)}\n`;
  return format === 'html' ? renderDriftHtml(report) : renderDriftText(report);
}

/** `mlops drift`: per-feature drift between a reference and a current data file, and one verdict. */
export const driftCommand: CliCommand = {
  ...about.drift,
  async run(args, io) {
    const { values } = parseCommandArgs('drift', usage, args, options);
    const format = formatOption('drift', values.format, ['json', 'text', 'html'] as const, 'text');
    const inputs = resolveInputs(values, io);
    inputs.config = withFlagOverrides(inputs.config, values);
    const out = outPath(values, inputs, io);
    requireFiles(inputs);
    const schema = contractSchema(inputs.contract, inputs.schema, inputs.reference);
    let report: DriftReport;
    const cancel = cancelSignal(io);
    // A prediction log folder (mlops serve) stands for the inputs it logged.
    let logged: LogTable | undefined;
    try {
      logged = await currentFromLog(inputs.current, inputs.shown.current);
    } catch (e) {
      cancel.dispose();
      throw e instanceof ServingError ? new UserError(`mlops drift: ${e.message}`) : e;
    }
    try {
      report = await computeDrift({ reference: inputs.reference, current: logged?.path ?? inputs.current, display: inputs.shown, schema, config: inputs.config,
        maxRows: positiveInt(values.sample, 'sample', 2), workers: positiveInt(values.workers, 'workers', 0), signal: cancel.signal });
    } catch (e) {
      if (cancel.signal.aborted) { io.err('mlops drift: cancelled\n'); return EXIT_CANCELLED; }
      if (e instanceof DriftInputError) throw new UserError(`mlops drift: ${e.message}`);
      throw e;
    } finally {
      cancel.dispose();
      logged?.remove();
    }
    const text = render(report, format);
    if (inputs.spec && report.compared > 0) keepLastReport(inputs.spec, report, io);
    if (out) {
      writeFileAtomic(out, text);
      io.err(`wrote ${values.out}\n`);
    } else {
      io.out(text);
    }
    if (report.compared === 0) {
      const why = report.notes.filter((n) => !n.startsWith('no feature'));
      io.err(`mlops drift: no feature of ${inputs.shown.reference} could be compared with ${inputs.shown.current}, so there is no verdict${why.length ? ` (${why.join('; ')})` : ' (see the notes)'}\n`);
      return EXIT_USAGE;
    }
    // A column that stopped arriving fails a CI gate as dataset drift does, though it is not in the share.
    return values['fail-on-drift'] && (report.datasetDrift || report.allNullCurrent.length > 0) ? EXIT_FAILED : EXIT_OK;
  },
};
