import { randomBytes } from 'node:crypto';
import { appendFileSync, existsSync, mkdirSync, readdirSync, readFileSync, statSync } from 'node:fs';
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

/**
 * When a process started, in clock ticks since boot (field 22 of /proc/<pid>/stat), or undefined
 * where there is no /proc. With the PID it names one process: a PID can be reused, its start time not.
 */
export function processStartTime(pid: number): number | undefined {
  let stat: string;
  try {
    stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
  } catch {
    return undefined;
  }
  // The command name (field 2) is in parentheses and may itself hold spaces and parentheses.
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  const start = Number(fields[22 - 3]);
  return Number.isFinite(start) ? start : undefined;
}

/** Who runs a run: stored in run.json so readers can tell a live run from an interrupted one. */
export function processInfo(): { pid: number; host: string; pidStart?: number } {
  const pidStart = processStartTime(process.pid);
  return { pid: process.pid, host: hostname(), ...(pidStart === undefined ? {} : { pidStart }) };
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

/**
 * The status readers show: a running record whose process on this host is gone is interrupted, and
 * so is one whose PID now belongs to another process (a later start time than the one recorded).
 */
export function effectiveStatus(record: Pick<RunRecord, 'status' | 'pid' | 'host' | 'pidStart'>): RunRecord['status'] {
  if (record.status !== 'running' || record.pid === undefined) return record.status;
  if (record.host !== undefined && record.host !== hostname()) return record.status;
  if (!processAlive(record.pid)) return 'interrupted';
  const started = record.pidStart === undefined ? undefined : processStartTime(record.pid);
  return started !== undefined && started !== record.pidStart ? 'interrupted' : 'running';
}

/** A run.json that exists but cannot be used: not JSON, or without the fields every reader needs. */
export class RunRecordError extends Error {}

const REQUIRED: Array<[keyof RunRecord, string]> = [
  ['id', 'string'], ['specPath', 'string'], ['specHash', 'string'], ['params', 'object'], ['backend', 'string'], ['seed', 'number'],
  ['startedAt', 'string'], ['status', 'string'], ['data', 'object'], ['gates', 'array'], ['metrics', 'object'],
];

function missingFields(r: unknown): string[] {
  if (!r || typeof r !== 'object' || Array.isArray(r)) return ['everything (it is not a JSON object)'];
  const rec = r as Record<string, unknown>;
  const kind = (v: unknown) => (Array.isArray(v) ? 'array' : v === null ? 'null' : typeof v);
  return REQUIRED.filter(([k, t]) => !Object.hasOwn(rec, k) || kind(rec[k]) !== t).map(([k, t]) => `${k} (${t})`);
}

function readRecordText(path: string, id: string): string {
  let st;
  try {
    st = statSync(path);
  } catch {
    throw new Error(`run "${id}" not found (no ${path})`);
  }
  // A FIFO would block the reader forever, a folder cannot be read: neither is a record.
  if (!st.isFile()) throw new RunRecordError(`run "${id}": ${path} is not a regular file; delete the run folder`);
  try {
    return readFileSync(path, 'utf8');
  } catch (e) {
    throw new RunRecordError(`run "${id}": cannot read ${path} (${(e as NodeJS.ErrnoException).code ?? (e as Error).message})`);
  }
}

function parseRun(path: string, id: string): RunRecord {
  const text = readRecordText(path, id);
  let record: RunRecord;
  try {
    record = JSON.parse(text) as RunRecord;
  } catch (e) {
    throw new RunRecordError(`run "${id}": ${path} is not valid JSON (${(e as Error).message}); restore it from a backup or delete the run folder`);
  }
  const missing = missingFields(record);
  if (missing.length > 0) {
    throw new RunRecordError(`run "${id}": ${path} lacks ${missing.join(', ')}; it was not written by mlops or was edited by hand: restore it or delete the run folder`);
  }
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
  if (!existsSync(path) || !statSync(path).isFile()) return [];
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

const newestFirst = (a: { id: string; startedAt: string }, b: { id: string; startedAt: string }) =>
  (a.startedAt < b.startedAt ? 1 : a.startedAt > b.startedAt ? -1 : a.id < b.id ? 1 : -1);

/**
 * Every run folder with its record, or the reason its run.json cannot be used. A folder without
 * run.json (one being created right now, or not a run) is left out.
 */
function readRunFolders(workspace: string): Array<RunRecord | { id: string; problem: RunRecordError }> {
  const dir = runsDir(workspace);
  if (!existsSync(dir)) return [];
  const out: Array<RunRecord | { id: string; problem: RunRecordError }> = [];
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    if (!entry.isDirectory()) continue;
    try {
      out.push(parseRun(join(dir, entry.name, 'run.json'), entry.name));
    } catch (e) {
      if (e instanceof RunRecordError) out.push({ id: entry.name, problem: e });
    }
  }
  return out;
}

/** Every readable run record (run.json only, never the metrics files), newest first. */
export function listRunRecords(workspace: string): RunRecord[] {
  return readRunFolders(workspace).filter((r): r is RunRecord => !('problem' in r)).sort(newestFirst);
}

/** A run whose run.json cannot be used, listed so that it is not silently missing. */
function unreadable(id: string, e: RunRecordError): RunSummary {
  return { id, status: 'unreadable', startedAt: '', specPath: '', backend: '', metrics: {}, gatesPassed: null, error: e.message };
}

/**
 * Summaries of every run, newest first. A folder without run.json is skipped (being created, or not
 * a run); one whose run.json is corrupt or incomplete is listed with status "unreadable" and why.
 */
export function listRuns(workspace: string): RunSummary[] {
  return readRunFolders(workspace).map((r) => ('problem' in r ? unreadable(r.id, r.problem) : summarize(r))).sort(newestFirst);
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
