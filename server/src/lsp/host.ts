import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { isAbsolute, relative } from 'node:path';
import type { CoreHost } from '../core/languageService';

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
      const { mtimeMs, size } = statSync(path);
      // Linked files are small specs and contracts; refuse to pull a large data file into memory.
      if (size > 8 * 1024 * 1024) return undefined;
      const hit = this.textCache.get(path);
      if (hit && hit.mtimeMs === mtimeMs) return hit.text;
      const text = readFileSync(path, 'utf8');
      this.textCache.set(path, { mtimeMs, text });
      return text;
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
