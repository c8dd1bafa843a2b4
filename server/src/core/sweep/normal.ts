/**
 * The standard normal distribution as TPE needs it: erfc, the CDF and its inverse, the log of the
 * mass between two points (kept accurate far in the tails, where 1 - CDF would round to 0) and a
 * truncated-normal draw by inverting the CDF.
 */

const SQRT2 = Math.SQRT2;
const LOG_SQRT_2PI = 0.5 * Math.log(2 * Math.PI);

/** erf by its Maclaurin series (|x| < 2.5: the terms shrink fast enough for double precision). */
function erfSeries(x: number): number {
  let term = x;
  let sum = x;
  for (let n = 1; n < 100; n++) {
    term *= (-x * x) / n;
    const add = term / (2 * n + 1);
    sum += add;
    if (Math.abs(add) < 1e-17 * Math.abs(sum)) break;
  }
  return (2 / Math.sqrt(Math.PI)) * sum;
}

/** erfc(x) for x >= 2.5 by its continued fraction (modified Lentz), accurate where 1 - erf loses digits. */
function erfcFraction(x: number): number {
  // erfc(x) = exp(-x^2)/sqrt(pi) * 1/(x + (1/2)/(x + 1/(x + (3/2)/(x + 2/(x + ...)))))
  const tiny = 1e-300;
  let f = x;
  let c = x;
  let d = 0;
  for (let n = 1; n < 300; n++) {
    const a = n / 2;
    d = x + a * d;
    d = Math.abs(d) < tiny ? tiny : d;
    c = x + a / c;
    c = Math.abs(c) < tiny ? tiny : c;
    d = 1 / d;
    const delta = c * d;
    f *= delta;
    if (Math.abs(delta - 1) < 1e-16) break;
  }
  return Math.exp(-x * x) / (Math.sqrt(Math.PI) * f);
}

/** Complementary error function. */
export function erfc(x: number): number {
  if (x < 0) return 2 - erfc(-x);
  return x < 2.5 ? 1 - erfSeries(x) : erfcFraction(x);
}

/** log(erfc(x)), finite even where erfc underflows (x > ~26). */
function logErfc(x: number): number {
  if (x < 25) return Math.log(erfc(x));
  // Asymptotic series: erfc(x) ~ exp(-x^2)/(x sqrt(pi)) * (1 - 1/(2x^2) + 3/(4x^4)).
  const x2 = x * x;
  return -x2 - Math.log(x * Math.sqrt(Math.PI)) + Math.log1p(-1 / (2 * x2) + 3 / (4 * x2 * x2));
}

/** Standard normal CDF. */
export function normCdf(z: number): number {
  return 0.5 * erfc(-z / SQRT2);
}

/** log(Phi(b) - Phi(a)) for a < b, computed on the side of 0 where the difference keeps its digits. */
export function logNormMass(a: number, b: number): number {
  if (a >= b) return -Infinity;
  if (a >= 0) return logTailDiff(a, b);
  if (b <= 0) return logTailDiff(-b, -a);
  return Math.log1p(-0.5 * erfc(b / SQRT2) - 0.5 * erfc(-a / SQRT2));
}

/** log(Q(a) - Q(b)) with 0 <= a < b, Q the upper tail. */
function logTailDiff(a: number, b: number): number {
  const la = logErfc(a / SQRT2);
  const lb = logErfc(b / SQRT2);
  return Math.log(0.5) + la + Math.log1p(-Math.exp(lb - la));
}

/** Log density of N(0, 1). */
export function logNormPdf(z: number): number {
  return -0.5 * z * z - LOG_SQRT_2PI;
}

/** Inverse of the standard normal CDF (Acklam's rational approximation, refined by one Halley step). */
export function normPpf(p: number): number {
  if (p <= 0) return -Infinity;
  if (p >= 1) return Infinity;
  const a = [-3.969683028665376e1, 2.209460984245205e2, -2.759285104469687e2, 1.38357751867269e2, -3.066479806614716e1, 2.506628277459239];
  const b = [-5.447609879822406e1, 1.615858368580409e2, -1.556989798598866e2, 6.680131188771972e1, -1.328068155288572e1];
  const c = [-7.784894002430293e-3, -3.223964580411365e-1, -2.400758277161838, -2.549732539343734, 4.374664141464968, 2.938163982698783];
  const d = [7.784695709041462e-3, 3.224671290700398e-1, 2.445134137142996, 3.754408661907416];
  const tail = (q: number) => (((((c[0]! * q + c[1]!) * q + c[2]!) * q + c[3]!) * q + c[4]!) * q + c[5]!) / ((((d[0]! * q + d[1]!) * q + d[2]!) * q + d[3]!) * q + 1);
  let x: number;
  if (p < 0.02425) x = tail(Math.sqrt(-2 * Math.log(p)));
  else if (p > 1 - 0.02425) x = -tail(Math.sqrt(-2 * Math.log(1 - p)));
  else {
    const q = p - 0.5;
    const r = q * q;
    x = ((((((a[0]! * r + a[1]!) * r + a[2]!) * r + a[3]!) * r + a[4]!) * r + a[5]!) * q) / (((((b[0]! * r + b[1]!) * r + b[2]!) * r + b[3]!) * r + b[4]!) * r + 1);
  }
  const e = normCdf(x) - p;
  const u = e * Math.sqrt(2 * Math.PI) * Math.exp(0.5 * x * x);
  return x - u / (1 + (x * u) / 2);
}

/** A draw from N(0, 1) truncated to [a, b], by inverting the CDF at a uniform u in [0, 1). */
export function truncNormDraw(a: number, b: number, u: number): number {
  let z: number;
  if (a >= 0) {
    // Upper tail: work with Q = 1 - Phi so that mass far from 0 is not rounded away.
    const qa = 0.5 * erfc(a / SQRT2);
    const qb = 0.5 * erfc(b / SQRT2);
    z = -normPpf(qa - u * (qa - qb));
  } else if (b <= 0) {
    z = -truncNormDraw(-b, -a, u);
  } else {
    const pa = normCdf(a);
    z = normPpf(pa + u * (normCdf(b) - pa));
  }
  return Math.min(b, Math.max(a, Number.isFinite(z) ? z : a));
}
