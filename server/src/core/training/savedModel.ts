import { mkdirSync, readFileSync, renameSync, rmSync, writeFileSync, existsSync } from 'node:fs';
import { join } from 'node:path';
import type { LayersModel } from '@tensorflow/tfjs';
import type { Activation, Layer } from '../pipeline/spec';
import type { Tf } from './backend';
import { buildNetwork, denseLayers, LEAKY_ALPHA, type Network } from './network';
import type { Preprocessing } from './preprocess';

/** The same network as a tfjs LayersModel (so any TensorFlow.js runtime can load the saved model). */
export function toLayersModel(tf: Tf, net: Network, params: Float32Array): LayersModel {
  const model = tf.sequential();
  let first = true;
  const inputShape = () => (first ? { inputShape: [net.inputs] } : {});
  for (const layer of net.layers) {
    if (layer.kind === 'dropout') {
      model.add(tf.layers.dropout({ rate: layer.rate, ...inputShape() }));
    } else {
      const act = layer.activation === 'leakyRelu' ? 'linear' : layer.activation;
      model.add(tf.layers.dense({ units: layer.units, activation: act, ...inputShape() }));
      if (layer.activation === 'leakyRelu') model.add(tf.layers.leakyReLU({ alpha: LEAKY_ALPHA }));
    }
    first = false;
  }
  const weights = denseLayers(net).flatMap(({ layer, weights, bias }) => [
    tf.tensor2d(params.slice(weights, weights + layer.inputs * layer.units), [layer.inputs, layer.units]),
    tf.tensor1d(params.slice(bias, bias + layer.units)),
  ]);
  model.setWeights(weights);
  weights.forEach((w) => w.dispose());
  return model;
}

function weightBytes(data: unknown): Uint8Array {
  const parts = Array.isArray(data) ? (data as ArrayBuffer[]) : [data as ArrayBuffer];
  return Buffer.concat(parts.map((b) => new Uint8Array(b)));
}

/**
 * Saves model.json + weights.bin (the tfjs layers format) + preprocessing.json into `dir`. Everything
 * is written to a sibling temp folder first and renamed into place, so a failed save never leaves a
 * partial model where a result is expected.
 */
export async function saveModel(tf: Tf, net: Network, params: Float32Array, prep: Preprocessing, dir: string): Promise<void> {
  const tmp = `${dir}.partial`;
  rmSync(tmp, { recursive: true, force: true });
  mkdirSync(tmp, { recursive: true });
  const model = toLayersModel(tf, net, params);
  try {
    await model.save(tf.io.withSaveHandler(async (artifacts) => {
      const manifest = [{ paths: ['weights.bin'], weights: artifacts.weightSpecs ?? [] }];
      const json = { format: 'layers-model', generatedBy: `TensorFlow.js tfjs-layers v${tf.version.tfjs}`, convertedBy: 'mlops-workbench', modelTopology: artifacts.modelTopology, weightsManifest: manifest };
      writeFileSync(join(tmp, 'model.json'), JSON.stringify(json));
      writeFileSync(join(tmp, 'weights.bin'), weightBytes(artifacts.weightData));
      return { modelArtifactsInfo: { dateSaved: new Date(), modelTopologyType: 'JSON' } };
    }));
    writeFileSync(join(tmp, 'preprocessing.json'), `${JSON.stringify(prep, null, 2)}\n`);
    if (existsSync(dir)) rmSync(dir, { recursive: true });
    renameSync(tmp, dir);
  } catch (e) {
    rmSync(tmp, { recursive: true, force: true });
    throw e;
  } finally {
    model.dispose();
  }
}

/** Loads a saved model folder back: the tfjs model and its preprocessing. */
export async function loadModel(tf: Tf, dir: string): Promise<{ model: LayersModel; prep: Preprocessing }> {
  const json = JSON.parse(readFileSync(join(dir, 'model.json'), 'utf8')) as { modelTopology: object; weightsManifest: Array<{ weights: [] }> };
  const bytes = readFileSync(join(dir, 'weights.bin'));
  const weightData = bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength);
  const model = await tf.loadLayersModel(tf.io.fromMemory({ modelTopology: json.modelTopology, weightSpecs: json.weightsManifest[0]!.weights, weightData }));
  const prep = JSON.parse(readFileSync(join(dir, 'preprocessing.json'), 'utf8')) as Preprocessing;
  return { model, prep };
}

/** A saved model folder that cannot be read back as one of our networks; the message names the file. */
export class SavedModelError extends Error {}

interface SavedLayer { class_name: string; config: { units?: number; activation?: string; rate?: number; alpha?: number } }

/** The hidden layers of a saved Sequential topology (the reverse of toLayersModel) and the output layer. */
function savedLayers(layers: SavedLayer[], file: string): { hidden: Layer[]; output: { units: number; activation: string } } {
  const out: Layer[] = [];
  for (const l of layers) {
    if (l.class_name === 'Dense') out.push({ units: Number(l.config.units), activation: (l.config.activation ?? 'linear') as Activation });
    else if (l.class_name === 'Dropout') out.push({ dropout: Number(l.config.rate ?? 0) });
    else if (l.class_name === 'LeakyReLU' && out.length > 0 && 'units' in out[out.length - 1]!) {
      if (l.config.alpha !== undefined && Math.abs(l.config.alpha - LEAKY_ALPHA) > 1e-6) throw new SavedModelError(`${file}: LeakyReLU alpha ${l.config.alpha} is not ${LEAKY_ALPHA}`);
      (out[out.length - 1] as { activation?: Activation }).activation = 'leakyRelu';
    } else throw new SavedModelError(`${file}: layer ${l.class_name} is not one this engine saves (Dense, Dropout, LeakyReLU)`);
  }
  const last = out.pop();
  if (!last || !('units' in last)) throw new SavedModelError(`${file}: the model does not end with a Dense layer`);
  return { hidden: out, output: { units: last.units, activation: last.activation ?? 'linear' } };
}

/**
 * Reads a saved model folder back as the network and flat parameters training used, so inference
 * runs the same forward pass (createPredictor in step.ts) as training's validation. The weights file
 * holds each dense layer's kernel then bias in order, which is exactly the flat parameter layout.
 */
export function readSavedNetwork(dir: string): { net: Network; params: Float32Array; prep: Preprocessing } {
  const file = join(dir, 'model.json');
  let json: { modelTopology?: { config?: { layers?: SavedLayer[] } }; weightsManifest?: Array<{ weights: Array<{ shape: number[]; dtype: string }> }> };
  let prep: Preprocessing;
  try {
    json = JSON.parse(readFileSync(file, 'utf8'));
    prep = JSON.parse(readFileSync(join(dir, 'preprocessing.json'), 'utf8')) as Preprocessing;
  } catch (e) {
    throw new SavedModelError(`${dir}: cannot read the saved model (${(e as Error).message})`);
  }
  if (prep?.format !== 'mlops-preprocessing/v1') throw new SavedModelError(`${join(dir, 'preprocessing.json')}: not an mlops-preprocessing/v1 file`);
  const { hidden, output } = savedLayers(json.modelTopology?.config?.layers ?? [], file);
  const task = prep.target.task;
  const type = hidden.length > 0 ? 'mlp' : task === 'regression' ? 'linear' : 'logistic';
  const net = buildNetwork({ type, task, layers: hidden }, prep.featureNames.length, output.units);
  const expected = (net.layers[net.layers.length - 1] as { activation: string }).activation;
  if (output.activation !== expected) throw new SavedModelError(`${file}: output activation ${output.activation} does not fit a ${task} model (${expected})`);
  const bytes = readFileSync(join(dir, 'weights.bin'));
  const specs = json.weightsManifest?.[0]?.weights ?? [];
  const shapes = denseLayers(net).flatMap(({ layer }) => [[layer.inputs, layer.units], [layer.units]]);
  if (specs.length !== shapes.length || specs.some((w, i) => w.dtype !== 'float32' || w.shape.join('x') !== shapes[i]!.join('x')) || bytes.byteLength !== net.size * 4) {
    throw new SavedModelError(`${file}: the weights (${bytes.byteLength} bytes) do not match the layers it describes`);
  }
  const params = new Float32Array(net.size);
  new Uint8Array(params.buffer).set(bytes);
  return { net, params, prep };
}
