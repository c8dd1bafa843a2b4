import { mkdirSync, readFileSync, renameSync, rmSync, writeFileSync, existsSync } from 'node:fs';
import { join } from 'node:path';
import type { LayersModel } from '@tensorflow/tfjs';
import type { Tf } from './backend';
import { denseLayers, LEAKY_ALPHA, type Network } from './network';
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
