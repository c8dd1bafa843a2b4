/**
 * The prediction log: one JSON line per logged request (inputs, outputs, version, time, latency),
 * per shadow comparison and per refused request, under .mlops/serving/<model>/. Files rotate by size
 * (`predictions-<time>.jsonl`, oldest removed beyond `keepFiles`); writes are batched and never block
 * a response. Requests are sampled exactly (every 1/sample-th, not at random), refusals always kept.
 * Columns the contract classifies as sensitive are replaced by a keyed hash whose key lives only in
 * this process's memory: equal values stay equal within the log, and nothing can be read back.
 */
import { createHmac, randomBytes } from 'node:crypto';
import { appendFile, mkdirSync, readdirSync, rmSync, statSync } from 'node:fs';
import { join } from 'node:path';

export const LOG_PREFIX = 'predictions-';
export const LOG_SUFFIX = '.jsonl';

export interface RequestRecord {
  type: 'request';
  t: string;
  id: string;
  model: string;
  version: number;
  alias: string | null;
  /** Server time from request to response, ms. */
  ms: number;
  rows: number;
  inputs: Record<string, unknown[]>;
  outputs: { prediction: number[]; label?: string[] };
}

export interface ShadowRecord {
  type: 'shadow';
  t: string;
  id: string;
  model: string;
  version: number;
  shadowVersion: number;
  rows: number;
  outputs: { prediction: number[]; label?: string[] };
  /** Rows whose labels agree (classification), and the mean absolute difference of predictions. */
  agreed: number | null;
  meanAbsDiff: number | null;
}

export interface ErrorRecord {
  type: 'error';
  t: string;
  model: string;
  code: number;
  reason: string;
  message: string;
}

/** First line of every file: what wrote it and with which sampling (monitor scales counts by it). */
export interface MetaRecord {
  type: 'meta';
  t: string;
  model: string;
  sample: number;
  pid: number;
}

export type LogRecord = RequestRecord | ShadowRecord | ErrorRecord | MetaRecord;

export interface LogOptions {
  model: string;
  dir: string;
  /** Share of requests logged, 0..1. */
  sample: number;
  maxFileBytes: number;
  keepFiles: number;
  /** Input columns logged only as a keyed hash. */
  protectedColumns: ReadonlySet<string>;
  onDrop?: (records: number) => void;
}

/** Most records waiting for a write; beyond this the log drops (and counts) rather than grow memory. */
const MAX_PENDING_BYTES = 64 << 20;

export class PredictionLog {
  private pending: string[] = [];
  private pendingBytes = 0;
  private writing = false;
  private file: string | null = null;
  private fileBytes = 0;
  private requests = 0;
  private sequence = 0;
  private timer: NodeJS.Timeout | undefined;
  private readonly key = randomBytes(32);
  /** Why nothing can be logged (the folder cannot be created, e.g. a read-only model mount), if so. */
  readonly unavailable: string | undefined;

  constructor(private readonly o: LogOptions) {
    try {
      mkdirSync(o.dir, { recursive: true });
    } catch (e) {
      this.unavailable = `${o.dir} cannot be created (${(e as NodeJS.ErrnoException).code ?? (e as Error).message}); pass --log-dir to a writable folder`;
    }
  }

  /** Whether the next request is logged (exact sampling: floor((i+1)s) > floor(is)). */
  sampleNext(): boolean {
    const i = this.requests++;
    return Math.floor((i + 1) * this.o.sample) > Math.floor(i * this.o.sample);
  }

  /** Inputs as logged: protected columns replaced by "hmac:<16 hex>" tokens (null stays null). */
  protectInputs(inputs: Record<string, unknown[]>): Record<string, unknown[]> {
    if (this.o.protectedColumns.size === 0) return inputs;
    const out: Record<string, unknown[]> = {};
    for (const [k, v] of Object.entries(inputs)) {
      out[k] = this.o.protectedColumns.has(k) ? v.map((x) => (x === null || x === undefined ? null : `hmac:${createHmac('sha256', this.key).update(String(x)).digest('hex').slice(0, 16)}`)) : v;
    }
    return out;
  }

  write(record: LogRecord): void {
    if (this.unavailable) { this.o.onDrop?.(1); return; }
    const line = `${JSON.stringify(record)}\n`;
    if (this.pendingBytes + line.length > MAX_PENDING_BYTES) {
      this.o.onDrop?.(1);
      return;
    }
    this.pending.push(line);
    this.pendingBytes += line.length;
    this.schedule();
  }

  private schedule(): void {
    this.timer ??= setTimeout(() => { this.timer = undefined; this.drain(); }, 100);
  }

  /** The file the next `bytes` go to, and the meta line to write first when it is a new file. */
  private target(bytes: number): { file: string; head: string } {
    let head = '';
    if (!this.file || this.fileBytes + bytes > this.o.maxFileBytes) {
      // Time then a per-process sequence number: names sort in the order the files were started.
      const stamp = new Date().toISOString().replace(/[-:]/g, '').replace('.', '');
      this.file = join(this.o.dir, `${LOG_PREFIX}${stamp}-${String(this.sequence++).padStart(4, '0')}${LOG_SUFFIX}`);
      this.fileBytes = 0;
      this.prune();
      const meta: MetaRecord = { type: 'meta', t: new Date().toISOString(), model: this.o.model, sample: this.o.sample, pid: process.pid };
      head = `${JSON.stringify(meta)}\n`;
    }
    this.fileBytes += bytes + head.length;
    return { file: this.file, head };
  }

  /** Removes the oldest files beyond keepFiles (names sort by time). */
  private prune(): void {
    const files = logFiles(this.o.dir);
    for (const f of files.slice(0, Math.max(0, files.length - this.o.keepFiles + 1))) rmSync(join(this.o.dir, f), { force: true });
  }

  private drain(): void {
    if (this.writing || this.pending.length === 0) return;
    const text = this.pending.join('');
    const count = this.pending.length;
    this.pending = [];
    this.pendingBytes = 0;
    this.writing = true;
    const { file, head } = this.target(Buffer.byteLength(text));
    appendFile(file, head + text, (err) => {
      this.writing = false;
      if (err) this.o.onDrop?.(count);
      // What arrived meanwhile waits for the next tick of the 100 ms timer: draining at once made
      // one append (an open, a write and a close) per few records under load, which cost the
      // request path more than the records themselves.
      if (this.pending.length) this.schedule();
    });
  }


  /**
   * Waits until everything written so far is on disk (shutdown, tests). Writes stay one at a time:
   * two appends in flight could interleave their bytes and break lines.
   */
  async flush(): Promise<void> {
    clearTimeout(this.timer);
    this.timer = undefined;
    this.drain();
    while (this.writing || this.pending.length) {
      await new Promise((r) => setTimeout(r, 5));
      this.drain();
    }
  }
}

/** The log files of a folder, oldest first. */
export function logFiles(dir: string): string[] {
  try {
    return readdirSync(dir).filter((f) => f.startsWith(LOG_PREFIX) && f.endsWith(LOG_SUFFIX) && statSync(join(dir, f)).isFile()).sort();
  } catch {
    return [];
  }
}
