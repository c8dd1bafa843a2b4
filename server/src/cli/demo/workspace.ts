import { cpSync, existsSync, mkdirSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import { UserError } from '../io';

/** What the demo leaves out of its copy: the example's own runs, git data and installed packages. */
const LEFT_OUT = new Set(['.mlops', '.git', 'node_modules']);

/** The folder the demo works in: a copy of the example, and how to dispose of it afterwards. */
export interface DemoWorkspace {
  dir: string;
  /** Removes a temporary copy (a named --out folder is kept for the user to look at). */
  dispose(): void;
}

/**
 * Copies the example into `out` (which must not exist or be empty: the demo never writes over
 * anything) or into a new temporary folder, so that `npm run demo` never writes runs into the example
 * of the clone it runs from.
 */
export function demoWorkspace(source: string, out: string | undefined, keep: boolean): DemoWorkspace {
  if (out !== undefined && existsSync(out) && readdirSync(out).length > 0) {
    throw new UserError(`mlops demo: --out ${out} is not empty; name a new or empty folder (the demo writes runs and models there)`);
  }
  const root = out ?? mkdtempSync(join(tmpdir(), 'mlops-demo-'));
  const dir = out ?? join(root, basename(source));
  mkdirSync(dir, { recursive: true });
  cpSync(source, dir, { recursive: true, filter: (src) => src === source || !LEFT_OUT.has(basename(src)) });
  return { dir, dispose: () => { if (!out && !keep) rmSync(root, { recursive: true, force: true }); } };
}
