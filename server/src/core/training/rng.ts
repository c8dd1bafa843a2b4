/**
 * A small seeded generator (mulberry32 over a splitmix32-scrambled seed). Training never uses
 * Math.random: weight initialisation, shuffling, dropout masks and random sweeps all draw from here,
 * so the same seed gives the same run.
 */
import { mulberry32 } from '../random';

export interface Rng {
  /** Uniform in [0, 1). */
  next(): number;
  /** Uniform integer in [0, n). */
  int(n: number): number;
  /** In-place Fisher–Yates shuffle. */
  shuffle<T>(items: T[] | Int32Array): void;
  /** A new independent generator derived from this one (for per-epoch or per-layer streams). */
  fork(): Rng;
}

function scramble(seed: number): number {
  let z = (seed + 0x9e3779b9) | 0;
  z = Math.imul(z ^ (z >>> 16), 0x85ebca6b);
  z = Math.imul(z ^ (z >>> 13), 0xc2b2ae35);
  return (z ^ (z >>> 16)) >>> 0;
}

/** Creates a generator from an integer seed. */
export function createRng(seed: number): Rng {
  const next = mulberry32(scramble(Math.trunc(seed)));
  const int = (n: number): number => Math.floor(next() * n);
  return {
    next,
    int,
    shuffle(items) {
      for (let i = items.length - 1; i > 0; i--) {
        const j = int(i + 1);
        const tmp = items[i]!;
        items[i] = items[j]!;
        items[j] = tmp;
      }
    },
    fork: () => createRng(Math.floor(next() * 2 ** 31)),
  };
}
