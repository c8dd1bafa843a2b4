// npm run bench training: the custom training step against stock tf.LayersModel.fit (same model, data,
// batch size and backend, measured alternately in this run), and a sweep with 2 workers against 1.
// The machine is shared: every figure is a median of alternating repeats, and the load is printed.
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { availableParallelism, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { Worker } from 'node:worker_threads';
import { parse, stringify } from 'yaml';
import { loadBackend, type Tf } from '../../server/src/core/training/backend';
import { createTrainer, type Dataset } from '../../server/src/core/training/fit';
import { buildNetwork } from '../../server/src/core/training/network';
import { createRng } from '../../server/src/core/training/rng';
import { loadRunnableSpec } from '../../server/src/core/pipeline/load';
import { pipelineSchema } from '../../server/src/core/training/overrides';
import { runSweep } from '../../server/src/core/training/sweepRunner';
import { TrialPool } from '../../server/src/core/training/workerPool';
import { median, type BenchRow, type BenchSuite } from './table';

const ROWS = 20_480;
const BATCH = 256;
const REPEATS = 7;
// Long enough that each trial is mostly training, as in real sweeps, not worker start-up (about 0.5 s of
// CPU per worker to load TensorFlow.js and compile its wasm).
const SWEEP_EPOCHS = 200;

function synthetic(): Dataset {
  const rng = createRng(1);
  const x = Float32Array.from({ length: ROWS * 20 }, () => rng.next() * 2 - 1);
  const y = Float32Array.from({ length: ROWS }, (_, r) => (x[r * 20]! + x[r * 20 + 1]! * x[r * 20 + 2]! > 0 ? 1 : 0));
  return { x, y, rows: ROWS };
}

/** Samples per second of one epoch of each, alternating so load changes hit both alike. */
async function stepRow(tf: Tf): Promise<BenchRow> {
  const data = synthetic();
  const net = buildNetwork({ type: 'mlp', task: 'binary', layers: [{ units: 64, activation: 'relu' }, { units: 64, activation: 'relu' }] }, 20, 1);
  const ours = createTrainer(tf, net, data, { epochs: 1, batchSize: BATCH, optimizer: 'adam', learningRate: 0.001, seed: 1 });
  const model = tf.sequential({ layers: [tf.layers.dense({ inputShape: [20], units: 64, activation: 'relu' }), tf.layers.dense({ units: 64, activation: 'relu' }), tf.layers.dense({ units: 1, activation: 'sigmoid' })] });
  model.compile({ optimizer: tf.train.adam(0.001), loss: 'binaryCrossentropy' });
  const xs = tf.tensor2d(data.x, [ROWS, 20]);
  const ys = tf.tensor2d(data.y, [ROWS, 1]);
  const time = async (f: () => Promise<unknown>) => { const t = performance.now(); await f(); return ROWS / ((performance.now() - t) / 1000); };
  await ours.epoch();
  await model.fit(xs, ys, { batchSize: BATCH, epochs: 1, verbose: 0 });
  const a: number[] = [], b: number[] = [];
  for (let i = 0; i < REPEATS; i++) {
    a.push(await time(() => ours.epoch()));
    b.push(await time(() => model.fit(xs, ys, { batchSize: BATCH, epochs: 1, verbose: 0 })));
  }
  tf.dispose([xs, ys]);
  model.dispose();
  const ratio = median(a) / median(b);
  return { case: `train step, 20->64->64->1 MLP, batch ${BATCH}, ${ROWS} rows, wasm (samples/s)`, ours: `${Math.round(median(a)).toLocaleString('en')}`, baseline: `${Math.round(median(b)).toLocaleString('en')}`, ratio: `${ratio.toFixed(2)}x`, target: '>= 2x stock fit', met: ratio >= 2 };
}

/** Wall time of the same sweep of examples/churn with 2 workers and with 1 (and the CPU time it used). */
async function sweepRows(): Promise<BenchRow[]> {
  const dir = mkdtempSync(join(tmpdir(), 'mlops-bench-sweep-'));
  const example = join(__dirname, '../../examples/churn');
  cpSync(join(example, 'data'), join(dir, 'data'), { recursive: true });
  cpSync(join(example, 'contracts'), join(dir, 'contracts'), { recursive: true });
  const raw = parse(readFileSync(join(example, 'mlops.yaml'), 'utf8'));
  // The example's own sweep (6 random trials over learning rate and width), each trial a fixed
  // SWEEP_EPOCHS epochs so both settings do exactly the same work.
  delete raw.training.earlyStopping;
  raw.training.epochs = SWEEP_EPOCHS;
  writeFileSync(join(dir, 'mlops.yaml'), stringify(raw));
  const specPath = join(dir, 'mlops.yaml');
  const { spec, hash } = loadRunnableSpec(specPath);
  const worker = join(__dirname, '../../dist/workers/trainTrial.js');
  const sweep = async (parallel: number) => {
    const pool = new TrialPool(worker, parallel);
    const cpu = process.cpuUsage();
    const t = performance.now();
    const r = await runSweep({ workspace: dir, specPath, specHash: hash, spec, schema: pipelineSchema(), parallel, runTrial: (q, e, s) => pool.run(q, e, s) });
    const seconds = (performance.now() - t) / 1000;
    const used = process.cpuUsage(cpu);
    cpuSeconds[parallel]!.push((used.user + used.system) / 1e6);
    await pool.close();
    if (r.status !== 'completed') throw new Error(`bench sweep ${r.status}: ${r.error}`);
    return seconds;
  };
  const one: number[] = [], two: number[] = [];
  const cpuSeconds: Record<number, number[]> = { 1: [], 2: [] };
  try {
    for (let i = 0; i < 3; i++) { two.push(await sweep(2)); one.push(await sweep(1)); }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
  const ratio = median(one) / median(two);
  const cpuRatio = median(cpuSeconds[2]!) / median(cpuSeconds[1]!);
  return [
    { case: `sweep of examples/churn, 6 trials x ${SWEEP_EPOCHS} epochs, parallel 2 vs 1 (wall s, ${availableParallelism()} cores)`, ours: median(two).toFixed(2), baseline: median(one).toFixed(2), ratio: `${ratio.toFixed(2)}x`, target: '>= 1.7x parallel 1', met: ratio >= 1.7 },
    { case: 'same sweeps: CPU time of all threads (s)', ours: median(cpuSeconds[2]!).toFixed(2), baseline: median(cpuSeconds[1]!).toFixed(2), ratio: `${cpuRatio.toFixed(2)}x`, target: 'about 1x (context: same work)', met: null },
  ];
}

const SPIN = `let x = 0; for (let i = 0; i < 2e8; i++) x = (x + i * 7) % 1000003; require('node:worker_threads').parentPort.postMessage(x);`;

// The same wasm SIMD kernels training uses (matMul), single-threaded per worker: vector work, unlike
// the scalar loop above, may share execution units between the two virtual cores.
const WASM_SPIN = `(async () => {
  const tf = require('@tensorflow/tfjs'); require('@tensorflow/tfjs-backend-wasm').setThreadsCount(1);
  await tf.setBackend('wasm'); await tf.ready();
  const a = tf.randomNormal([256, 256]), b = tf.randomNormal([256, 256]);
  for (let i = 0; i < 300; i++) tf.tidy(() => tf.matMul(a, b).dataSync());
  require('node:worker_threads').parentPort.postMessage(0);
})();`;

/** Wall time of `chunks` fixed CPU-bound chunks on `threads` worker threads. */
async function spin(threads: number, chunks: number, code = SPIN): Promise<number> {
  const t = performance.now();
  await Promise.all(Array.from({ length: threads }, async () => {
    for (let c = 0; c < chunks / threads; c++) {
      await new Promise<void>((resolve, reject) => {
        const w = new Worker(code, { eval: true });
        w.once('message', () => { void w.terminate(); resolve(); });
        w.once('error', reject);
      });
    }
  }));
  return (performance.now() - t) / 1000;
}

/** What two threads can gain on this machine right now: the ceiling for the sweep's ratio. */
async function machineRow(): Promise<BenchRow> {
  const one: number[] = [], two: number[] = [];
  for (let i = 0; i < 3; i++) { two.push(await spin(2, 2)); one.push(await spin(1, 2)); }
  const ratio = median(one) / median(two);
  return { case: 'machine check: CPU-bound JS, same work on 2 threads vs 1 (s)', ours: median(two).toFixed(2), baseline: median(one).toFixed(2), ratio: `${ratio.toFixed(2)}x`, target: 'ideal 2x (context)', met: null };
}

/** The same check with wasm SIMD matMul, the kernels training runs: the ceiling for vector work. */
async function machineWasmRow(): Promise<BenchRow> {
  const one: number[] = [], two: number[] = [];
  for (let i = 0; i < 3; i++) { two.push(await spin(2, 2, WASM_SPIN)); one.push(await spin(1, 2, WASM_SPIN)); }
  const ratio = median(one) / median(two);
  return { case: 'machine check: wasm SIMD matMul 256x256, same work on 2 threads vs 1 (s)', ours: median(two).toFixed(2), baseline: median(one).toFixed(2), ratio: `${ratio.toFixed(2)}x`, target: 'ideal 2x (context)', met: null };
}

const suite: BenchSuite = {
  title: 'Training',
  baselineName: 'stock fit / parallel 1',
  async run() {
    const before = loadavg()[0]!;
    const { tf, name } = await loadBackend('wasm');
    if (name !== 'wasm') throw new Error('the bench needs the wasm backend');
    const rows = [await stepRow(tf), ...await sweepRows(), await machineRow(), await machineWasmRow()];
    process.stderr.write(`load average (1 min) before ${before.toFixed(1)}, after ${loadavg()[0]!.toFixed(1)} on ${availableParallelism()} cores shared with other work\n`);
    return rows;
  },
};

export default suite;
