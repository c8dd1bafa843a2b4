/**
 * What the client needs from a pipeline spec to build a command line (data paths, contract, registry
 * model name). A one-line adapter over `yaml.parse` until the lead's loadPipelineSpec lands; the engine
 * itself validates the spec when the command runs.
 */
import { readFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { parse } from 'yaml';
import type { PipelineSpec } from '../../../server/src/core/pipeline/spec';

export interface SpecInfo {
  path: string;
  folder: string;
  name: string;
  /** Absolute data paths by role (train, current, ...). */
  data: Record<string, { path: string; contract?: string; schema?: string }>;
  registryModel?: string;
  stages: Record<string, { cmd: string }>;
  /** `sweep.parallel` when the spec sets it. */
  sweepParallel?: number;
  /** The keys the spec's monitoring.drift sets (settings only fill in the others). */
  driftKeys: string[];
}

/** Reads the parts of a spec the commands use; throws an Error naming the file when it cannot. */
export function readSpecInfo(specPath: string): SpecInfo {
  let spec: Partial<PipelineSpec>;
  try {
    spec = (parse(readFileSync(specPath, 'utf8')) ?? {}) as Partial<PipelineSpec>;
  } catch (e) {
    throw new Error(`${specPath}: cannot read the pipeline spec (${(e as Error).message.split('\n')[0]})`);
  }
  const folder = dirname(specPath);
  const data: SpecInfo['data'] = {};
  for (const [role, ref] of Object.entries(spec.data ?? {})) {
    if (!ref || typeof ref.path !== 'string') continue;
    data[role] = {
      path: resolve(folder, ref.path),
      ...(typeof ref.contract === 'string' ? { contract: resolve(folder, ref.contract) } : {}),
      ...(typeof ref.schema === 'string' ? { schema: ref.schema } : {}),
    };
  }
  const stages: SpecInfo['stages'] = {};
  for (const [name, s] of Object.entries(spec.stages ?? {})) if (s && typeof s.cmd === 'string') stages[name] = { cmd: s.cmd };
  return {
    path: specPath, folder, name: spec.metadata?.name ?? 'pipeline', data, stages,
    driftKeys: Object.keys(spec.monitoring?.drift ?? {}),
    ...(typeof spec.registry?.model === 'string' ? { registryModel: spec.registry.model } : {}),
    ...(typeof spec.sweep?.parallel === 'number' ? { sweepParallel: spec.sweep.parallel } : {}),
  };
}
