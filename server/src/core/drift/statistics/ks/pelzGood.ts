// Pelz and Good's (1976) expansion of the one-sample two-sided Kolmogorov–Smirnov distribution for
// large n: with z = d·√n, P(D_n <= d) ≈ K0(z) + K1(z)/√n + K2(z)/n + K3(z)/n^{3/2}, where the K_i are
// the Li-Chien/Korolyuk terms rewritten through Jacobi's theta identity into sums over
// q^{(2k-1)²}, q = e^{-π²/(8z²)}, which converge in a few terms for the small z where it is used
// (Simard and L'Ecuyer 2011, "Computing the two-sided Kolmogorov–Smirnov distribution", section 2.3).

const PI2 = Math.PI ** 2;
const PI4 = Math.PI ** 4;
const PI6 = Math.PI ** 6;
const SQRT_2PI = Math.sqrt(2 * Math.PI);
/** Below this log the first theta term underflows, and so does the distribution function. */
const MIN_LOG = -708;

/** The odd-index theta sums of K0..K3: Σ_k c_i(2k-1) e^{-(2k-1)²π²/(8z²)} for k = 1..terms. */
function oddSums(z: number, terms: number): [number, number, number, number] {
  const z2 = z * z;
  const z4 = z2 * z2;
  const z6 = z4 * z2;
  const sums: [number, number, number, number] = [0, 0, 0, 0];
  for (let k = terms; k >= 1; k--) {
    const j2 = (2 * k - 1) ** 2;
    const weight = Math.exp((-j2 * PI2) / (8 * z2));
    sums[0] += weight;
    sums[1] += weight * ((PI2 * j2) / 4 - z2);
    sums[2] += weight * (6 * z6 + 2 * z4 + ((PI2 * j2) / 4) * (2 * z4 - 5 * z2) + ((PI4 * j2 * j2) / 16) * (1 - 2 * z2));
    sums[3] += weight * ((PI6 * j2 ** 3 * (5 - 30 * z2)) / 64 + (PI4 * j2 * j2 * (212 * z4 - 60 * z2)) / 16
      + (PI2 * j2 * (135 * z4 - 96 * z6)) / 4 - 30 * z6 - 90 * z4 * z4);
  }
  return sums;
}

/** The whole-index theta sums that K2 and K3 also carry: Σ_k k²·e^{-π²k²/(2z²)} and Σ_k (3z² - π²k²)k²·e^{…}. */
function wholeSums(z: number, terms: number): [number, number] {
  let plain = 0;
  let weighted = 0;
  for (let k = terms; k >= 1; k--) {
    const w = k * k * Math.exp((-PI2 * k * k) / (2 * z * z));
    plain += w;
    weighted += (3 * z * z - PI2 * k * k) * w;
  }
  return [plain, weighted];
}

/** P(D_n <= d) by the Pelz–Good expansion (0 when the leading theta term underflows). */
export function pelzGoodCdf(n: number, d: number): number {
  if (d <= 0) return 0;
  if (d >= 1) return 1;
  const z = Math.sqrt(n) * d;
  if (-PI2 / (8 * z * z) < MIN_LOG) return 0;
  const terms = Math.ceil((16 * z) / Math.PI);
  const [s0, s1, s2, s3] = oddSums(z, terms);
  const [w2, w3] = wholeSums(z, terms);
  const k0 = (SQRT_2PI / z) * s0;
  const k1 = (SQRT_2PI / (6 * z ** 4)) * s1;
  const k2 = (SQRT_2PI / (72 * z ** 7)) * s2 - ((PI2 * SQRT_2PI) / (36 * z ** 3)) * w2;
  const k3 = (SQRT_2PI / (6480 * z ** 10)) * s3 + ((PI2 * SQRT_2PI) / (216 * z ** 6)) * w3;
  return k0 + k1 / Math.sqrt(n) + k2 / n + k3 / n ** 1.5;
}
