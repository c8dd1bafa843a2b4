import { createHash } from 'node:crypto';
import { createReadStream, mkdirSync, readdirSync, readFileSync, statSync, type BigIntStats } from 'node:fs';
import { dirname, join } from 'node:path';
import { writeFileAtomic } from '../tracking/store';

/** What the hash of a file was computed from: if size, mtime and inode still match, it still holds. */
interface StatEntry { size: string; mtimeNs: string; ino: string; hash: string }

/** Content hash of a file or folder (folders: `<sha256>.dir`) and its size in bytes. */
export interface PathHash { hash: string; size: number }

/**
 * A write can land in the same clock tick as our read (timestamps move in steps of a few ms), and
 * then size and mtime would not show it. Hashes of files modified this close to the read are not
 * reused (as git does for "racily clean" index entries): they are hashed again next time.
 */
const RACY_NS = 50_000_000n;

const STATE_VERSION = 1;

/** Whether a cached hash still holds for a file with this stat. */
function unchanged(e: StatEntry, st: BigIntStats): boolean {
  return e.size === String(st.size) && e.mtimeNs === String(st.mtimeNs) && e.ino === String(st.ino);
}

/** sha256 of a file, streamed in 1 MiB reads. */
export function sha256File(path: string): Promise<string> {
  return new Promise((resolve, reject) => {
    const hash = createHash('sha256');
    createReadStream(path, { highWaterMark: 1 << 20 }).on('data', (d) => hash.update(d)).on('error', reject).on('end', () => resolve(hash.digest('hex')));
  });
}

/**
 * Hashes files and folders, reusing a hash while the file's size, mtime and inode are unchanged, so
 * that a status check of gigabytes of unchanged data costs one stat per file. The cache is a JSON
 * file (`.mlops/pipeline/hashes.json`); `save` writes it back when something was hashed.
 */
export class HashCache {
  private entries: Record<string, StatEntry> = {};
  private dirty = false;
  /** Files hashed (not served from the cache) since this cache was loaded; the bench reads it. */
  hashedFiles = 0;

  constructor(private readonly file: string) {
    try {
      const data = JSON.parse(readFileSync(file, 'utf8')) as { version?: number; entries?: Record<string, StatEntry> };
      if (data.version === STATE_VERSION && data.entries && typeof data.entries === 'object') this.entries = data.entries;
    } catch {
      // No cache yet, or an unreadable one: everything is hashed again, which is always correct.
    }
  }

  /** Writes the cache if anything changed. */
  save(): void {
    if (!this.dirty) return;
    mkdirSync(dirname(this.file), { recursive: true });
    writeFileAtomic(this.file, JSON.stringify({ version: STATE_VERSION, entries: this.entries }));
    this.dirty = false;
  }

  /** Hash of a file or folder, or null when it does not exist. */
  async hash(abs: string): Promise<PathHash | null> {
    let st: BigIntStats;
    try {
      st = statSync(abs, { bigint: true });
    } catch {
      return null;
    }
    return st.isDirectory() ? this.hashFolder(abs) : { hash: await this.hashFile(abs, st), size: Number(st.size) };
  }

  /**
   * The hash of a path when nothing needs reading: a file whose size, mtime and inode match the cache,
   * or null when the path does not exist; undefined when `hash` must read it. Synchronous, so that a
   * status check of hundreds of unchanged files does not wait on a promise per file.
   */
  known(abs: string): PathHash | null | undefined {
    let st: BigIntStats;
    try {
      st = statSync(abs, { bigint: true });
    } catch {
      return null;
    }
    const hit = this.entries[abs];
    return !st.isDirectory() && hit && unchanged(hit, st) ? { hash: hit.hash, size: Number(st.size) } : undefined;
  }

  private async hashFile(abs: string, st: BigIntStats): Promise<string> {
    const hit = this.entries[abs];
    if (hit && unchanged(hit, st)) return hit.hash;
    const startedNs = BigInt(Date.now()) * 1_000_000n;
    const hash = await sha256File(abs);
    this.hashedFiles++;
    if (st.mtimeNs < startedNs - RACY_NS) {
      this.entries[abs] = { size: String(st.size), mtimeNs: String(st.mtimeNs), ino: String(st.ino), hash };
      this.dirty = true;
    } else if (hit) {
      delete this.entries[abs];
      this.dirty = true;
    }
    return hash;
  }

  /** A folder's hash covers every file's path and content, in a fixed order. */
  private async hashFolder(abs: string): Promise<PathHash> {
    const files = listFiles(abs);
    const lines: string[] = [];
    let size = 0;
    for (const rel of files) {
      const h = await this.hash(join(abs, rel));
      if (!h) continue;
      lines.push(`${rel}\t${h.hash}\n`);
      size += h.size;
    }
    return { hash: `${createHash('sha256').update(lines.join('')).digest('hex')}.dir`, size };
  }
}

/** Every file under a folder, as sorted relative paths with forward slashes. */
export function listFiles(root: string): string[] {
  const out: string[] = [];
  const walk = (rel: string) => {
    for (const e of readdirSync(join(root, rel), { withFileTypes: true })) {
      const child = rel ? `${rel}/${e.name}` : e.name;
      if (e.isDirectory()) walk(child);
      else if (e.isFile()) out.push(child);
    }
  };
  walk('');
  return out.sort();
}
