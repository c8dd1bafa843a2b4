import type { Tensor2D } from '@tensorflow/tfjs';
import type { TrainingSpec } from '../pipeline/spec';
import type { Tf } from './backend';
import { CancelledError, throwIfCancelled } from './errors';
import { computeMetrics } from './metrics';
import { initParams, type Network } from './network';
import { createOptimizer } from './optim';
import { createRng, type Rng } from './rng';
import { gradientStep, predict } from './step';

/** Features (rows x inputs, row-major) and targets (0/1, class index or value). */
export interface Dataset { x: Float32Array; y: Float32Array; rows: number }

export interface EarlyStopping { monitor: string; patience: number; minDelta: number; mode: 'min' | 'max' }

export interface FitConfig {
  epochs: number;
  batchSize: number;
  optimizer: NonNullable<TrainingSpec['optimizer']>;
  learningRate: number;
  seed: number;
  earlyStopping?: EarlyStopping;
  signal?: AbortSignal;
  onEpoch?: (e: EpochResult) => void | Promise<void>;
}

export interface EpochResult { epoch: number; epochs: number; metrics: Record<string, number>; seconds: number }

export interface FitResult {
  params: Float32Array;
  history: EpochResult[];
  /** The epoch whose weights are kept: the best one by the early-stopping monitor, else the last. */
  bestEpoch: number;
  stoppedEarly: boolean;
}

/** Thrown when the loss stops being a finite number. */
export class DivergedError extends Error {}

const yieldToEvents = () => new Promise<void>((resolve) => setImmediate(resolve));

function targetBatch(tf: Tf, net: Network, y: Float32Array, idx: Int32Array): Tensor2D {
  if (net.task !== 'multiclass') return tf.tensor2d(Float32Array.from(idx, (r) => y[r]!), [idx.length, 1]);
  const k = net.outputs;
  const onehot = new Float32Array(idx.length * k);
  idx.forEach((r, i) => { onehot[i * k + y[r]!] = 1; });
  return tf.tensor2d(onehot, [idx.length, k]);
}

function featureBatch(tf: Tf, x: Float32Array, width: number, idx: Int32Array): Tensor2D {
  const out = new Float32Array(idx.length * width);
  idx.forEach((r, i) => out.set(x.subarray(r * width, (r + 1) * width), i * width));
  return tf.tensor2d(out, [idx.length, width]);
}

/** Scaled keep-masks (inverted dropout) for each dropout layer, drawn from the seeded generator. */
function dropoutMasks(tf: Tf, net: Network, rows: number, rng: Rng): Tensor2D[] {
  const masks: Tensor2D[] = [];
  let width = net.inputs;
  for (const layer of net.layers) {
    if (layer.kind === 'dense') { width = layer.units; continue; }
    const keep = 1 / (1 - layer.rate);
    const m = new Float32Array(rows * width);
    for (let i = 0; i < m.length; i++) m[i] = rng.next() >= layer.rate ? keep : 0;
    masks.push(tf.tensor2d(m, [rows, width]));
  }
  return masks;
}

/** Metrics of the current weights on a data set, every metric of the task. */
export function evaluate(tf: Tf, net: Network, params: Float32Array, data: Dataset, prefix = ''): Record<string, number> {
  return computeMetrics(net.task, predict(tf, net, params, data.x, data.rows), data.y, net.outputs, prefix);
}

/** The training loop's state: weights, optimizer and the seeded streams for shuffling and dropout. */
export interface Trainer {
  params: Float32Array;
  /** One pass over the training rows in seeded random order, one custom step per batch. */
  epoch(): Promise<void>;
}

/** Creates the weights (seeded) and the epoch loop; `fit` adds metrics and early stopping on top. */
export function createTrainer(tf: Tf, net: Network, train: Dataset, cfg: FitConfig): Trainer {
  const rng = createRng(cfg.seed);
  const params = initParams(net, rng.fork());
  const opt = createOptimizer(cfg.optimizer, cfg.learningRate, net.size);
  const state = { order: Int32Array.from({ length: train.rows }, (_, i) => i), rng: rng.fork(), step: opt.step };
  return { params, epoch: () => runEpoch(tf, net, params, train, cfg, state) };
}

async function runEpoch(tf: Tf, net: Network, params: Float32Array, train: Dataset, cfg: FitConfig, state: { order: Int32Array; rng: Rng; step: (p: Float32Array, g: Float32Array) => void }): Promise<void> {
  state.rng.shuffle(state.order);
  for (let start = 0, batch = 0; start < train.rows; start += cfg.batchSize, batch++) {
    const idx = state.order.subarray(start, Math.min(start + cfg.batchSize, train.rows));
    const xb = featureBatch(tf, train.x, net.inputs, idx);
    const yb = targetBatch(tf, net, train.y, idx);
    const masks = dropoutMasks(tf, net, idx.length, state.rng);
    try {
      state.step(params, gradientStep(tf, net, params, xb, yb, masks));
    } finally {
      xb.dispose(); yb.dispose(); masks.forEach((m) => m.dispose());
    }
    if (batch % 64 === 63) { await yieldToEvents(); throwIfCancelled(cfg.signal); }
  }
}

function improved(value: number, best: number | undefined, es: EarlyStopping): boolean {
  if (best === undefined) return true;
  return es.mode === 'min' ? value < best - es.minDelta : value > best + es.minDelta;
}

/**
 * Trains the network with the custom step: seeded init, shuffling and dropout; metrics for train
 * and validation after each epoch; early stopping that keeps the best epoch's weights. Honours the
 * abort signal between batches (CancelledError).
 */
export async function fit(tf: Tf, net: Network, train: Dataset, val: Dataset | null, cfg: FitConfig): Promise<FitResult> {
  const trainer = createTrainer(tf, net, train, cfg);
  let params = trainer.params;
  const history: EpochResult[] = [];
  const es = cfg.earlyStopping;
  let best: { value: number; epoch: number; params: Float32Array } | undefined;
  for (let epoch = 1; epoch <= cfg.epochs; epoch++) {
    const started = performance.now();
    await trainer.epoch();
    const metrics = { ...evaluate(tf, net, params, train), ...(val ? evaluate(tf, net, params, val, 'val_') : {}) };
    if (!Number.isFinite(metrics.loss ?? NaN)) throw new DivergedError(`training diverged at epoch ${epoch}: the loss is not a finite number; lower training.learningRate or check the feature scaling`);
    const result = { epoch, epochs: cfg.epochs, metrics, seconds: (performance.now() - started) / 1000 };
    history.push(result);
    await cfg.onEpoch?.(result);
    await yieldToEvents();
    if (cfg.signal?.aborted) throw new CancelledError();
    if (!es) continue;
    const value = metrics[es.monitor];
    if (value !== undefined && improved(value, best?.value, es)) best = { value, epoch, params: params.slice() };
    if (best && epoch - best.epoch >= es.patience) break;
  }
  if (best) params = best.params;
  const last = history[history.length - 1]!.epoch;
  return { params, history, bestEpoch: best?.epoch ?? last, stoppedEarly: last < cfg.epochs };
}
