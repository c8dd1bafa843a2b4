import { existsSync, readFileSync } from 'node:fs';
import { isMap, isSeq, parseDocument, stringify } from 'yaml';
import { writeFileAtomic } from '../tracking/store';
import type { HashedPath, LockEntry } from './types';

const SCHEMA = 'mlops-lock/1';
const HEADER = '# Written by `mlops run`: what each stage last ran with. Commit it with the spec; do not edit by hand.\n';

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

/** Reads `mlops.lock`; an absent file is an empty lock. Throws LockError when it is not one. */
export function readLock(path: string): Lock {
  if (!existsSync(path)) return new Map();
  const text = readFileSync(path, 'utf8');
  const doc = parseDocument(text);
  const problem = doc.errors[0];
  if (problem) {
    const line = problem.linePos?.[0]?.line ?? 1;
    throw new LockError(`${path}:${line}: not a readable lock file (${problem.message.split('\n')[0]}); restore it from git, or delete it to run every stage again`);
  }
  const value = doc.toJS() as { schema?: unknown; stages?: unknown } | null;
  if (value === null) return new Map();
  if (typeof value !== 'object' || value.schema !== SCHEMA || (value.stages !== undefined && !isMap(doc.get('stages', true)) && !isSeq(doc.get('stages', true)))) {
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
  writeFileAtomic(path, HEADER + stringify({ schema: SCHEMA, stages }, { lineWidth: 0 }));
}
