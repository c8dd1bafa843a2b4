/** Deterministic data for the webview tests (mulberry32), never Math.random. */
import type { RunRow } from '../../webviews/src/protocol';
import { mulberry32 } from '../../server/src/core/random';

export const seededRandom = mulberry32;

/** `n` plausible run rows of a sweep, ids run-0000 ... in start order. */
export function generateRuns(n: number, seed: number): RunRow[] {
  const rnd = seededRandom(seed);
  const statuses = ['completed', 'completed', 'completed', 'failed', 'cancelled'] as const;
  const start = Date.UTC(2026, 0, 1);
  return Array.from({ length: n }, (_, i): RunRow => {
    const lr = [0.001, 0.003, 0.01][Math.floor(rnd() * 3)]!;
    const units = 16 + Math.floor(rnd() * 112);
    const status = statuses[Math.floor(rnd() * statuses.length)]!;
    return {
      id: `run-${String(i).padStart(4, '0')}`,
      status,
      specPath: 'mlops.yaml',
      startedAt: new Date(start + i * 60_000).toISOString(),
      durationMs: 20_000 + Math.floor(rnd() * 40_000),
      backend: 'wasm',
      params: { 'training.learningRate': lr, 'model.layers[0].units': units, 'training.epochs': 30 },
      metrics: status === 'completed' ? { val_auc: Number((0.7 + rnd() * 0.2).toFixed(4)), val_loss: Number((0.35 + rnd() * 0.2).toFixed(4)) } : {},
      dataHashes: { train: 'ab'.repeat(32) },
      sweepId: 'sweep-big',
      trial: i,
      gatesPassed: status === 'completed' ? true : null,
      starred: false,
    };
  });
}
