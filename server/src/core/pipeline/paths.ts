import { isAbsolute, resolve } from 'node:path';

/** Where a spec's relative paths start, with the answers already worked out for it. */
export interface PathBase {
  dir: string;
  /** Absolute paths already worked out (rules resolve the same deps and outs several times). */
  resolved: Map<string, string>;
}

const PLAIN = /^(?!\.{1,2}(\/|$))(?!.*\/\.{1,2}(\/|$))(?!.*\/\/)[^\\]+$/;

/** Resolves a path written in the spec against the spec's folder (memoised per validation). */
export function resolvePath(a: PathBase, p: string): string {
  let abs = a.resolved.get(p);
  if (abs === undefined) {
    // A plain relative path (no `.`/`..` segments, no doubled or back slashes) needs no normalising.
    abs = isAbsolute(p) ? p : PLAIN.test(p) ? `${a.dir}${a.dir.endsWith('/') ? '' : '/'}${p}` : resolve(a.dir, p);
    a.resolved.set(p, abs);
  }
  return abs;
}

/** True when a relative path cannot leave its base folder (no `..` segment), checked without resolving. */
export function staysInside(p: string): boolean {
  return !isAbsolute(p) && !/(^|[\\/])\.\.([\\/]|$)/.test(p);
}
