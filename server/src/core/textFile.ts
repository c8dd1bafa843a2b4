import { closeSync, constants, fstatSync, openSync, readSync, type Stats } from 'node:fs';

/** Specs and contracts are small: a linked file larger than this is not read into memory. */
export const MAX_TEXT_BYTES = 8 * 1024 * 1024;

/** A text file read, or why it was not (in words that finish "<path> ..."). */
export type TextFile = { text: string; mtimeMs: number } | { error: string };

/** What a path is when it is not a regular file, for messages. */
export function notAFile(st: Stats): string | undefined {
  if (st.isFile()) return undefined;
  if (st.isDirectory()) return 'is a folder, not a file';
  if (st.isFIFO()) return 'is a named pipe (FIFO), not a file';
  if (st.isCharacterDevice() || st.isBlockDevice()) return 'is a device, not a file';
  if (st.isSocket()) return 'is a socket, not a file';
  return 'is not a regular file';
}

/**
 * Reads a UTF-8 text file, refusing anything that is not a regular file and anything over `maxBytes`.
 * The file is opened without blocking (a FIFO with no writer would otherwise wait forever) and checked
 * with fstat on the open descriptor, so a symlink swapped for a device after a stat cannot slip through;
 * reading stops at the cap even when the size on disk said less (devices say 0, files grow).
 */
export function readTextFile(path: string, maxBytes = MAX_TEXT_BYTES): TextFile {
  let fd: number;
  try {
    fd = openSync(path, constants.O_RDONLY | (constants.O_NONBLOCK ?? 0));
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    return { error: code === 'ENOENT' ? 'does not exist' : `cannot be opened (${code ?? (e as Error).message})` };
  }
  try {
    const st = fstatSync(fd);
    const kind = notAFile(st);
    if (kind) return { error: kind };
    if (st.size > maxBytes) return { error: tooLarge(maxBytes) };
    const buffer = Buffer.allocUnsafe(Math.min(maxBytes + 1, Math.max(st.size + 1, 64 * 1024)));
    let length = 0;
    for (;;) {
      if (length === buffer.length) {
        if (length > maxBytes) return { error: tooLarge(maxBytes) };
        return readRest(fd, buffer, maxBytes, st.mtimeMs);
      }
      const n = readSync(fd, buffer, length, buffer.length - length, null);
      if (n === 0) break;
      length += n;
    }
    return { text: buffer.toString('utf8', 0, length), mtimeMs: st.mtimeMs };
  } catch (e) {
    return { error: `cannot be read (${(e as NodeJS.ErrnoException).code ?? (e as Error).message})` };
  } finally {
    closeSync(fd);
  }
}

/** Goes on reading a file that turned out longer than its size said, up to one byte past the cap. */
function readRest(fd: number, start: Buffer, maxBytes: number, mtimeMs: number): TextFile {
  const buffer = Buffer.allocUnsafe(maxBytes + 1);
  start.copy(buffer);
  let length = start.length;
  while (length < buffer.length) {
    const n = readSync(fd, buffer, length, buffer.length - length, null);
    if (n === 0) return { text: buffer.toString('utf8', 0, length), mtimeMs };
    length += n;
  }
  return { error: tooLarge(maxBytes) };
}

function tooLarge(maxBytes: number): string {
  return `is larger than ${Math.round(maxBytes / 1024 / 1024)} MB, too large for a spec or contract`;
}

/** The text of a file, or an Error whose message names the file and says what is wrong with it. */
export function readTextOrThrow(path: string, what: string, maxBytes = MAX_TEXT_BYTES): string {
  const r = readTextFile(path, maxBytes);
  if ('error' in r) throw new Error(`${path}: cannot read the ${what}: it ${r.error}`);
  return r.text;
}
