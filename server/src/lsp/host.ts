import { existsSync, readdirSync, statSync } from 'node:fs';
import { isAbsolute, relative } from 'node:path';
import type { CoreHost } from '../core/languageService';
import { MAX_TEXT_BYTES, readTextFile } from '../core/textFile';

/**
 * The server's view of files: open editor buffers first, then the disk. `exists` answers are cached
 * (a 10,000-line spec asks about thousands of paths on every keystroke) until a watched-file event
 * or, for clients that send none, for a few seconds.
 */
export class ServerHost implements CoreHost {
  private existsCache = new Map<string, { value: boolean; at: number }>();
  private textCache = new Map<string, { mtimeMs: number; text: string }>();

  constructor(
    private readonly openText: (path: string) => string | undefined,
    private readonly roots: () => string[],
    private readonly ttlMs = 3000,
  ) {}

  /** Forgets cached answers (all, or for the given paths) after files changed on disk. */
  invalidate(paths?: string[]): void {
    if (!paths) { this.existsCache.clear(); this.textCache.clear(); return; }
    for (const p of paths) { this.existsCache.delete(p); this.textCache.delete(p); }
    // A created or deleted file can change answers about its folders too.
    this.existsCache.clear();
  }

  exists(path: string): boolean {
    if (this.openText(path) !== undefined) return true;
    const now = Date.now();
    const hit = this.existsCache.get(path);
    if (hit && now - hit.at < this.ttlMs) return hit.value;
    const value = existsSync(path);
    this.existsCache.set(path, { value, at: now });
    return value;
  }

  readText(path: string): string | undefined {
    const open = this.openText(path);
    if (open !== undefined) return open;
    try {
      // Linked files are small specs and contracts: a folder, a device, a FIFO or a large data file is
      // never read (stat does not block on a FIFO; readTextFile checks again on what it opened).
      const st = statSync(path);
      if (!st.isFile() || st.size > MAX_TEXT_BYTES) return undefined;
      const hit = this.textCache.get(path);
      if (hit && hit.mtimeMs === st.mtimeMs) return hit.text;
      const read = readTextFile(path);
      if ('error' in read) return undefined;
      this.textCache.set(path, { mtimeMs: read.mtimeMs, text: read.text });
      return read.text;
    } catch {
      return undefined;
    }
  }

  listDir(path: string): Array<{ name: string; isDirectory: boolean }> {
    try { return readdirSync(path, { withFileTypes: true }).map((e) => ({ name: e.name, isDirectory: e.isDirectory() })); } catch { return []; }
  }

  workspaceRoot(path: string): string | undefined {
    return this.roots().find((r) => { const rel = relative(r, path); return !rel.startsWith('..') && !isAbsolute(rel); });
  }
}
