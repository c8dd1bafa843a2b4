import { randomBytes } from 'node:crypto';
import { appendFileSync, existsSync, mkdirSync, readdirSync, readFileSync } from 'node:fs';
import { hostname } from 'node:os';
import { join } from 'node:path';
import { writeFileAtomic as writeWhole } from '../files';
import type { EpochMetrics, RunRecord, RunSummary } from './types';

/** Folder holding every run of a workspace. */
export function runsDir(workspace: string): string {
  return join(workspace, '.mlops', 'runs');
}

/** Folder of one run. */
export function runDir(workspace: string, id: string): string {
  return join(runsDir(workspace), id);
}

/** A storage failure with a message that says where and what to do (full disk, no permission). */
export class StoreError extends Error {}

function storeError(action: string, path: string, e: unknown): StoreError {
  const code = (e as NodeJS.ErrnoException).code;
  const why = code === 'ENOSPC' ? 'the disk is full' : code === 'EACCES' || code === 'EPERM' ? 'permission denied' : code === 'EROFS' ? 'the file system is read-only' : (e as Error).message;
  return new StoreError(`cannot ${action} ${path}: ${why}; free space or fix permissions, or run from a writable workspace`);
}

/** A sortable id: UTC time to the second plus random hex (ids from parallel trials never collide). */
export function newRunId(now: Date = new Date()): string {
  const t = now.toISOString().replace(/[-:]/g, '').replace('T', '-').slice(0, 15);
  return `${t}-${randomBytes(3).toString('hex')}`;
}

/** Writes a file under `.mlops/` whole or not at all (core/files), as a StoreError that says what to do. */
export function writeFileAtomic(path: string, content: string | Uint8Array): void {
  try {
    writeWhole(path, content);
  } catch (e) {
    throw storeError('write', path, e);
  }
}

/** Who runs a run: stored in run.json so readers can tell a live run from an interrupted one. */
export function processInfo(): { pid: number; host: string } {
  return { pid: process.pid, host: hostname() };
}

/** Creates the run folder and its first run.json (status running, with processInfo()). */
export function createRun(workspace: string, record: RunRecord): string {
  const dir = runDir(workspace, record.id);
  try {
    mkdirSync(dir, { recursive: true });
  } catch (e) {
    throw storeError('create the run folder', dir, e);
  }
  writeRun(workspace, record);
  return dir;
}

/** Replaces run.json atomically. */
export function writeRun(workspace: string, record: RunRecord): void {
  writeFileAtomic(join(runDir(workspace, record.id), 'run.json'), `${JSON.stringify(record, null, 2)}\n`);
}

/** Appends one epoch to metrics.jsonl (one JSON object per line). */
export function appendEpoch(workspace: string, id: string, metrics: EpochMetrics): void {
  const path = join(runDir(workspace, id), 'metrics.jsonl');
  try {
    appendFileSync(path, `${JSON.stringify(metrics)}\n`);
  } catch (e) {
    throw storeError('append to', path, e);
  }
}

function processAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    return (e as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/** The status readers show: a running record whose process on this host is gone is interrupted. */
export function effectiveStatus(record: Pick<RunRecord, 'status' | 'pid' | 'host'>): RunRecord['status'] {
  if (record.status !== 'running' || record.pid === undefined) return record.status;
  if (record.host !== undefined && record.host !== hostname()) return record.status;
  return processAlive(record.pid) ? 'running' : 'interrupted';
}

function parseRun(path: string, id: string): RunRecord {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch {
    throw new Error(`run "${id}" not found (no ${path})`);
  }
  const record = JSON.parse(text) as RunRecord;
  return { ...record, status: effectiveStatus(record) };
}

/** Reads run.json; throws an Error naming the id if there is no such run. */
export function readRun(workspace: string, id: string): RunRecord {
  if (!/^[\w.-]+$/.test(id)) throw new Error(`run "${id}" not found (not a run id)`);
  return parseRun(join(runDir(workspace, id), 'run.json'), id);
}

/** The metrics of every epoch so far (a line cut short by a kill is skipped). */
export function readEpochs(workspace: string, id: string): EpochMetrics[] {
  const path = join(runDir(workspace, id), 'metrics.jsonl');
  if (!existsSync(path)) return [];
  return readFileSync(path, 'utf8').split('\n').flatMap((line) => {
    try {
      return line.trim() ? [JSON.parse(line) as EpochMetrics] : [];
    } catch {
      return [];
    }
  });
}

function summarize(r: RunRecord): RunSummary {
  const gatesPassed = r.gates.length === 0 ? null : r.gates.every((g) => g.passed);
  return {
    id: r.id, status: r.status, startedAt: r.startedAt, endedAt: r.endedAt, specPath: r.specPath, backend: r.backend,
    metrics: r.metrics, gatesPassed, sweepId: r.sweepId, trial: r.trial, error: r.error,
  };
}

/**
 * Every readable run record (run.json only, never the metrics files), newest first; folders without a
 * readable run.json (one being created right now, or not a run) are skipped.
 */
export function listRunRecords(workspace: string): RunRecord[] {
  const dir = runsDir(workspace);
  if (!existsSync(dir)) return [];
  const out: RunRecord[] = [];
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    if (!entry.isDirectory()) continue;
    try {
      out.push(parseRun(join(dir, entry.name, 'run.json'), entry.name));
    } catch {
      // A folder being created right now, or not a run: not listed.
    }
  }
  return out.sort((a, b) => (a.startedAt < b.startedAt ? 1 : a.startedAt > b.startedAt ? -1 : a.id < b.id ? 1 : -1));
}

/** Summaries of every run, newest first; folders without a readable run.json are skipped. */
export function listRuns(workspace: string): RunSummary[] {
  return listRunRecords(workspace).map(summarize);
}

/** Resolves a unique prefix of a run id (as git does for commits). */
export function resolveRunId(workspace: string, prefix: string): string {
  const dir = runsDir(workspace);
  const ids = existsSync(dir) ? readdirSync(dir).filter((d) => d.startsWith(prefix)) : [];
  if (ids.includes(prefix)) return prefix;
  if (ids.length === 1) return ids[0]!;
  if (ids.length > 1) throw new Error(`run id "${prefix}" is ambiguous: ${ids.slice(0, 5).join(', ')}${ids.length > 5 ? ', ...' : ''}`);
  throw new Error(`run "${prefix}" not found in ${dir}`);
}
