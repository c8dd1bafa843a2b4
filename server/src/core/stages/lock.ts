import { existsSync, readFileSync } from 'node:fs';
import { writeFileAtomic } from '../tracking/store';
import type { HashedPath, LockEntry } from './types';

const SCHEMA = 'mlops-lock/1';
const ABOUT = 'Written by mlops run: what each stage last ran with. Commit it with the spec; do not edit it by hand.';

/** A lock file that cannot be read; the message names the file and line and what to do. */
export class LockError extends Error {}

/** The stages recorded in `mlops.lock`, by name. */
export type Lock = Map<string, LockEntry>;

function hashedPaths(v: unknown): HashedPath[] {
  if (!Array.isArray(v)) return [];
  return v.filter((x): x is HashedPath => !!x && typeof x.path === 'string' && typeof x.hash === 'string')
    .map((x) => ({ path: x.path, hash: x.hash, size: typeof x.size === 'number' ? x.size : 0 }));
}

function entry(v: unknown): LockEntry | undefined {
  if (!v || typeof v !== 'object') return undefined;
  const e = v as Record<string, unknown>;
  if (typeof e.cmd !== 'string') return undefined;
  const params = e.params && typeof e.params === 'object' && !Array.isArray(e.params) ? (e.params as Record<string, unknown>) : {};
  return { cmd: e.cmd, deps: hashedPaths(e.deps), params, outs: hashedPaths(e.outs), ...(typeof e.run === 'string' ? { run: e.run } : {}) };
}

/**
 * The lock's value: JSON (what we write, and fast to read), else YAML (a hand edit), with the line of a
 * syntax error. The YAML parser is loaded only then: `mlops status` would otherwise spend a good part of
 * its start-up loading it.
 */
async function parseLock(path: string, text: string): Promise<unknown> {
  try {
    return JSON.parse(text);
  } catch {
    // Not JSON: read it as YAML (a superset), which also says where it breaks.
  }
  const { parseYamlLock } = await import('./lockYaml');
  const parsed = parseYamlLock(text);
  if ('line' in parsed) {
    throw new LockError(`${path}:${parsed.line}: not a readable lock file (${parsed.message}); restore it from git, or delete it to run every stage again`);
  }
  return parsed.value;
}

/**
 * Reads `mlops.lock`; an absent or empty file is an empty lock. Throws LockError when it is not one.
 * The lock is written as indented JSON, one value a line: readable, small diffs, and parsed in a
 * fraction of the time YAML takes on a pipeline of hundreds of stages.
 */
export async function readLock(path: string): Promise<Lock> {
  if (!existsSync(path)) return new Map();
  const text = readFileSync(path, 'utf8');
  if (text.trim() === '') return new Map();
  const value = await parseLock(path, text) as { schema?: unknown; stages?: unknown } | null;
  if (value === null) return new Map();
  const stagesOk = value.stages === undefined || (typeof value.stages === 'object' && value.stages !== null && !Array.isArray(value.stages));
  if (typeof value !== 'object' || value.schema !== SCHEMA || !stagesOk) {
    throw new LockError(`${path}:1: not an mlops lock file (expected "schema: ${SCHEMA}" and a "stages" mapping); restore it from git, or delete it to run every stage again`);
  }
  const lock: Lock = new Map();
  for (const [name, v] of Object.entries((value.stages ?? {}) as Record<string, unknown>)) {
    const e = entry(v);
    if (e) lock.set(name, e);
  }
  return lock;
}

/**
 * Writes the lock whole or not at all, stages in the pipeline's order (so diffs stay small); entries
 * of stages no longer in the spec are dropped.
 */
export function writeLock(path: string, lock: Lock, order: string[]): void {
  const names = order.filter((n) => lock.has(n));
  const stages: Record<string, LockEntry> = {};
  for (const n of names) stages[n] = lock.get(n)!;
  writeFileAtomic(path, `${JSON.stringify({ schema: SCHEMA, about: ABOUT, stages }, null, 2)}\n`);
}
