// Pipeline status: `mlops status` on 200 stages reading 2 GB of deps, after a first run, when nothing
// changed (hashes come from the stat cache: one stat per file), against `sha256sum` of every dep (what
// a tool without a stat cache must do at least). Real files in a temporary workspace, real processes.
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, openSync, rmSync, writeFileSync, writeSync, closeSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { median, type BenchRow, type BenchSuite } from './table';
import { openPipeline } from '../../server/src/core/stages/pipeline';
import { pipelineStatus } from '../../server/src/core/stages/status';

const STAGES = 200;
const FILE_BYTES = 10_000_000;
const REPEATS = 7;
const CLI = resolve(__dirname, '../../dist/cli.js');

/** 10 MB of seeded bytes per dep, each file different (its index written through it). */
function writeDeps(dir: string): string[] {
  mkdirSync(join(dir, 'data'));
  const block = Buffer.alloc(1 << 20);
  let a = 12345;
  for (let i = 0; i < block.length; i++) { a = (a * 1103515245 + 12345) >>> 0; block[i] = a >>> 24; }
  const files: string[] = [];
  for (let s = 0; s < STAGES; s++) {
    const file = join(dir, 'data', `d${s}.bin`);
    const fd = openSync(file, 'w');
    for (let written = 0; written < FILE_BYTES; written += block.length) {
      block.writeUInt32LE(s, 0);
      block.writeUInt32LE(written, 4);
      writeSync(fd, block, 0, Math.min(block.length, FILE_BYTES - written));
    }
    closeSync(fd);
    files.push(file);
  }
  return files;
}

/** 200 stages: each reads its own 10 MB file, and three in four also the previous stage's output. */
function spec(): string {
  const lines = ['apiVersion: mlops/v1', 'kind: Pipeline', 'metadata: { name: bench }', 'data:', '  train: { path: data/d0.bin }', 'stages:'];
  for (let s = 0; s < STAGES; s++) {
    const deps = [`data/d${s}.bin`, ...(s > 0 && s % 4 !== 0 ? [`out/s${s - 1}.txt`] : [])];
    lines.push(`  s${s}:`, `    cmd: mkdir -p out && echo ${s} > out/s${s}.txt`, `    deps: [${deps.join(', ')}]`, `    outs: [out/s${s}.txt]`);
  }
  return `${lines.join('\n')}\n`;
}

/** Wall seconds and CPU seconds (user + system, from GNU time when installed) of one command. */
function timed(cmd: string, args: string[], cwd: string): { wall: number; cpu: number | null } {
  const gnuTime = existsSync('/usr/bin/time');
  const t = performance.now();
  const r = gnuTime
    ? spawnSync('/usr/bin/time', ['-f', 'cpu %U %S', cmd, ...args], { cwd, encoding: 'utf8', maxBuffer: 1 << 26 })
    : spawnSync(cmd, args, { cwd, encoding: 'utf8', maxBuffer: 1 << 26 });
  const wall = (performance.now() - t) / 1000;
  if (r.status !== 0) throw new Error(`${cmd} ${args.join(' ')} failed: ${r.stderr}`);
  const m = /cpu ([\d.]+) ([\d.]+)\s*$/.exec(r.stderr ?? '');
  return { wall, cpu: m ? Number(m[1]) + Number(m[2]) : null };
}

const sec = (v: number) => `${v.toFixed(3)} s`;

const suite: BenchSuite = {
  title: 'Pipeline status, 200 stages, 2 GB of deps',
  baselineName: 'sha256sum of every dep',
  async run(): Promise<BenchRow[]> {
    const load0 = loadavg()[0]!;
    const dir = mkdtempSync(join(tmpdir(), 'mlops-bench-pipeline-'));
    try {
      const files = writeDeps(dir);
      writeFileSync(join(dir, 'mlops.yaml'), spec());
      const first = timed(process.execPath, [CLI, 'run', '--jobs', '2'], dir);
      // Interleaved, so that a change in the machine's load hits the three alike: `mlops status`, Node's own
      // start-up floor, and the CLI's start-up without a command (the command table and dispatch).
      const statusRuns: Array<ReturnType<typeof timed>> = [];
      const floor: Array<ReturnType<typeof timed>> = [];
      const help: Array<ReturnType<typeof timed>> = [];
      for (let i = 0; i < REPEATS; i++) {
        statusRuns.push(timed(process.execPath, [CLI, 'status', '--format', 'json'], dir));
        floor.push(timed(process.execPath, ['-e', '0'], dir));
        help.push(timed(process.execPath, [CLI, '--help'], dir));
      }
      const check = JSON.parse(execFileSync(process.execPath, [CLI, 'status', '--format', 'json'], { cwd: dir, encoding: 'utf8' })) as { upToDate: boolean };
      if (!check.upToDate) throw new Error('the pipeline should be up to date after the first run');
      const inProcess: number[] = [];
      for (let i = 0; i < REPEATS; i++) {
        const t = performance.now();
        await pipelineStatus(await openPipeline(join(dir, 'mlops.yaml')));
        inProcess.push((performance.now() - t) / 1000);
      }
      const sums = Array.from({ length: 3 }, () => timed('sha256sum', files, dir));
      const changed = Array.from({ length: 3 }, (_, i) => {
        writeFileSync(files[100 + i]!, Buffer.alloc(FILE_BYTES, i + 1));
        return timed(process.execPath, [CLI, 'status', '--format', 'json'], dir);
      });
      const ours = median(statusRuns.map((r) => r.wall));
      const base = median(sums.map((r) => r.wall));
      const cpu = statusRuns.every((r) => r.cpu !== null) ? median(statusRuns.map((r) => r.cpu!)) : null;
      const baseCpu = sums.every((r) => r.cpu !== null) ? median(sums.map((r) => r.cpu!)) : null;
      const load1 = loadavg()[0]!;
      return [
        { case: `mlops status, nothing changed (process, wall, median of ${REPEATS})`, ours: sec(ours), baseline: sec(base), ratio: `${(ours / base).toFixed(3)}x`, target: '<= 0.2 s', met: ours <= 0.2 },
        { case: 'same, CPU time of the process (user + system)', ours: cpu === null ? 'n/a' : sec(cpu), baseline: baseCpu === null ? 'n/a' : sec(baseCpu), ratio: cpu && baseCpu ? `${(cpu / baseCpu).toFixed(3)}x` : '–', target: 'context', met: null },
        { case: `context: node -e 0 (process start-up floor, wall, median of ${REPEATS})`, ours: sec(median(floor.map((r) => r.wall))), baseline: '', ratio: '', target: '', met: null },
        { case: `context: mlops --help (CLI start-up, no command loaded, wall, median of ${REPEATS})`, ours: sec(median(help.map((r) => r.wall))), baseline: '', ratio: '', target: '', met: null },
        { case: 'the status itself, in process (open spec, lock, stat cache; 400 stats)', ours: sec(median(inProcess)), baseline: sec(base), ratio: `${(median(inProcess) / base).toFixed(4)}x`, target: 'context', met: null },
        { case: 'mlops status after one 10 MB dep changed (median of 3)', ours: sec(median(changed.map((r) => r.wall))), baseline: sec(base), ratio: `${(median(changed.map((r) => r.wall)) / base).toFixed(3)}x`, target: 'context: hashes one file', met: null },
        { case: 'first mlops run --jobs 2 (hashes 2 GB, runs 200 stages)', ours: sec(first.wall), baseline: sec(base), ratio: `${(first.wall / base).toFixed(2)}x`, target: 'context', met: null },
        { case: 'machine load (1-min average) at start / end', ours: `${load0.toFixed(1)} / ${load1.toFixed(1)}`, baseline: '', ratio: '', target: '', met: null },
      ];
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  },
};

export default suite;
