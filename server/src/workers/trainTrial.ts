// Worker thread that trains sweep trials one at a time (dist/workers/trainTrial.js). Each worker has
// its own TensorFlow.js engine and wasm instance, so trials on different cores never share state.
import { parentPort, workerData } from 'node:worker_threads';
import { setThreadsCount } from '@tensorflow/tfjs-backend-wasm';
import { loadBackend } from '../core/training/backend';
import { runTraining } from '../core/training/run';
import type { FromWorker, ToWorker } from '../core/training/workerProtocol';

// Must precede the backend's start: the wasm thread pool is sized when the backend is created.
const wasmThreads = (workerData as { wasmThreads?: number } | null)?.wasmThreads;
if (wasmThreads) setThreadsCount(wasmThreads);

// Load TensorFlow.js and start its backend now, while the main thread still reads and checks the
// data: a trial then starts training at once. A failure here is left for the trial to report.
const warm = loadBackend('auto').catch(() => undefined);

const port = parentPort!;
let controller: AbortController | undefined;
// The epoch waiting for the parent's pruning decision (ASHA runs in the parent, across all trials).
let pending: { epoch: number; resolve: (prune: boolean) => void } | undefined;
const send = (m: FromWorker) => port.postMessage(m);

port.on('message', (m: ToWorker) => {
  switch (m.type) {
    case 'cancel':
      controller?.abort();
      pending?.resolve(false);
      return;
    case 'decision':
      if (pending?.epoch === m.epoch) { pending.resolve(m.prune); pending = undefined; }
      return;
    case 'run': {
      const current = new AbortController();
      controller = current;
      const shouldPrune = m.request.pruning ? (epoch: number) => new Promise<boolean>((resolve) => { pending = { epoch, resolve }; }) : undefined;
      warm.then(() => runTraining({ ...m.request, signal: current.signal, onEvent: (event) => send({ type: 'event', event }), shouldPrune })).then(
        (result) => send({ type: 'result', result }),
        (e: unknown) => send({ type: 'error', message: (e as Error)?.message ?? String(e) }),
      );
      return;
    }
    default: {
      const never: never = m;
      throw new Error(`unknown message ${JSON.stringify(never)}`);
    }
  }
});
