/**
 * One registered version loaded for scoring: its saved network and preprocessing (read back by
 * core/training, run by the same forward pass training validates with), its card, and its inputs.
 * `score` is the only way rows become predictions, for the server and for `mlops predict` alike, so
 * the same rows give the same numbers bit for bit.
 */
import { existsSync, readFileSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { loadContract } from '../contract/load';
import { selectSchemaObject, type ContractModel, type ContractSchemaObject } from '../contract/model';
import type { ModelCard } from '../registry/types';
import { loadBackend, type LoadedBackend } from '../training/backend';
import { transformRows, type Preprocessing } from '../training/preprocess';
import { readSavedNetwork, SavedModelError } from '../training/savedModel';
import { createPredictor, type Predictor } from '../training/step';
import type { Task } from '../training/network';
import { argmaxRows } from '../training/predictionSummary';
import { countUnknownCodes, encodeRows } from './encode';
import { ServingError } from './errors';
import { describeInputs, type ModelInputs } from './inputs';
import type { ResolvedVersion } from './reference';
import type { CleanValue } from './rows';

/** Predictions of n rows: `prediction` per row (probability, value or class index) and labels for classification. */
export interface Scores {
  rows: number;
  prediction: Float32Array | Int32Array;
  label?: string[];
  /** Multiclass only: the class probabilities, rows x classes (metrics such as AUC need them). */
  probabilities?: Float32Array;
  /** Per category column: values outside the model's categories, scored through the unknown bucket. */
  unknown: Map<string, number>;
}

export interface LoadedVersion {
  model: string;
  version: number;
  task: Task;
  card: ModelCard;
  prep: Preprocessing;
  inputs: ModelInputs;
  /** Class labels in output order (classification). */
  classes?: string[];
  backend: string;
  /** Scores cleaned columns (see rows.ts); every column of `inputs` must be present. */
  score(values: Map<string, ArrayLike<CleanValue>>, rows: number): Scores;
  /**
   * Scores rows [start, end) of columns read as numbers, one per preprocessing step (see encode.ts):
   * the same numbers `score` gives for the same rows, for batch scoring of large files.
   */
  scoreEncoded(columns: Float64Array[], start: number, end: number): Scores;
  dispose(): void;
}

let backend: Promise<LoadedBackend> | undefined;

/** A typed array as a plain array (for JSON), with a loop: faster than Array.from on large batches. */
export function plainArray(values: ArrayLike<number>): number[] {
  const out = new Array<number>(values.length);
  for (let i = 0; i < values.length; i++) out[i] = values[i]!;
  return out;
}

/** Resolves after the I/O (requests) waiting now has been handled: background work yields with it. */
export function turnOfEventLoop(): Promise<void> {
  return new Promise((resolve) => setImmediate(resolve));
}

/** The TensorFlow.js backend, loaded once per process (the same choice as training: fastest that loads). */
export function servingBackend(): Promise<LoadedBackend> {
  backend ??= loadBackend('auto');
  return backend;
}

/** Contracts read by versionSchema, by path, with the file's change time and size they were read at. */
const contracts = new Map<string, { key: string; model: ContractModel }>();

/**
 * A contract's model, read again only when the file changed: reading one (YAML parse and diagnosis)
 * takes tens of milliseconds on the event loop, and a swap under load reads the same contract the
 * running version was loaded with.
 */
function contractModel(path: string): ContractModel {
  const st = statSync(path);
  const key = `${st.mtimeMs}:${st.ctimeMs}:${st.size}`;
  const known = contracts.get(path);
  if (known?.key === key) return known.model;
  const model = loadContract(path).model;
  contracts.set(path, { key, model });
  return model;
}

/** The contract schema object a version was trained against, when its contract file is still there. */
export function versionSchema(workspace: string, card: ModelCard): ContractSchemaObject | undefined {
  if (!card.contract?.path) return undefined;
  const path = resolve(workspace, card.contract.path);
  if (!existsSync(path)) return undefined;
  const data = (card.params?.data as { train?: { schema?: string; path?: string } } | undefined)?.train;
  try {
    return selectSchemaObject(contractModel(path), data?.schema, data?.path);
  } catch {
    return undefined;
  }
}

function readCard(dir: string): ModelCard {
  try {
    return JSON.parse(readFileSync(join(dir, 'card.json'), 'utf8')) as ModelCard;
  } catch (e) {
    throw new ServingError(`${join(dir, 'card.json')}: not a readable model card (${(e as Error).message})`, 'not-found');
  }
}

function outputs(task: Task, classes: string[] | undefined, raw: Float32Array, rows: number): Pick<Scores, 'prediction' | 'label' | 'probabilities'> {
  if (task === 'regression') return { prediction: raw };
  // Plain loops: Array.from(typedArray, fn) is several times slower on a 10,000-row batch.
  const label = new Array<string>(rows);
  if (task === 'binary') {
    const [negative, positive] = classes as [string, string];
    for (let i = 0; i < rows; i++) label[i] = raw[i]! >= 0.5 ? positive : negative;
    return { prediction: raw, label };
  }
  const prediction = argmaxRows(raw, rows, classes!.length);
  for (let i = 0; i < rows; i++) label[i] = classes![prediction[i]!]!;
  return { prediction, label, probabilities: raw };
}

function countUnknown(inputs: ModelInputs, values: Map<string, ArrayLike<CleanValue>>, rows: number): Map<string, number> {
  const unknown = new Map<string, number>();
  for (const c of inputs.columns) {
    if (!c.categories) continue;
    const col = values.get(c.name)!;
    let n = 0;
    for (let r = 0; r < rows; r++) if (col[r] !== null && !c.categories.has(String(col[r]))) n++;
    if (n > 0) unknown.set(c.name, n);
  }
  return unknown;
}

/** What a version reads and how it names its answers: known from its files before its network loads. */
export type VersionInputs = Pick<LoadedVersion, 'model' | 'version' | 'task' | 'card' | 'prep' | 'inputs' | 'classes'>;

/** A version whose files are read; its network loads when first asked for (TensorFlow.js starts once per process). */
export interface OpeningVersion extends VersionInputs {
  /** Starts loading the network (once) and resolves when it can score. */
  load(): Promise<LoadedVersion>;
  /** Whether load() was called. */
  readonly started: boolean;
}

interface ModelFolder { model: string; version: number; card: ModelCard; modelDir: string; what: string }

function versionFolder(v: ResolvedVersion): ModelFolder {
  return { model: v.model, version: v.version, card: readCard(v.dir), modelDir: join(v.dir, 'model'), what: `${v.model} v${v.version}` };
}

/** Loads a resolved version (network, preprocessing, card, contract types) ready to score. */
export async function loadVersion(workspace: string, v: ResolvedVersion): Promise<LoadedVersion> {
  return loadModelFolder(workspace, versionFolder(v));
}

/**
 * Reads a resolved version's files; what it reads is known at once, and its network loads when
 * load() is first called, so a caller can start reading its data first and load TensorFlow.js (work
 * on this thread) while DuckDB reads (on its own threads), as `mlops predict` does.
 */
export function openVersion(workspace: string, v: ResolvedVersion): OpeningVersion {
  const o = versionFolder(v);
  const saved = readNetwork(o);
  const described = describeVersion(workspace, o, saved.prep);
  let loading: Promise<LoadedVersion> | undefined;
  return {
    ...described,
    load: () => (loading ??= withNetwork(described, saved)),
    get started() { return loading !== undefined; },
  };
}

function readNetwork(o: ModelFolder): ReturnType<typeof readSavedNetwork> {
  try {
    return readSavedNetwork(o.modelDir);
  } catch (e) {
    if (e instanceof SavedModelError) throw new ServingError(`${o.what}: ${e.message}`, 'not-found');
    throw e;
  }
}

function describeVersion(workspace: string, o: ModelFolder, prep: Preprocessing): VersionInputs {
  const inputs = describeInputs(prep, versionSchema(workspace, o.card));
  return { model: o.model, version: o.version, task: prep.target.task, card: o.card, prep, inputs, classes: prep.target.classes };
}

/**
 * Loads a saved model folder with the card that describes it: a registered version's, or one built
 * from a run record (`mlops evaluate --run`), so both score through the same `score`.
 */
export async function loadModelFolder(workspace: string, o: ModelFolder): Promise<LoadedVersion> {
  const saved = readNetwork(o);
  // A swap loads on the event loop that answers requests: each step is synchronous, so the requests
  // that arrived meanwhile are answered between them and none waits for the whole load.
  await turnOfEventLoop();
  return withNetwork(describeVersion(workspace, o, saved.prep), saved);
}

async function withNetwork(described: VersionInputs, saved: ReturnType<typeof readSavedNetwork>): Promise<LoadedVersion> {
  const { tf, name } = await servingBackend();
  await turnOfEventLoop();
  const predictor: Predictor = createPredictor(tf, saved.net, saved.params);
  const { prep, inputs } = described;
  return {
    ...described, backend: name,
    score(values, rows) {
      const index = new Array<number>(rows);
      for (let i = 0; i < rows; i++) index[i] = i;
      const x = transformRows(prep, values as Map<string, ArrayLike<unknown>>, index);
      const raw = predictor.predict(x, rows);
      return { rows, ...outputs(prep.target.task, prep.target.classes, raw, rows), unknown: countUnknown(inputs, values, rows) };
    },
    scoreEncoded(columns, start, end) {
      const rows = end - start;
      const raw = predictor.predict(encodeRows(prep, columns, start, end), rows);
      return { rows, ...outputs(prep.target.task, prep.target.classes, raw, rows), unknown: countUnknownCodes(prep, columns, start, end) };
    },
    dispose: () => predictor.dispose(),
  };
}
