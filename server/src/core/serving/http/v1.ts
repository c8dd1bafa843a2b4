/**
 * KServe v1 for convenience: `{"instances": [{column: value, ...}, ...]}` (or arrays in input order)
 * -> `{"predictions": [...]}`, with `labels` beside them for classification.
 */
import { ServingError } from '../errors';
import type { ModelInputs } from '../inputs';
import { plainArray, type LoadedVersion, type Scores } from '../model';
import { outputNames, type DecodedRequest } from './v2';

function bad(message: string, reason: string): ServingError {
  return new ServingError(message, 'bad-input', reason);
}

/** Decodes `instances`; an unknown or missing column, or a row of the wrong length, is refused with its row. */
export function decodeV1(body: unknown, inputs: ModelInputs, model: string, task: string): DecodedRequest {
  const instances = typeof body === 'object' && body !== null && !Array.isArray(body) ? (body as { instances?: unknown }).instances : undefined;
  if (!Array.isArray(instances) || instances.length === 0) throw bad('the body must be {"instances": [{column: value, ...}, ...]} with at least one row', 'missing_input');
  const names = inputs.columns.map((c) => c.name);
  const known = new Set(names);
  const rows = instances.map((inst, row): Record<string, unknown> => {
    if (Array.isArray(inst)) {
      if (inst.length !== names.length) throw bad(`instances[${row}] has ${inst.length} values; ${model} reads ${names.length} (${names.join(', ')})`, 'shape_mismatch');
      return Object.fromEntries(names.map((n, i) => [n, inst[i]]));
    }
    if (typeof inst !== 'object' || inst === null) throw bad(`instances[${row}] is not an object of column values`, 'bad_request');
    const unknown = Object.keys(inst).filter((k) => !known.has(k));
    if (unknown.length) throw bad(`instances[${row}]: ${unknown.map((u) => `"${u}"`).join(', ')} ${unknown.length > 1 ? 'are not features' : 'is not a feature'} of ${model} (inputs: ${names.join(', ')})`, 'unknown_input');
    const missing = names.filter((n) => !(n in inst));
    if (missing.length) throw bad(`instances[${row}]: missing ${missing.map((m) => `"${m}"`).join(', ')}; ${model} reads ${names.join(', ')}`, 'missing_input');
    return inst as Record<string, unknown>;
  });
  return { rows: rows.length, get: (column, row) => rows[row]![column], outputs: outputNames(task) };
}

export function encodeV1(model: LoadedVersion, s: Scores): Record<string, unknown> {
  return {
    predictions: plainArray(s.prediction), ...(s.label ? { labels: s.label } : {}),
    model_name: model.model, model_version: `v${model.version}`,
  };
}
