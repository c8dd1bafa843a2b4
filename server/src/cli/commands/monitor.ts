import { existsSync } from 'node:fs';
import { dirname, isAbsolute, relative, resolve } from 'node:path';
import { formatOption, parseCommandArgs, workspaceOption } from '../args';
import { cancelSignal } from '../cancel';
import { EXIT_CANCELLED, EXIT_FAILED, EXIT_OK, UserError, type CliCommand, type CliIO } from '../io';
import { writeFileAtomic } from '../../core/files';
import { loadRunnableSpec } from '../../core/pipeline/load';
import type { PipelineSpec } from '../../core/pipeline/spec';
import { RegistryError } from '../../core/registry/errors';
import { modelNameProblem } from '../../core/registry/names';
import { ServingError } from '../../core/serving/errors';
import { monitorModel, type MonitorReport } from '../../core/serving/monitor/monitor';
import { renderMonitorHtml, renderMonitorText } from '../../core/serving/monitor/render';
import { defaultLogDir } from '../../core/serving/options';
import { DriftInputError } from '../../core/drift/run';
import { about } from './about';

const { usage } = about.monitor;

const UNITS: Record<string, number> = { s: 1000, m: 60_000, h: 3_600_000, d: 86_400_000, w: 604_800_000 };

/** `--since 24h` (s, m, h, d, w) or an ISO time; undefined for the whole log. */
export function parseSince(value: unknown, now: Date = new Date()): Date | undefined {
  if (value === undefined) return undefined;
  const text = String(value).trim();
  const m = /^(\d+(?:\.\d+)?)\s*([smhdw])$/.exec(text);
  if (m) return new Date(now.getTime() - Number(m[1]) * UNITS[m[2]!]!);
  const t = Date.parse(text);
  if (!Number.isNaN(t) && /^\d{4}-\d{2}-\d{2}/.test(text)) return new Date(t);
  throw new UserError(`mlops monitor: --since must be a duration such as 30m, 24h or 7d, or a time such as 2025-01-31T12:00:00Z (got "${text}")`);
}

function readSpec(values: Record<string, unknown>, io: CliIO): { spec?: PipelineSpec; specPath?: string } {
  if (typeof values.spec !== 'string') return {};
  const specPath = resolve(io.cwd, values.spec);
  if (!existsSync(specPath)) throw new UserError(`mlops monitor: ${values.spec}: no such spec file`);
  try {
    return { spec: loadRunnableSpec(specPath, { shown: values.spec }).spec, specPath };
  } catch (e) {
    throw new UserError(`mlops monitor: ${(e as Error).message}`);
  }
}

function render(report: MonitorReport, format: 'json' | 'text' | 'html'): string {
  if (format === 'json') return `${JSON.stringify(report, null, 2)}\n`;
  return format === 'html' ? renderMonitorHtml(report) : renderMonitorText(report);
}

/** `mlops monitor`: traffic, latency, errors, shadow agreement, input and prediction drift from the prediction log. */
export const monitorCommand: CliCommand = {
  ...about.monitor,
  async run(args, io) {
    const { values } = parseCommandArgs('monitor', usage, args, {
      spec: { type: 'string', short: 's' }, model: { type: 'string' }, since: { type: 'string' }, format: { type: 'string' },
      'fail-on-drift': { type: 'boolean' }, 'log-dir': { type: 'string' }, workspace: { type: 'string' }, out: { type: 'string', short: 'o' },
    });
    const format = formatOption('monitor', values.format, ['json', 'text', 'html'] as const, 'text');
    const since = parseSince(values.since);
    const { spec, specPath } = readSpec(values, io);
    const inside = specPath && !relative(io.cwd, specPath).startsWith('..') && !isAbsolute(relative(io.cwd, specPath));
    const workspace = workspaceOption(io, values.workspace, specPath && !inside ? dirname(specPath) : io.cwd);
    const model = typeof values.model === 'string' ? values.model : spec?.serving?.model ?? spec?.registry?.model;
    if (!model) throw new UserError(`mlops monitor: name the model with --model NAME (or --spec with registry.model)\nusage: ${usage}`);
    const problem = modelNameProblem(model);
    if (problem) throw new UserError(`mlops monitor: ${problem}`);
    const logDir = typeof values['log-dir'] === 'string' ? resolve(io.cwd, values['log-dir']) : defaultLogDir(workspace, model);
    const shownLogDir = typeof values['log-dir'] === 'string' ? values['log-dir'] : relative(io.cwd, logDir).split('\\').join('/') || '.';
    const cancel = cancelSignal(io);
    let report: MonitorReport;
    try {
      report = await monitorModel({ workspace, model, logDir, shownLogDir, ...(since ? { since } : {}), ...(spec ? { spec, specDir: dirname(specPath!) } : {}), signal: cancel.signal });
    } catch (e) {
      if (cancel.signal.aborted) { io.err('mlops monitor: cancelled\n'); return EXIT_CANCELLED; }
      if (e instanceof ServingError || e instanceof RegistryError || e instanceof DriftInputError) throw new UserError(`mlops monitor: ${e.message}`);
      throw e;
    } finally {
      cancel.dispose();
    }
    const text = render(report, format);
    if (typeof values.out === 'string') {
      writeFileAtomic(resolve(io.cwd, values.out), text);
      io.err(`wrote ${values.out}\n`);
    } else {
      io.out(text);
    }
    return values['fail-on-drift'] && report.recommendation === 'retrain' ? EXIT_FAILED : EXIT_OK;
  },
};
