import { readFileSync } from 'node:fs';
import { parse as parseYaml, YAMLParseError } from 'yaml';
import type { PipelineSpec } from '../pipeline/spec';
import { hashText } from '../tracking/provenance';
import { schema, validateAgainstSchema } from '../pipeline/schema';
import { SpecError } from './errors';
import type { SchemaNode } from './overrides';

/** A spec file that cannot be read or parsed; the message names the file (and line, column). */
export class SpecFileError extends Error {}

/**
 * Reads a pipeline spec for training. (Adapter until the pipeline loader lands: YAML parsed and
 * cast; the loader's schema diagnostics will replace the shape checks in checkSpec.)
 */
export function readSpecFile(path: string): { spec: PipelineSpec; hash: string } {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (e) {
    throw new SpecFileError(`${path}: cannot read the spec (${(e as NodeJS.ErrnoException).code ?? (e as Error).message})`);
  }
  let spec: unknown;
  try {
    spec = parseYaml(text);
  } catch (e) {
    const pos = e instanceof YAMLParseError && e.linePos ? `:${e.linePos[0].line}:${e.linePos[0].col}` : '';
    throw new SpecFileError(`${path}${pos}: not valid YAML: ${(e as Error).message.split('\n')[0]}; fix the file (mlops validate shows every problem)`);
  }
  if (!spec || typeof spec !== 'object' || Array.isArray(spec)) throw new SpecFileError(`${path}: not a pipeline spec (expected a YAML mapping with apiVersion: mlops/v1)`);
  return { spec: spec as PipelineSpec, hash: hashText(text) };
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
