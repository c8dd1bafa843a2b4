import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';

/** Another `mlops run` is working on the same pipeline. */
export class PipelineBusyError extends Error {}

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    return (e as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/**
 * Claims the pipeline for one `mlops run` (`.mlops/pipeline/run.pid`): two runs writing the same outs
 * and lock would corrupt both. A claim left by a process that is gone is taken over. Returns the release.
 */
export function claimPipeline(dir: string): () => void {
  const file = join(dir, '.mlops', 'pipeline', 'run.pid');
  mkdirSync(dirname(file), { recursive: true });
  for (let tries = 0; tries < 2; tries++) {
    try {
      writeFileSync(file, String(process.pid), { flag: 'wx' });
      return () => rmSync(file, { force: true });
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code !== 'EEXIST') throw e;
      const holder = Number(readFileSync(file, 'utf8'));
      if (Number.isInteger(holder) && holder > 0 && alive(holder)) {
        throw new PipelineBusyError(`another mlops run (pid ${holder}) is running this pipeline; wait for it, or stop it (${file})`);
      }
      rmSync(file, { force: true });
    }
  }
  throw new PipelineBusyError(`cannot claim ${file}; remove it if no mlops run is running`);
}
