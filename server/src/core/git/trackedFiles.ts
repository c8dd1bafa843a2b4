import { existsSync, readFileSync, statSync } from 'node:fs';
import { dirname, isAbsolute, join, relative, resolve, sep } from 'node:path';

/** The files git tracks in one working tree, read from its index (`.git/index`). */
export interface TrackedFiles {
  root: string;
  /** True when the path (absolute) is a tracked file or a folder holding one. */
  has(abs: string): boolean;
}

/** The working tree holding `dir` and its index file (`.git` is a folder, or a file naming it in worktrees). */
export function findIndex(dir: string): { root: string; index: string } | undefined {
  for (let cur = resolve(dir); ; cur = dirname(cur)) {
    const dotGit = join(cur, '.git');
    if (existsSync(dotGit)) {
      if (statSync(dotGit).isDirectory()) return { root: cur, index: join(dotGit, 'index') };
      const m = /^gitdir:\s*(.+)$/m.exec(readFileSync(dotGit, 'utf8'));
      return m ? { root: cur, index: join(resolve(cur, m[1]!.trim()), 'index') } : undefined;
    }
    if (dirname(cur) === cur) return undefined;
  }
}

/**
 * Paths of the index's entries (format versions 2, 3 and 4, as git documents them in
 * gitformat-index): after the 12-byte header, each entry has 62 bytes of stat data, hash and flags
 * (plus 2 bytes of extended flags in v3 when bit 14 is set), then the path: NUL-terminated and padded
 * to a multiple of 8 (v2/v3), or prefix-compressed against the previous path (v4).
 */
export function parseIndex(buf: Buffer): string[] {
  if (buf.length < 12 || buf.toString('latin1', 0, 4) !== 'DIRC') throw new Error('not a git index');
  const version = buf.readUInt32BE(4);
  const count = buf.readUInt32BE(8);
  const paths: string[] = [];
  let pos = 12;
  let previous = Buffer.alloc(0);
  for (let i = 0; i < count; i++) {
    const start = pos;
    const flags = buf.readUInt16BE(pos + 60);
    pos += 62 + (version >= 3 && (flags & 0x4000) !== 0 ? 2 : 0);
    if (version === 4) {
      let strip = 0;
      let byte: number;
      // The offset is git's varint: 7 bits a byte, each continuation adding one before the shift.
      do { byte = buf[pos++]!; strip = (strip << 7) | (byte & 0x7f); if (byte & 0x80) strip++; } while (byte & 0x80);
      const end = buf.indexOf(0, pos);
      // The offset counts bytes, so the previous path is kept as bytes (names need not be ASCII).
      previous = Buffer.concat([previous.subarray(0, previous.length - strip), buf.subarray(pos, end)]);
      paths.push(previous.toString('utf8'));
      pos = end + 1;
    } else {
      const end = buf.indexOf(0, pos);
      paths.push(buf.toString('utf8', pos, end));
      pos = start + Math.ceil((end - start + 1) / 8) * 8;
    }
  }
  return paths;
}

const cache = new Map<string, { stamp: string; tracked: TrackedFiles }>();

/**
 * The tracked files of the repository holding `dir`, or undefined outside one (or for an index we
 * cannot read). Read once and kept while the index file's size and mtime stay the same, so a rule can
 * ask on every keystroke without running git.
 */
export function trackedFiles(dir: string): TrackedFiles | undefined {
  const found = findIndex(dir);
  if (!found || !existsSync(found.index)) return undefined;
  const st = statSync(found.index);
  const stamp = `${st.size}:${st.mtimeMs}`;
  const hit = cache.get(found.index);
  if (hit?.stamp === stamp) return hit.tracked;
  let paths: string[];
  try {
    paths = parseIndex(readFileSync(found.index));
  } catch {
    return undefined;
  }
  const files = new Set(paths);
  const folders = new Set(paths.flatMap((p) => p.split('/').slice(0, -1).map((_, i, parts) => parts.slice(0, i + 1).join('/'))));
  const tracked: TrackedFiles = {
    root: found.root,
    has(abs) {
      const rel = relative(found.root, abs);
      if (rel.startsWith('..') || isAbsolute(rel)) return false;
      const key = rel.split(sep).join('/');
      return files.has(key) || folders.has(key);
    },
  };
  cache.set(found.index, { stamp, tracked });
  return tracked;
}
