import type { Tensor, Tensor1D, Tensor2D } from '@tensorflow/tfjs';
import type { Activation } from '../pipeline/spec';
import type { Tf } from './backend';
import { denseLayers, LEAKY_ALPHA, type Network } from './network';

/*
 * The custom training step. Stock `model.fit` derives gradients through the BatchMatMul gradient
 * (matMul with transpose flags), which the wasm backend runs far below its plain matMul speed, and it
 * pays per-batch bookkeeping (callbacks, loss read-back, tape). Here the backward pass of every dense
 * layer is written out with explicit transposes, activations are fused into the matMul where the
 * backend can, and the whole gradient comes back in one read per batch. The optimizer update then
 * runs on the flat parameter buffer (see optim.ts).
 */

const SELU_SCALE = 1.0507009873554805;
const SELU_ALPHA = 1.6732632423543772;
const FUSABLE = new Set<Activation>(['linear', 'relu', 'sigmoid', 'elu', 'leakyRelu']);

interface DenseTrace { input: Tensor2D; pre: Tensor2D | null; out: Tensor2D }

function fusedName(a: Activation): 'linear' | 'relu' | 'sigmoid' | 'elu' | 'leakyrelu' {
  return a === 'leakyRelu' ? 'leakyrelu' : (a as 'linear' | 'relu' | 'sigmoid' | 'elu');
}

function activate(tf: Tf, act: Activation, z: Tensor2D): Tensor2D {
  switch (act) {
    case 'tanh': return tf.tanh(z);
    case 'softmax': return tf.softmax(z);
    case 'selu': return tf.selu(z);
    case 'gelu': return tf.mul(tf.mul(z, 0.5), tf.add(tf.erf(tf.mul(z, Math.SQRT1_2)), 1)) as Tensor2D;
    case 'swish': return tf.mul(z, tf.sigmoid(z)) as Tensor2D;
    default: throw new Error(`activation ${act} is fused`);
  }
}

/** One dense layer forward: the matMul with bias (and activation when the backend fuses it). */
function denseForward(tf: Tf, x: Tensor2D, w: Tensor2D, b: Tensor1D, act: Activation): DenseTrace {
  if (FUSABLE.has(act)) {
    const out = tf.fused.matMul({ a: x, b: w, bias: b, activation: fusedName(act), leakyreluAlpha: LEAKY_ALPHA }) as Tensor2D;
    return { input: x, pre: null, out };
  }
  const pre = tf.fused.matMul({ a: x, b: w, bias: b }) as Tensor2D;
  return { input: x, pre, out: activate(tf, act, pre) };
}

/** Gradient with respect to a layer's pre-activation, given the gradient with respect to its output. */
function activationGrad(tf: Tf, act: Activation, d: Tensor2D, t: DenseTrace): Tensor2D {
  const a = t.out;
  switch (act) {
    case 'linear': return d;
    case 'relu': return tf.mul(d, tf.step(a));
    case 'sigmoid': return tf.mul(d, tf.mul(a, tf.sub(1, a)));
    case 'tanh': return tf.mul(d, tf.sub(1, tf.square(a)));
    case 'elu': return tf.mul(d, tf.add(tf.minimum(a, 0), 1));
    case 'leakyRelu': return tf.mul(d, tf.add(tf.mul(tf.step(a), 1 - LEAKY_ALPHA), LEAKY_ALPHA));
    case 'selu': {
      const sa = SELU_SCALE * SELU_ALPHA;
      return tf.mul(d, tf.add(tf.add(tf.mul(tf.step(a), SELU_SCALE - sa), tf.minimum(a, 0)), sa));
    }
    case 'gelu': {
      const z = t.pre!;
      const cdf = tf.mul(tf.add(tf.erf(tf.mul(z, Math.SQRT1_2)), 1), 0.5);
      const pdf = tf.mul(tf.exp(tf.mul(tf.square(z), -0.5)), 1 / Math.sqrt(2 * Math.PI));
      return tf.mul(d, tf.add(cdf, tf.mul(z, pdf)));
    }
    case 'swish': {
      const s = tf.sigmoid(t.pre!);
      return tf.mul(d, tf.mul(s, tf.add(tf.mul(t.pre!, tf.sub(1, s)), 1)));
    }
    case 'softmax': return tf.mul(a, tf.sub(d, tf.sum(tf.mul(d, a), 1, true)));
  }
}

/** The parameters of one step as tensors (created from the flat buffer, disposed by the caller's tidy). */
function paramTensors(tf: Tf, net: Network, params: Float32Array) {
  return denseLayers(net).map(({ layer, weights, bias }) => ({
    w: tf.tensor2d(params.slice(weights, weights + layer.inputs * layer.units), [layer.inputs, layer.units]),
    b: tf.tensor1d(params.slice(bias, bias + layer.units)),
  }));
}

/**
 * Runs the network forward. `masks` holds one scaled keep-mask per dropout layer (training), or is
 * empty (inference: dropout is the identity). Returns every dense layer's trace; the last one's `out`
 * is the prediction.
 */
function forward(tf: Tf, net: Network, p: ReturnType<typeof paramTensors>, x: Tensor2D, masks: Tensor2D[]): { traces: DenseTrace[]; dropped: Array<Tensor2D | null> } {
  const traces: DenseTrace[] = [];
  const dropped: Array<Tensor2D | null> = [];
  let h = x;
  let dense = 0;
  let drop = 0;
  for (const layer of net.layers) {
    if (layer.kind === 'dropout') {
      const mask = masks[drop++];
      if (mask) h = tf.mul(h, mask);
      dropped.push(mask ?? null);
      continue;
    }
    const t = denseForward(tf, h, p[dense]!.w, p[dense]!.b, layer.activation);
    traces.push(t);
    dropped.push(null);
    dense++;
    h = t.out;
  }
  return { traces, dropped };
}

/**
 * One training step: forward, loss gradient, backward with explicit transposes. `y` is the target
 * batch (0/1 column for binary, one-hot rows for multiclass, values for regression). Returns the
 * gradient of the mean loss as a flat buffer laid out like the parameters.
 */
export function gradientStep(tf: Tf, net: Network, params: Float32Array, x: Tensor2D, y: Tensor2D, masks: Tensor2D[]): Float32Array {
  const flat = tf.tidy(() => {
    const p = paramTensors(tf, net, params);
    const { traces, dropped } = forward(tf, net, p, x, masks);
    const rows = x.shape[0];
    // Sigmoid + binary cross-entropy, softmax + cross-entropy and linear + squared error all have
    // (prediction - target) as the gradient at the output layer's pre-activation.
    const scale = (net.task === 'regression' ? 2 : 1) / rows;
    let d = tf.mul(tf.sub(traces[traces.length - 1]!.out, y), scale) as Tensor2D;
    const grads: Tensor[] = [];
    let dense = traces.length - 1;
    for (let li = net.layers.length - 1; li >= 0; li--) {
      const layer = net.layers[li]!;
      if (layer.kind === 'dropout') {
        const mask = dropped[li];
        if (mask) d = tf.mul(d, mask);
        continue;
      }
      const t = traces[dense]!;
      if (dense < traces.length - 1) d = activationGrad(tf, layer.activation, d, t);
      grads[dense * 2] = tf.reshape(tf.matMul(tf.transpose(t.input), d), [-1]);
      grads[dense * 2 + 1] = tf.sum(d, 0);
      if (dense > 0) d = tf.matMul(d, tf.transpose(p[dense]!.w));
      dense--;
    }
    return tf.concat(grads);
  });
  const out = flat.dataSync() as Float32Array;
  flat.dispose();
  return out;
}

/** A network ready to predict: its parameters held as tensors until `dispose`. */
export interface Predictor {
  /** Predictions for a feature matrix (rows x inputs, row-major): rows x outputs, row-major. */
  predict(x: Float32Array, rows: number): Float32Array;
  dispose(): void;
}

/**
 * Keeps the parameters as tensors so repeated predictions (a server scoring request after request)
 * do not rebuild them; each call runs the same inference forward pass as training's validation, in
 * chunks of 8192 rows so memory stays bounded.
 */
export function createPredictor(tf: Tf, net: Network, params: Float32Array): Predictor {
  const p = paramTensors(tf, net, params);
  const chunk = 8192;
  return {
    predict(x, rows) {
      const result = new Float32Array(rows * net.outputs);
      for (let start = 0; start < rows; start += chunk) {
        const n = Math.min(chunk, rows - start);
        const part = tf.tidy(() => {
          const xt = tf.tensor2d(x.subarray(start * net.inputs, (start + n) * net.inputs), [n, net.inputs]);
          const { traces } = forward(tf, net, p, xt, []);
          return traces[traces.length - 1]!.out;
        });
        result.set(part.dataSync() as Float32Array, start * net.outputs);
        part.dispose();
      }
      return result;
    },
    dispose() {
      for (const t of p) { t.w.dispose(); t.b.dispose(); }
    },
  };
}

/** Predictions for a feature matrix (rows x inputs), in chunks so memory stays bounded. */
export function predict(tf: Tf, net: Network, params: Float32Array, x: Float32Array, rows: number): Float32Array {
  const predictor = createPredictor(tf, net, params);
  try {
    return predictor.predict(x, rows);
  } finally {
    predictor.dispose();
  }
}
