import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { parse as parseYaml, YAMLParseError } from 'yaml';
import type { PipelineSpec } from '../pipeline/spec';
import { hashText } from '../tracking/provenance';
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

let cached: SchemaNode | undefined;

/** schemas/pipeline.schema.json, found next to the bundle (dist/) or the sources. */
export function pipelineSchema(): SchemaNode {
  if (cached) return cached;
  for (let dir = __dirname, i = 0; i < 6; i++, dir = dirname(dir)) {
    const candidate = join(dir, 'schemas', 'pipeline.schema.json');
    if (existsSync(candidate)) return (cached = JSON.parse(readFileSync(candidate, 'utf8')) as SchemaNode);
  }
  throw new Error('schemas/pipeline.schema.json not found next to the program; reinstall mlops');
}
