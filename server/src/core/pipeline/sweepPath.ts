const WHOLE = /^[A-Za-z_][\w-]*(?:\.[A-Za-z_][\w-]*|\[\d+\])*$/;

/** Parses a sweep parameter path such as `model.layers[0].units` into keys and indices. */
export function parseSweepPath(path: string): Array<string | number> | undefined {
  if (!WHOLE.test(path)) return undefined;
  return [...path.matchAll(/([^.[\]]+)|\[(\d+)\]/g)].map((m) => (m[2] !== undefined ? Number(m[2]) : m[1]!));
}
