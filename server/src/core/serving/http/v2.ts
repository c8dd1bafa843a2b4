/**
 * Open Inference Protocol v2 (KServe, Triton, MLServer) for tabular models: one input tensor per
 * feature column, shape [n] (or [n, 1]), outputs `prediction` and, for classification, `label`.
 * Everything a client can get wrong is a ServingError with a reason label and a message naming the
 * input and row.
 */
import { ServingError } from '../errors';
import { NUMERIC_DATATYPES, type InputColumn, type ModelInputs, type V2Datatype } from '../inputs';
import { plainArray, type LoadedVersion, type Scores } from '../model';

const DATATYPES: readonly string[] = ['FP64', 'FP32', 'INT64', 'INT32', 'BOOL', 'BYTES'];

/** A request decoded into rows: `get(column, row)` gives the value as sent (checked by rows.ts next). */
export interface DecodedRequest {
  id?: string;
  parameters?: Record<string, unknown>;
  rows: number;
  get(column: string, row: number): unknown;
  /** Outputs asked for (all when the request names none). */
  outputs: string[];
}

function isObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

function bad(message: string, reason: string): ServingError {
  return new ServingError(message, 'bad-input', reason);
}

/** The datatypes a column accepts: numbers for numeric inputs; text, or its declared type, for categories. */
export function acceptedDatatypes(c: InputColumn): readonly V2Datatype[] {
  if (c.kind === 'numeric') return NUMERIC_DATATYPES;
  if (c.datatype === 'INT64' || c.datatype === 'INT32') return ['BYTES', 'INT64', 'INT32'];
  return c.datatype === 'BYTES' ? ['BYTES'] : ['BYTES', c.datatype];
}

/** What each datatype's values must be (null stands for a missing value in any of them). */
const FITS: Record<string, { fits: (v: unknown) => boolean; problem: string }> = {
  FP64: { fits: (v) => typeof v === 'number', problem: 'is not a number' },
  FP32: { fits: (v) => typeof v === 'number', problem: 'is not a number' },
  INT64: { fits: (v) => typeof v === 'number' && Number.isInteger(v), problem: 'is not an integer' },
  INT32: { fits: (v) => typeof v === 'number' && Number.isInteger(v), problem: 'is not an integer' },
  BOOL: { fits: (v) => typeof v === 'boolean', problem: 'is not a boolean' },
  BYTES: { fits: (v) => typeof v === 'string', problem: 'is not a string' },
};

function shown(v: unknown): string {
  const s = JSON.stringify(v) ?? String(v);
  return s.length > 60 ? `${s.slice(0, 57)}...` : s;
}

/** Flattens [n] or [n, 1] data (nested or flat, as the protocol allows) and checks it against the shape. */
function flatData(name: string, shape: number[], data: unknown[]): unknown[] {
  if (shape.length === 0 || shape.length > 2 || (shape.length === 2 && shape[1] !== 1)) {
    throw bad(`input "${name}": shape [${shape.join(', ')}] is not a column; send shape [n] (or [n, 1]) with one value per row`, 'shape_mismatch');
  }
  const flat = data.some(Array.isArray) ? data.flat(2) : data;
  if (flat.length !== shape[0]) throw bad(`input "${name}": shape [${shape.join(', ')}] says ${shape[0]} values but data has ${flat.length}`, 'shape_mismatch');
  return flat;
}

interface CheckedInput { name: string; datatype: string; data: unknown[] }

function checkInput(raw: unknown, i: number, byName: Map<string, InputColumn>, model: string): CheckedInput {
  if (!isObject(raw)) throw bad(`inputs[${i}] is not an object with name, shape, datatype and data`, 'bad_request');
  const { name, shape, datatype, data } = raw;
  if (typeof name !== 'string') throw bad(`inputs[${i}]: "name" must be a string (a feature column)`, 'bad_request');
  const column = byName.get(name);
  if (!column) throw bad(`input "${name}" is not a feature of ${model} (inputs: ${[...byName.keys()].join(', ')})`, 'unknown_input');
  if (!Array.isArray(shape) || !shape.every((d) => Number.isInteger(d) && d >= 0)) throw bad(`input "${name}": "shape" must be an array of non-negative integers, e.g. [3]`, 'shape_mismatch');
  if (typeof datatype !== 'string' || !DATATYPES.includes(datatype)) throw bad(`input "${name}": datatype ${shown(datatype)} is not supported; use one of ${DATATYPES.join(', ')}`, 'wrong_datatype');
  const accepted = acceptedDatatypes(column);
  if (!accepted.includes(datatype as V2Datatype)) throw bad(`input "${name}": datatype ${datatype} does not fit a ${column.kind} column; send ${accepted.join(' or ')}`, 'wrong_datatype');
  if (!Array.isArray(data)) throw bad(`input "${name}": "data" must be an array`, 'bad_request');
  const flat = flatData(name, shape as number[], data);
  const { fits, problem } = FITS[datatype]!;
  for (let row = 0; row < flat.length; row++) {
    const v = flat[row];
    if (v !== null && !fits(v)) throw bad(`input "${name}" row ${row}: ${shown(v)} ${problem} (datatype ${datatype})`, 'bad_value');
  }
  return { name, datatype, data: flat };
}

function requestedOutputs(raw: unknown, available: string[]): string[] {
  if (raw === undefined) return available;
  if (!Array.isArray(raw)) throw bad('"outputs" must be an array of {"name": ...}', 'bad_request');
  return raw.map((o, i) => {
    const name = isObject(o) ? o.name : undefined;
    if (typeof name !== 'string' || !available.includes(name)) throw bad(`outputs[${i}]: ${shown(name)} is not an output of this model (outputs: ${available.join(', ')})`, 'bad_request');
    return name;
  });
}

/** Output names of a model: prediction, and label for classification. */
export function outputNames(task: string): string[] {
  return task === 'regression' ? ['prediction'] : ['prediction', 'label'];
}

/** Decodes and checks a parsed v2 inference request body against the model's inputs. */
export function decodeV2(body: unknown, inputs: ModelInputs, model: string, task: string): DecodedRequest {
  if (!isObject(body)) throw bad('the body must be a JSON object with "inputs"', 'bad_request');
  if (!Array.isArray(body.inputs) || body.inputs.length === 0) throw bad('"inputs" must be a non-empty array with one tensor per feature column', 'missing_input');
  const byName = new Map(inputs.columns.map((c) => [c.name, c]));
  const seen = new Map<string, CheckedInput>();
  body.inputs.forEach((raw, i) => {
    const input = checkInput(raw, i, byName, model);
    if (seen.has(input.name)) throw bad(`input "${input.name}" is sent twice`, 'bad_request');
    seen.set(input.name, input);
  });
  const missing = inputs.columns.filter((c) => !seen.has(c.name)).map((c) => c.name);
  if (missing.length) throw bad(`missing input${missing.length > 1 ? 's' : ''} ${missing.map((m) => `"${m}"`).join(', ')}; ${model} reads ${inputs.columns.map((c) => c.name).join(', ')}`, 'missing_input');
  const all = [...seen.values()];
  const odd = all.find((s) => s.data.length !== all[0]!.data.length);
  if (odd) throw bad(`inputs disagree on the number of rows: "${all[0]!.name}" has ${all[0]!.data.length} but "${odd.name}" has ${odd.data.length}`, 'shape_mismatch');
  if (body.id !== undefined && typeof body.id !== 'string') throw bad('"id" must be a string', 'bad_request');
  if (body.parameters !== undefined && !isObject(body.parameters)) throw bad('"parameters" must be an object', 'bad_request');
  return {
    ...(typeof body.id === 'string' ? { id: body.id } : {}),
    ...(isObject(body.parameters) ? { parameters: body.parameters } : {}),
    rows: all[0]!.data.length,
    get: (column, row) => seen.get(column)!.data[row],
    outputs: requestedOutputs(body.outputs, outputNames(task)),
  };
}

/** The v2 inference response for scored rows. */
export function encodeV2(model: LoadedVersion, req: DecodedRequest, s: Scores): Record<string, unknown> {
  const outputs: Array<Record<string, unknown>> = [];
  for (const name of req.outputs) {
    if (name === 'prediction') {
      outputs.push({ name, datatype: model.task === 'multiclass' ? 'INT64' : 'FP32', shape: [s.rows], data: plainArray(s.prediction) });
    } else if (name === 'label' && s.label) {
      outputs.push({ name, datatype: 'BYTES', shape: [s.rows], data: s.label });
    }
  }
  return {
    model_name: model.model, model_version: `v${model.version}`,
    ...(req.id !== undefined ? { id: req.id } : {}), ...(req.parameters ? { parameters: req.parameters } : {}), outputs,
  };
}

/** Model metadata (GET /v2/models/{name}[/versions/{v}]): inputs typed by the contract. */
export function metadataV2(model: LoadedVersion, versions: string[]): Record<string, unknown> {
  return {
    name: model.model, versions, platform: 'mlops_tfjs',
    inputs: model.inputs.columns.map((c) => ({ name: c.name, datatype: c.datatype, shape: [-1] })),
    outputs: outputNames(model.task).map((name) => ({ name, datatype: name === 'label' ? 'BYTES' : model.task === 'multiclass' ? 'INT64' : 'FP32', shape: [-1] })),
    parameters: { version: `v${model.version}`, task: model.task, ...(model.classes ? { classes: model.classes } : {}), backend: model.backend },
  };
}
