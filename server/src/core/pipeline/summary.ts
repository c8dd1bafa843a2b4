import { dirname, resolve } from 'node:path';
import { parseYaml } from '../yaml/parse';

/** What the editor needs from a pipeline spec (the fields as PipelineSpec in spec.ts names them) to start a job on it (data links, stages, settings it sets). */
export interface SpecSummary {
  path: string;
  folder: string;
  name: string;
  /** Absolute data paths by role (train, current, ...), with the contract (absolute) and schema object. */
  data: Record<string, { path: string; contract?: string; schema?: string }>;
  /** The model name `mlops register` uses: `registry.model`, else `metadata.name`, when the spec sets one. */
  registryModel?: string;
  /** `registry.lfsThresholdMB` when the spec sets a positive one. */
  lfsThresholdMB?: number;
  stages: Record<string, { cmd: string }>;
  /** `sweep.parallel` when the spec sets it. */
  sweepParallel?: number;
  /** The keys the spec's monitoring.drift sets (editor settings only fill in the others). */
  driftKeys: string[];
}

const isMap = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

function dataLinks(spec: Record<string, unknown>, folder: string): SpecSummary['data'] {
  const data: SpecSummary['data'] = {};
  for (const [role, ref] of Object.entries(isMap(spec.data) ? spec.data : {})) {
    if (!isMap(ref) || typeof ref.path !== 'string') continue;
    data[role] = {
      path: resolve(folder, ref.path),
      ...(typeof ref.contract === 'string' ? { contract: resolve(folder, ref.contract) } : {}),
      ...(typeof ref.schema === 'string' ? { schema: ref.schema } : {}),
    };
  }
  return data;
}

/**
 * The summary form of a pipeline spec: parsed, not validated (the command that runs validates it and
 * reports every problem). Fields of the wrong type are left out. Throws an Error naming the file when
 * the text is not readable YAML.
 */
export function summarizeSpec(path: string, text: string): SpecSummary {
  const parsed = parseYaml(text);
  const broken = parsed.problems.find((p) => p.severity === 'error');
  if (broken) throw new Error(`${path}: cannot read the pipeline spec (${broken.message.split('\n')[0]})`);
  const spec: Record<string, unknown> = isMap(parsed.value) ? parsed.value : {};
  const folder = dirname(path);
  const stages: SpecSummary['stages'] = {};
  for (const [name, s] of Object.entries(isMap(spec.stages) ? spec.stages : {})) {
    if (isMap(s) && typeof s.cmd === 'string') stages[name] = { cmd: s.cmd };
  }
  const metadataName = isMap(spec.metadata) && typeof spec.metadata.name === 'string' ? spec.metadata.name : undefined;
  const registry: Record<string, unknown> = isMap(spec.registry) ? spec.registry : {};
  const registryModel = typeof registry.model === 'string' ? registry.model : metadataName;
  const threshold = registry.lfsThresholdMB;
  const sweep: Record<string, unknown> = isMap(spec.sweep) ? spec.sweep : {};
  const drift = isMap(spec.monitoring) && isMap(spec.monitoring.drift) ? spec.monitoring.drift : {};
  return {
    path, folder, name: metadataName ?? 'pipeline', data: dataLinks(spec, folder), stages, driftKeys: Object.keys(drift),
    ...(registryModel !== undefined ? { registryModel } : {}),
    ...(typeof threshold === 'number' && threshold > 0 ? { lfsThresholdMB: threshold } : {}),
    ...(typeof sweep.parallel === 'number' ? { sweepParallel: sweep.parallel } : {}),
  };
}
