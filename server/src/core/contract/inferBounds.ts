/**
 * Contract bounds for integers beyond 2^53. YAML and JSON readers in JavaScript (ours included) read
 * every number as a double, so an exact 19-digit bound would come back rounded, possibly to the wrong
 * side of the data. Such a bound is widened to the nearest double outside the data instead: it is
 * read back exactly by every reader, and every value of the column still lies within it.
 */
const buffer = new DataView(new ArrayBuffer(8));

/** The next double above (`up`) or below (`down`) a finite double. */
export function nextDouble(x: number, dir: 'up' | 'down'): number {
  if (x === 0) return dir === 'up' ? Number.MIN_VALUE : -Number.MIN_VALUE;
  buffer.setFloat64(0, x);
  const bits = buffer.getBigUint64(0);
  // Moving away from zero adds one to the bit pattern, moving towards it subtracts one.
  const away = (x > 0) === (dir === 'up');
  buffer.setBigUint64(0, away ? bits + 1n : bits - 1n);
  return buffer.getFloat64(0);
}

/**
 * An integer bound as a number that is exactly a double and lies on the outer side of `value`
 * (`down` for a minimum, `up` for a maximum). Safe integers come back unchanged.
 */
export function widenedBound(value: unknown, dir: 'up' | 'down'): number | null {
  if (value === null || value === undefined) return null;
  const exact = typeof value === 'bigint' ? value : BigInt(String(value));
  const near = Number(exact);
  const back = BigInt(near);
  if (back === exact) return near;
  const outside = dir === 'down' ? back < exact : back > exact;
  return outside ? near : nextDouble(near, dir);
}
