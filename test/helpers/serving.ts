// A real serving workspace for the serving tests: the churn example in a temporary git repository,
// trained for real (few epochs) and registered as churn-classifier v1 (production) and v2 (staging,
// a different network and seed, so the two disagree on some rows).
import { cpSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { promoteVersion } from '../../server/src/core/registry/promote';
import { registerRun } from '../../server/src/core/registry/register';
import { runTraining } from '../../server/src/core/training/run';
import { readSpecFile } from '../../server/src/core/training/specFile';
import { sandbox, type Sandbox } from '../git/helpers';
import { EXAMPLE } from './workspace';

export const MODEL = 'churn-classifier';

export interface ServingWorkspace extends Sandbox {
  /** Run ids of v1 and v2. */
  runs: string[];
}

async function trainVersion(dir: string, env: NodeJS.ProcessEnv, seed: number, units: number): Promise<string> {
  const specPath = join(dir, 'mlops.yaml');
  const { spec, hash } = readSpecFile(specPath);
  spec.training = { ...spec.training, epochs: 6, seed };
  spec.model = { ...spec.model!, layers: [{ units, activation: 'relu' }] };
  const r = await runTraining({ workspace: dir, specPath, specHash: hash, spec });
  if (r.status !== 'completed') throw new Error(`training failed: ${r.error}`);
  await registerRun({ workspace: dir, runId: r.runId, env, force: 'test fixture: few epochs', message: `seed ${seed}` });
  return r.runId;
}

/**
 * Builds the workspace; `versions` is 1 or 2. v1 holds `production`; v2 (when made) holds `staging`.
 */
export async function servingWorkspace(versions = 2): Promise<ServingWorkspace> {
  const s = sandbox();
  cpSync(EXAMPLE, s.dir, { recursive: true, filter: (src) => !src.split(/[\\/]/).includes('.mlops') });
  writeFileSync(join(s.dir, '.gitignore'), '.mlops/\n');
  s.git('add', '-A');
  s.git('commit', '-q', '-m', 'example');
  const runs = [await trainVersion(s.dir, s.env, 42, 16)];
  await promoteVersion({ workspace: s.dir, model: MODEL, version: 'v1', alias: 'production', env: s.env });
  if (versions > 1) {
    runs.push(await trainVersion(s.dir, s.env, 7, 4));
    await promoteVersion({ workspace: s.dir, model: MODEL, version: 'v2', alias: 'staging', env: s.env });
  }
  return { ...s, runs };
}
