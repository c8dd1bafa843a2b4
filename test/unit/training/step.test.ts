import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { Tensor, Tensor2D } from '@tensorflow/tfjs';
import { loadBackend, type Tf } from '../../../server/src/core/training/backend';
import { buildNetwork, denseLayers, initParams, LEAKY_ALPHA, type Network } from '../../../server/src/core/training/network';
import { createRng } from '../../../server/src/core/training/rng';
import { gradientStep, predict } from '../../../server/src/core/training/step';
import type { Activation, ModelSpec } from '../../../server/src/core/pipeline/spec';

// The custom step writes every gradient by hand; TensorFlow.js' autodiff of the same forward pass and
// loss is the reference it must match, for every activation and every task.

function reference(tf: Tf, act: Activation, z: Tensor): Tensor {
  switch (act) {
    case 'relu': return tf.relu(z);
    case 'sigmoid': return tf.sigmoid(z);
    case 'tanh': return tf.tanh(z);
    case 'linear': return z;
    case 'softmax': return tf.softmax(z as Tensor2D);
    case 'elu': return tf.elu(z);
    case 'selu': return tf.selu(z);
    case 'leakyRelu': return tf.leakyRelu(z, LEAKY_ALPHA);
    case 'gelu': return tf.mul(tf.mul(z, 0.5), tf.add(tf.erf(tf.div(z, Math.SQRT2)), 1));
    case 'swish': return tf.mul(z, tf.sigmoid(z));
  }
}

function referenceLoss(tf: Tf, net: Network, params: Tensor[], x: Tensor2D, y: Tensor2D): Tensor {
  let h: Tensor = x;
  const dense = denseLayers(net);
  dense.forEach(({ layer }, i) => {
    const z = tf.add(tf.matMul(h as Tensor2D, params[2 * i] as Tensor2D), params[2 * i + 1]!);
    h = i === dense.length - 1 ? z : reference(tf, layer.activation, z);
  });
  if (net.task === 'binary') return tf.mean(tf.sub(tf.softplus(h), tf.mul(y, h)));
  if (net.task === 'multiclass') return tf.neg(tf.mean(tf.sum(tf.mul(y, tf.logSoftmax(h as Tensor2D)), 1)));
  return tf.mean(tf.square(tf.sub(h, y)));
}

function data(tf: Tf, net: Network, rows: number, seed: number): { x: Tensor2D; y: Tensor2D } {
  const rng = createRng(seed);
  const x = Float32Array.from({ length: rows * net.inputs }, () => rng.next() * 4 - 2);
  const y = new Float32Array(rows * net.outputs);
  for (let r = 0; r < rows; r++) {
    if (net.task === 'multiclass') y[r * net.outputs + rng.int(net.outputs)] = 1;
    else y[r] = net.task === 'binary' ? rng.int(2) : rng.next() * 3 - 1;
  }
  return { x: tf.tensor2d(x, [rows, net.inputs]), y: tf.tensor2d(y, [rows, net.outputs]) };
}

function compare(tf: Tf, model: ModelSpec, outputs: number, seed: number): void {
  const net = buildNetwork(model, 5, outputs);
  const params = initParams(net, createRng(seed));
  const { x, y } = data(tf, net, 17, seed + 1);
  const ours = gradientStep(tf, net, params, x, y, []);
  const tensors = denseLayers(net).flatMap(({ layer, weights, bias }) => [
    tf.tensor2d(params.slice(weights, weights + layer.inputs * layer.units), [layer.inputs, layer.units]),
    tf.tensor1d(params.slice(bias, bias + layer.units)),
  ]);
  const grads = tf.grads((...p: Tensor[]) => referenceLoss(tf, net, p, x, y))(tensors);
  const expected = new Float32Array(net.size);
  denseLayers(net).forEach(({ weights, bias }, i) => {
    expected.set(grads[2 * i]!.dataSync(), weights);
    expected.set(grads[2 * i + 1]!.dataSync(), bias);
  });
  const scale = Math.max(...expected.map(Math.abs));
  const worst = Math.max(...ours.map((g, i) => Math.abs(g - expected[i]!)));
  assert.ok(scale > 1e-4, 'the reference gradient is not trivially zero');
  assert.ok(worst <= 1e-4 * Math.max(1, scale), `${model.task} ${JSON.stringify(model.layers)}: max gradient error ${worst} (scale ${scale})`);
  tf.dispose([x, y, ...tensors, ...grads]);
}

const activations: Activation[] = ['relu', 'sigmoid', 'tanh', 'linear', 'softmax', 'elu', 'selu', 'gelu', 'swish', 'leakyRelu'];

test('the hand-written gradients match autodiff for every activation (binary task)', async () => {
  const { tf } = await loadBackend('wasm');
  for (const [i, activation] of activations.entries()) {
    compare(tf, { type: 'mlp', task: 'binary', layers: [{ units: 6, activation }, { units: 4, activation }] }, 1, 100 + i);
  }
});

test('the hand-written gradients match autodiff for multiclass, regression, logistic and linear models', async () => {
  const { tf } = await loadBackend('wasm');
  compare(tf, { type: 'mlp', task: 'multiclass', layers: [{ units: 7, activation: 'tanh' }] }, 4, 1);
  compare(tf, { type: 'mlp', task: 'regression', layers: [{ units: 7, activation: 'relu' }, { units: 3, activation: 'elu' }] }, 1, 2);
  compare(tf, { type: 'logistic', task: 'binary' }, 1, 3);
  compare(tf, { type: 'logistic', task: 'multiclass' }, 3, 4);
  compare(tf, { type: 'linear', task: 'regression' }, 1, 5);
});

test('predict runs the same forward pass as the step and keeps no tensors alive', async () => {
  const { tf } = await loadBackend('wasm');
  const net = buildNetwork({ type: 'mlp', task: 'binary', layers: [{ units: 8 }, { dropout: 0.5 }, { units: 4 }] }, 5, 1);
  const params = initParams(net, createRng(9));
  const before = tf.memory().numTensors;
  const rows = 10_000; // more than one predict chunk
  const rng = createRng(10);
  const x = Float32Array.from({ length: rows * 5 }, () => rng.next());
  const p = predict(tf, net, params, x, rows);
  assert.equal(p.length, rows);
  assert.ok(p.every((v) => v > 0 && v < 1));
  assert.equal(tf.memory().numTensors, before);
  // Row 9,000 (second chunk) computed alone gives the same value.
  const single = predict(tf, net, params, x.slice(9000 * 5, 9001 * 5), 1);
  assert.ok(Math.abs(single[0]! - p[9000]!) < 1e-6);
});
