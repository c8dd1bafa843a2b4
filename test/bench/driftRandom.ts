// Seeded random numbers for the drift benchmark data and tests (never Math.random).

import { mulberry32 } from '../../server/src/core/random';

/** The engine's seeded generator (mulberry32), fully reproducible from its seed. */
export const rng = mulberry32;

/** A standard normal draw (Box–Muller). */
export function normal(rand: () => number): number {
  return Math.sqrt(-2 * Math.log(Math.max(rand(), 1e-12))) * Math.cos(2 * Math.PI * rand());
}
