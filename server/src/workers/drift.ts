// Worker thread for `mlops drift`: sorts and compares numeric columns handed over on shared memory
// (bundled to dist/workers/drift.js; started by core/drift/parallel/pool.ts).
import { parentPort } from 'node:worker_threads';
import { runDriftTask, type DriftTask } from '../core/drift/parallel/tasks';

parentPort?.on('message', (task: DriftTask) => {
  parentPort!.postMessage(runDriftTask(task));
});
