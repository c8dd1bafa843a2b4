/**
 * The registry's input: a finished run folder `.mlops/runs/<id>/` (run.json + the saved model) and
 * the registry settings of the spec that produced it.
 */
import { existsSync, readFileSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { parse as parseYaml } from 'yaml';
import type { RunRecord } from '../tracking/types';
import { RegistryError } from './errors';
import { runIdProblem } from './names';

export interface RunSource {
  record: RunRecord;
  /** Absolute folder of the run. */
  dir: string;
  /** Absolute folder of the saved model inside the run. */
  modelDir: string;
}

/** Folder holding every run of a workspace. */
export function runsDir(workspace: string): string {
  return join(workspace, '.mlops', 'runs');
}

/**
 * Reads run.json of one run. Refuses (naming the file) when the run is absent or its record unreadable.
 * Replaced by tracking/store.ts `readRun` once that lands; the checks below stay the registry's own.
 */
export function readRunSource(workspace: string, id: string): RunSource {
  const idProblem = runIdProblem(id);
  if (idProblem) throw new RegistryError(idProblem);
  const dir = join(runsDir(workspace), id);
  const file = join(dir, 'run.json');
  if (!existsSync(file)) {
    throw new RegistryError(`run "${id}" not found: ${file} does not exist. List runs with "mlops runs" or look in ${runsDir(workspace)}.`);
  }
  let record: RunRecord;
  try {
    record = JSON.parse(readFileSync(file, 'utf8')) as RunRecord;
  } catch (e) {
    throw new RegistryError(`${file}: not a readable run record (${(e as Error).message})`);
  }
  if (typeof record !== 'object' || record === null || typeof record.status !== 'string') {
    throw new RegistryError(`${file}: not a run record (no "status" field)`);
  }
  const modelDir = resolve(dir, record.modelDir ?? 'model');
  return { record, dir, modelDir };
}

/** Why this run cannot be registered (ignoring gates), or null. */
export function runProblem(source: RunSource, id: string): string | null {
  const { record } = source;
  if (record.status !== 'completed') {
    const why = record.status === 'running' ? 'it is still running (or was interrupted)' : `its status is "${record.status}"`;
    return `run "${id}" cannot be registered: ${why}. Only completed runs become model versions.`;
  }
  if (!existsSync(source.modelDir) || !statSync(source.modelDir).isDirectory()) {
    return `run "${id}" has no saved model: ${source.modelDir} does not exist.`;
  }
  return null;
}

/** Registry settings of the spec (`registry.model`, `registry.lfsThresholdMB`, `metadata.name`), best effort. */
export function specRegistrySettings(workspace: string, specPath: string | undefined): { model?: string; lfsThresholdMB?: number } {
  if (!specPath) return {};
  const file = resolve(workspace, specPath);
  if (!existsSync(file)) return {};
  try {
    // One-line adapter until pipeline/load.ts (loadPipelineSpec) lands on main.
    const spec = parseYaml(readFileSync(file, 'utf8')) as { metadata?: { name?: unknown }; registry?: { model?: unknown; lfsThresholdMB?: unknown } };
    const model = typeof spec?.registry?.model === 'string' ? spec.registry.model
      : typeof spec?.metadata?.name === 'string' ? spec.metadata.name : undefined;
    const threshold = spec?.registry?.lfsThresholdMB;
    return {
      ...(model !== undefined ? { model } : {}),
      ...(typeof threshold === 'number' && threshold > 0 ? { lfsThresholdMB: threshold } : {}),
    };
  } catch {
    return {};
  }
}
