import { existsSync, readdirSync } from 'node:fs';
import { relative, isAbsolute } from 'node:path';
import type { CoreHost } from './languageService';
import { readTextFile } from './textFile';

/** A CoreHost over the disk, for the CLI and tests. `roots` are the workspace folders. */
export function diskHost(roots: string[] = [], overlay: Map<string, string> = new Map()): CoreHost {
  return {
    exists: (p) => overlay.has(p) || existsSync(p),
    readText: (p) => {
      if (overlay.has(p)) return overlay.get(p);
      const read = readTextFile(p);
      return 'error' in read ? undefined : read.text;
    },
    listDir: (p) => {
      try { return readdirSync(p, { withFileTypes: true }).map((e) => ({ name: e.name, isDirectory: e.isDirectory() })); } catch { return []; }
    },
    workspaceRoot: (p) => roots.find((r) => { const rel = relative(r, p); return !rel.startsWith('..') && !isAbsolute(rel); }),
  };
}
