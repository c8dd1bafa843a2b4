/**
 * The registry's input: a finished run folder `.mlops/runs/<id>/` (run.json + the saved model) and
 * the registry settings of the spec that produced it.
 */
import { existsSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { readSpecSummary } from '../pipeline/load';
import type { RunRecord } from '../tracking/types';
import { readRun, resolveRunId, runDir } from '../tracking/store';
import { RegistryError } from './errors';
import { runIdProblem } from './names';

export interface RunSource {
  record: RunRecord;
  /** Absolute folder of the run. */
  dir: string;
  /** Absolute folder of the saved model inside the run. */
  modelDir: string;
}

/**
 * Reads the record of run `id` (or of the one run whose id starts with it) through the tracking store,
 * which reports a run whose process is gone as "interrupted". Refuses, naming the id, when absent.
 */
export function readRunSource(workspace: string, id: string): RunSource {
  const idProblem = runIdProblem(id);
  if (idProblem) throw new RegistryError(idProblem);
  let record: RunRecord;
  let resolved = id;
  try {
    resolved = resolveRunId(workspace, id);
    record = readRun(workspace, resolved);
  } catch (e) {
    if (e instanceof SyntaxError) throw new RegistryError(`${join(runDir(workspace, resolved), 'run.json')}: not a readable run record (${e.message})`);
    throw new RegistryError(`${(e as Error).message}. List runs with "mlops runs".`);
  }
  const dir = runDir(workspace, record.id);
  return { record, dir, modelDir: resolve(dir, record.modelDir ?? 'model') };
}

/** Why this run cannot be registered (ignoring gates), or null. */
export function runProblem(source: RunSource): string | null {
  const { record } = source;
  if (record.status !== 'completed') {
    const why = record.status === 'running' ? 'it is still running'
      : record.status === 'interrupted' ? 'it was interrupted (its process is gone)' : `its status is "${record.status}"`;
    return `run "${record.id}" cannot be registered: ${why}. Only completed runs become model versions.`;
  }
  if (!existsSync(source.modelDir) || !statSync(source.modelDir).isDirectory()) {
    return `run "${record.id}" has no saved model: ${source.modelDir} does not exist.`;
  }
  return null;
}

/** Registry settings of the spec (`registry.model`, else `metadata.name`; `registry.lfsThresholdMB`), best effort. */
export function specRegistrySettings(workspace: string, specPath: string | undefined): { model?: string; lfsThresholdMB?: number } {
  if (!specPath) return {};
  const file = resolve(workspace, specPath);
  if (!existsSync(file)) return {};
  try {
    const { registryModel, lfsThresholdMB } = readSpecSummary(file);
    return { ...(registryModel !== undefined ? { model: registryModel } : {}), ...(lfsThresholdMB !== undefined ? { lfsThresholdMB } : {}) };
  } catch {
    return {};
  }
}
