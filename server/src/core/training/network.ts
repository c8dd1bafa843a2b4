import type { Activation, ModelSpec } from '../pipeline/spec';
import type { Rng } from './rng';
import { SpecError } from './errors';

export type Task = ModelSpec['task'];

export interface DenseLayer { kind: 'dense'; inputs: number; units: number; activation: Activation }
export interface DropoutLayer { kind: 'dropout'; rate: number }
export type NetLayer = DenseLayer | DropoutLayer;

/** The network a spec describes, with its parameters laid out in one flat buffer. */
export interface Network {
  task: Task;
  inputs: number;
  outputs: number;
  layers: NetLayer[];
  /** Offsets of each dense layer's weights (inputs x units, row-major) and bias in the flat buffer. */
  slots: Array<{ layer: number; weights: number; bias: number }>;
  size: number;
}

/** Slope of leakyRelu for negative inputs; the saved tfjs model uses the same value. */
export const LEAKY_ALPHA = 0.2;

function outputActivation(task: Task): Activation {
  return task === 'binary' ? 'sigmoid' : task === 'multiclass' ? 'softmax' : 'linear';
}

function hiddenLayers(model: ModelSpec): Array<{ units: number; activation: Activation } | { dropout: number }> {
  const layers = model.layers ?? [];
  if (model.type !== 'mlp') {
    if (layers.length > 0) throw new SpecError('model.layers', `a ${model.type} model has no hidden layers; use type: mlp or remove layers`);
    if (model.type === 'logistic' && model.task === 'regression') throw new SpecError('model.type', 'logistic is for binary or multiclass tasks; use linear for regression');
    if (model.type === 'linear' && model.task !== 'regression') throw new SpecError('model.type', 'linear is for regression; use logistic for classification');
    return [];
  }
  if (!layers.some((l) => 'units' in l)) throw new SpecError('model.layers', 'an mlp needs at least one layer with units');
  return layers.map((l, i) => {
    if ('units' in l) {
      if (!Number.isInteger(l.units) || l.units < 1) throw new SpecError(`model.layers[${i}].units`, `must be a positive integer (got ${String(l.units)})`);
      return { units: l.units, activation: l.activation ?? 'relu' };
    }
    if (!(l.dropout >= 0 && l.dropout < 1)) throw new SpecError(`model.layers[${i}].dropout`, `must be in [0, 1) (got ${String(l.dropout)})`);
    return l;
  });
}

/** Builds the layer list: the spec's hidden layers, then an output layer fitting the task. */
export function buildNetwork(model: ModelSpec, inputs: number, outputs: number): Network {
  const layers: NetLayer[] = [];
  const slots: Network['slots'] = [];
  let width = inputs;
  let size = 0;
  const dense = (units: number, activation: Activation) => {
    slots.push({ layer: layers.length, weights: size, bias: size + width * units });
    size += width * units + units;
    layers.push({ kind: 'dense', inputs: width, units, activation });
    width = units;
  };
  for (const l of hiddenLayers(model)) {
    if ('dropout' in l) layers.push({ kind: 'dropout', rate: l.dropout });
    else dense(l.units, l.activation);
  }
  dense(outputs, outputActivation(model.task));
  return { task: model.task, inputs, outputs, layers, slots, size };
}

/** Glorot-uniform weights and zero biases, drawn from the seeded generator (Keras' defaults). */
export function initParams(net: Network, rng: Rng): Float32Array {
  const params = new Float32Array(net.size);
  for (const slot of net.slots) {
    const layer = net.layers[slot.layer] as DenseLayer;
    const limit = Math.sqrt(6 / (layer.inputs + layer.units));
    for (let i = 0; i < layer.inputs * layer.units; i++) params[slot.weights + i] = (rng.next() * 2 - 1) * limit;
  }
  return params;
}

/** The dense layers with the offsets of their weights and bias in the flat parameter buffer. */
export function denseLayers(net: Network): Array<{ layer: DenseLayer; weights: number; bias: number }> {
  return net.slots.map((s) => ({ layer: net.layers[s.layer] as DenseLayer, weights: s.weights, bias: s.bias }));
}
