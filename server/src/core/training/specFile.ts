import type { PipelineSpec } from '../pipeline/spec';
import { hashText } from '../tracking/provenance';
import { schema, validateAgainstSchema } from '../pipeline/schema';
import { loadRunnableSpec } from '../pipeline/load';
import { SpecError } from './errors';
import type { SchemaNode } from './overrides';

/** A spec file that cannot be read or parsed; the message names the file (and line, column). */
export class SpecFileError extends Error {}

/**
 * Reads a pipeline spec for training through the pipeline loader, so a spec with syntax or schema
 * errors stops before anything runs, with each problem's line and column as the editor shows them.
 */
export function readSpecFile(path: string): { spec: PipelineSpec; hash: string } {
  try {
    const loaded = loadRunnableSpec(path);
    return { spec: loaded.spec, hash: hashText(loaded.text) };
  } catch (e) {
    throw new SpecFileError((e as Error).message);
  }
}

/** schemas/pipeline.schema.json (bundled through the pipeline capability's schema module). */
export function pipelineSchema(): SchemaNode {
  return schema as SchemaNode;
}

/**
 * Checks a whole spec (after --set overrides) against the schema; the first problems become one
 * SpecError naming each path, so nothing runs on a spec the editor would underline.
 */
export function checkSpecSchema(spec: PipelineSpec): void {
  const errors = validateAgainstSchema(spec);
  if (errors.length === 0) return;
  const seen = new Set<string>();
  const lines = errors.map((e) => {
    const path = e.instancePath.replace(/^\//, '').replace(/\/(\d+)(?=\/|$)/g, '[$1]').replace(/\//g, '.') || '(top level)';
    const extra = e.keyword === 'additionalProperties' ? ` "${String((e.params as { additionalProperty?: string }).additionalProperty)}"` : '';
    return `${path}: ${e.message ?? 'invalid'}${extra}`;
  }).filter((l) => !seen.has(l) && seen.add(l));
  throw new SpecError(lines[0]!.split(':')[0]!, `the spec does not match the pipeline schema: ${lines.slice(0, 5).join('; ')}${lines.length > 5 ? ` (and ${lines.length - 5} more)` : ''}; mlops validate shows each with its line`);
}
