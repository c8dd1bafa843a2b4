// Durbin's matrix formula for the one-sample two-sided Kolmogorov–Smirnov distribution, in the form of
// Marsaglia, Tsang and Wang (2003, "Evaluating Kolmogorov's distribution", J. Stat. Software 8(18)):
// with n·d = k - h (k a whole number, 0 <= h < 1), P(D_n < d) = n!/n^n · (H^n)[k-1][k-1] for a
// (2k-1)×(2k-1) matrix H built from h. Exact up to rounding; the cost is (2k-1)^3·log n, so it is
// used where k is small. Powers of H grow past the double range (about e^n), so both the running
// power and the squared base carry a binary exponent of their own.

type Matrix = Float64Array[];

function multiply(a: Matrix, b: Matrix): Matrix {
  const size = a.length;
  const out = Array.from({ length: size }, () => new Float64Array(size));
  for (let i = 0; i < size; i++) {
    const row = out[i]!;
    for (let l = 0; l < size; l++) {
      const ail = a[i]![l]!;
      if (ail === 0) continue;
      const bl = b[l]!;
      for (let j = 0; j < size; j++) row[j] += ail * bl[j]!;
    }
  }
  return out;
}

function scale(a: Matrix, factor: number): void {
  for (const row of a) for (let j = 0; j < row.length; j++) row[j] *= factor;
}

/** H[i][j] = 1/(i-j+1)! below the first superdiagonal, with the first column and last row corrected by h. */
function durbinMatrix(k: number, h: number): Matrix {
  const size = 2 * k - 1;
  const invFactorial = [1];
  for (let i = 1; i <= size; i++) invFactorial.push(invFactorial[i - 1]! / i);
  const H = Array.from({ length: size }, (_, i) => Float64Array.from({ length: size }, (_, j) => (i - j + 1 >= 0 ? invFactorial[i - j + 1]! : 0)));
  for (let i = 0; i < size; i++) {
    H[i]![0] = (1 - h ** (i + 1)) * invFactorial[i + 1]!;
    H[size - 1]![size - 1 - i] = (1 - h ** (i + 1)) * invFactorial[i + 1]!;
  }
  // The corner is corrected twice above; its true value adds back the overlap (2h - 1)^m when h > 1/2.
  H[size - 1]![0] = (1 - 2 * h ** size + Math.max(0, 2 * h - 1) ** size) * invFactorial[size]!;
  return H;
}

const BIG = 2 ** 128;

function largest(a: Matrix): number {
  let max = 0;
  for (const row of a) for (let j = 0; j < row.length; j++) max = Math.max(max, Math.abs(row[j]!));
  return max;
}

/** x·2^e without overflowing the intermediate power of two. */
export function ldexp(x: number, e: number): number {
  while (e > 1000) { x *= 2 ** 1000; e -= 1000; }
  while (e < -1000) { x *= 2 ** -1000; e += 1000; }
  return x * 2 ** e;
}

/** P(D_n <= d), the one-sample two-sided KS distribution function, by Durbin's matrix. */
export function durbinCdf(n: number, d: number): number {
  if (d >= 1) return 1;
  const nd = n * d;
  if (nd <= 0.5) return 0;
  const k = Math.ceil(nd);
  const h = k - nd;
  let base = durbinMatrix(k, h);
  let baseExponent = 0;
  let power: Matrix | undefined;
  let exponent = 0;
  for (let e = n; e > 0; e = Math.floor(e / 2)) {
    if (e % 2 === 1) {
      power = power ? multiply(power, base) : base.map((r) => Float64Array.from(r));
      exponent += baseExponent;
      if (largest(power) > BIG) { scale(power, 1 / BIG); exponent += 128; }
    }
    if (e > 1) {
      base = multiply(base, base);
      baseExponent *= 2;
      if (largest(base) > BIG) { scale(base, 1 / BIG); baseExponent += 128; }
    }
  }
  let p = power![k - 1]![k - 1]!;
  // Times n!/n^n, one factor at a time, keeping p in range.
  for (let i = 1; i <= n; i++) {
    p = (p * i) / n;
    if (Math.abs(p) < 1 / BIG) { p *= BIG; exponent -= 128; }
  }
  return Math.min(1, Math.max(0, ldexp(p, exponent)));
}
