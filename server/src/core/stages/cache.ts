import { createHash, randomBytes } from 'node:crypto';
import { constants, copyFileSync, existsSync, mkdirSync, readFileSync, renameSync, rmSync, statSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { writeFileAtomic } from '../tracking/store';
import { listFiles, type HashCache } from './hash';
import type { HashedPath } from './types';

/** What a stage produced from one state of its inputs. */
export interface CachedRun {
  outs: HashedPath[];
  run?: string;
}

interface FolderManifest { files: Array<{ path: string; hash: string }> }

/** Copies a file, as a copy-on-write clone where the file system can (then it costs no space or time). */
function cloneFile(from: string, to: string): void {
  mkdirSync(dirname(to), { recursive: true });
  const tmp = `${to}.${randomBytes(4).toString('hex')}.tmp`;
  copyFileSync(from, tmp, constants.COPYFILE_FICLONE);
  renameSync(tmp, to);
}

/**
 * The run cache under `.mlops/cache/`: outputs stored by content (`objects/ab/cdef...`, folders as a
 * manifest object `....dir` plus their files) and, per input state of a stage (command, dep hashes,
 * params, declared outs), which outputs it produced (`runs/<key>.json`). When a stage's inputs return
 * to a state already run, its outputs are restored from here instead of running it again.
 */
export class RunCache {
  constructor(readonly root: string) {}

  private object(hash: string): string {
    return join(this.root, 'objects', hash.slice(0, 2), hash.slice(2));
  }

  private entryFile(key: string): string {
    return join(this.root, 'runs', key.slice(0, 2), `${key}.json`);
  }

  /** The key of one input state of a stage. */
  key(cmd: string, deps: HashedPath[], params: Record<string, unknown>, outs: string[]): string {
    const canonical = JSON.stringify({ cmd, deps: deps.map((d) => [d.path, d.hash]), params: Object.entries(params).sort(([a], [b]) => (a < b ? -1 : 1)), outs: [...outs].sort() });
    return createHash('sha256').update(canonical).digest('hex');
  }

  /** The outputs recorded for a key, if every object they need is still in the cache. */
  lookup(key: string): CachedRun | undefined {
    let run: CachedRun;
    try {
      run = JSON.parse(readFileSync(this.entryFile(key), 'utf8')) as CachedRun;
    } catch {
      return undefined;
    }
    return Array.isArray(run.outs) && run.outs.every((o) => this.has(o.hash)) ? run : undefined;
  }

  private has(hash: string): boolean {
    if (!existsSync(this.object(hash))) return false;
    if (!hash.endsWith('.dir')) return true;
    return this.manifest(hash).files.every((f) => existsSync(this.object(f.hash)));
  }

  private manifest(hash: string): FolderManifest {
    return JSON.parse(readFileSync(this.object(hash), 'utf8')) as FolderManifest;
  }

  /** Copies a stage's outputs into the cache (objects already there are not copied again) and records them. */
  async save(key: string, dir: string, outs: HashedPath[], hashes: HashCache, run?: string): Promise<void> {
    for (const o of outs) await this.store(join(dir, o.path), o.hash, hashes);
    const file = this.entryFile(key);
    mkdirSync(dirname(file), { recursive: true });
    writeFileAtomic(file, JSON.stringify({ outs, ...(run ? { run } : {}) } satisfies CachedRun));
  }

  private async store(abs: string, hash: string, hashes: HashCache): Promise<void> {
    if (existsSync(this.object(hash))) return;
    if (!hash.endsWith('.dir')) { cloneFile(abs, this.object(hash)); return; }
    const files: FolderManifest['files'] = [];
    for (const rel of listFiles(abs)) {
      const h = await hashes.hash(join(abs, rel));
      if (!h) continue;
      if (!existsSync(this.object(h.hash))) cloneFile(join(abs, rel), this.object(h.hash));
      files.push({ path: rel, hash: h.hash });
    }
    mkdirSync(dirname(this.object(hash)), { recursive: true });
    writeFileAtomic(this.object(hash), JSON.stringify({ files } satisfies FolderManifest));
  }

  /** Puts recorded outputs back in the workspace, each replaced whole (built aside, then renamed in). */
  restore(dir: string, outs: HashedPath[]): void {
    for (const o of outs) {
      const target = join(dir, o.path);
      if (!o.hash.endsWith('.dir')) { cloneFile(this.object(o.hash), target); continue; }
      const tmp = `${target}.${randomBytes(4).toString('hex')}.tmp`;
      for (const f of this.manifest(o.hash).files) cloneFile(this.object(f.hash), join(tmp, f.path));
      mkdirSync(tmp, { recursive: true });
      if (existsSync(target) && statSync(target).isDirectory()) rmSync(target, { recursive: true, force: true });
      else rmSync(target, { force: true });
      renameSync(tmp, target);
    }
  }
}
