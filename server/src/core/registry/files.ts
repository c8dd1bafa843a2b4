/**
 * File work of a registration: copying the run's model folder into the version folder and hashing it.
 */
import { createHash } from 'node:crypto';
import { createReadStream, copyFileSync, lstatSync, mkdirSync, readdirSync } from 'node:fs';
import { join, posix } from 'node:path';
import { RegistryError } from './errors';

export interface CopiedFile {
  /** Path relative to the destination folder, forward slashes. */
  path: string;
  bytes: number;
}

/** Every regular file below `dir` (relative, forward slashes, sorted); refuses symbolic links and special files. */
export function listModelFiles(dir: string, rel = ''): CopiedFile[] {
  const out: CopiedFile[] = [];
  for (const entry of readdirSync(join(dir, rel), { withFileTypes: true }).sort((a, b) => a.name.localeCompare(b.name))) {
    const path = rel ? posix.join(rel, entry.name) : entry.name;
    if (entry.isDirectory()) out.push(...listModelFiles(dir, path));
    else if (entry.isFile()) out.push({ path, bytes: lstatSync(join(dir, path)).size });
    else throw new RegistryError(`${join(dir, path)} is not a regular file (symbolic link or special file): the registry copies regular files only.`);
  }
  return out;
}

/** Copies the listed files from `from` into `to` (created as needed). */
export function copyFiles(from: string, to: string, files: CopiedFile[]): void {
  for (const f of files) {
    const target = join(to, f.path);
    mkdirSync(join(target, '..'), { recursive: true });
    copyFileSync(join(from, f.path), target);
  }
}

/** sha256 of a file, streamed so that large weights never sit in memory at once. */
export function sha256File(path: string): Promise<string> {
  return new Promise((resolve, reject) => {
    const hash = createHash('sha256');
    createReadStream(path)
      .on('data', (chunk) => hash.update(chunk))
      .on('error', reject)
      .on('end', () => resolve(hash.digest('hex')));
  });
}
