// Registry speed: what the safety (isolated index, compare-and-swap refs, card) costs over the naive
// `git add && git commit && git tag -a` of the same folder, and listing models from cards vs asking git
// for the tags. Real temporary repositories with 1,000 tracked files; medians of several repeats.
import { execFileSync } from 'node:child_process';
import { cpSync, mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { median, type BenchRow, type BenchSuite } from './table';
import { registerRun } from '../../server/src/core/registry/register';
import { listModels } from '../../server/src/core/registry/catalog';
import { makeRun, sandbox, type Sandbox } from '../git/helpers';

const REPEATS = 7;

function projectRepo(): Sandbox {
  const s = sandbox();
  for (let d = 0; d < 20; d++) {
    mkdirSync(join(s.dir, 'src', `pkg${d}`), { recursive: true });
    for (let f = 0; f < 50; f++) writeFileSync(join(s.dir, 'src', `pkg${d}`, `f${f}.ts`), `export const v${f} = ${d * 50 + f};\n`);
  }
  s.git('add', 'src');
  s.git('commit', '-q', '-m', '1,000 files');
  return s;
}

async function timeRegister(s: Sandbox): Promise<number[]> {
  const times: number[] = [];
  for (let i = 1; i <= REPEATS; i++) {
    makeRun(s.dir, `run-${i}`, { seed: i, weightsBytes: 400_000 });
    const t = performance.now();
    await registerRun({ workspace: s.dir, runId: `run-${i}`, model: 'churn', env: s.env });
    times.push(performance.now() - t);
  }
  return times;
}

function timeNaive(s: Sandbox): number[] {
  const times: number[] = [];
  const git = (...args: string[]): void => { execFileSync('git', args, { cwd: s.dir, env: s.env, stdio: 'ignore' }); };
  for (let i = 1; i <= REPEATS; i++) {
    makeRun(s.dir, `run-${i}`, { seed: i, weightsBytes: 400_000 });
    const t = performance.now();
    const dir = `models/churn/v${i}`;
    cpSync(join(s.dir, `.mlops/runs/run-${i}/model`), join(s.dir, dir, 'model'), { recursive: true });
    git('add', '--', dir);
    git('commit', '-q', '-m', `model(churn): v${i}`);
    git('tag', '-a', '-m', `churn v${i}`, `churn@v${i}`);
    times.push(performance.now() - t);
  }
  return times;
}

const ms = (v: number): string => `${v.toFixed(0)} ms`;

const suite: BenchSuite = {
  title: 'Model registry',
  baselineName: 'plain git (add+commit+tag / for-each-ref)',
  async run(): Promise<BenchRow[]> {
    const ours = projectRepo();
    const naive = projectRepo();
    try {
      const reg = median(await timeRegister(ours));
      const base = median(timeNaive(naive));
      const listTimes: number[] = [];
      const tagTimes: number[] = [];
      for (let i = 0; i < REPEATS; i++) {
        let t = performance.now();
        const models = listModels(ours.dir);
        listTimes.push(performance.now() - t);
        if (models[0]?.versions.length !== REPEATS) throw new Error('listing lost versions');
        t = performance.now();
        ours.git('for-each-ref', '--format=%(refname) %(objectname)', 'refs/tags/churn@v*');
        tagTimes.push(performance.now() - t);
      }
      const list = median(listTimes);
      const tags = median(tagTimes);
      return [
        { case: `register a run (3 files, 400 kB) in a repo of 1,000 files, median of ${REPEATS}`, ours: ms(reg), baseline: ms(base),
          ratio: `${(reg / base).toFixed(1)}x`, target: '< 1 s (interactive)', met: reg < 1000 },
        { case: `mlops models with ${REPEATS} versions (cards read from disk)`, ours: ms(list), baseline: ms(tags),
          ratio: `${(list / tags).toFixed(2)}x`, target: 'faster than one git call', met: list < tags },
      ];
    } finally {
      ours.cleanup();
      naive.cleanup();
    }
  },
};

export default suite;
