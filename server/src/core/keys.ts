/**
 * Keys written by users are data, not property names: a key such as `toString`, `constructor` or
 * `__proto__` must neither find something on Object.prototype nor change an object's prototype.
 */

/** The value stored under `key` in a plain record, only when the record itself holds it. */
export function own<T>(record: Readonly<Record<string, T>> | undefined | null, key: string): T | undefined {
  return record && Object.hasOwn(record, key) ? record[key] : undefined;
}

/** True when a plain record itself holds `key` (never through its prototype). */
export function hasOwn(record: object | undefined | null, key: string): boolean {
  return !!record && Object.hasOwn(record, key);
}

/** Stores `value` under `key` as an own, enumerable property, `__proto__` included. */
export function setOwn(record: Record<string, unknown>, key: string, value: unknown): void {
  if (key === '__proto__') Object.defineProperty(record, key, { value, writable: true, enumerable: true, configurable: true });
  else record[key] = value;
}
