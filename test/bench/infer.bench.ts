// `mlops contract infer` on a long file (1M rows x 12 columns) and a wide one (10k rows x 1,000
// columns), each against `mlops check` of the inferred contract on the same file, in the same run:
// peak memory and wall time of each in a fresh process (inferProbe.ts). Infer must stay under check's
// memory; the wide case is the one that used to grow with the square of the columns.
import { execFileSync } from 'node:child_process';
import { closeSync, mkdtempSync, openSync, rmSync, writeSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { mulberry32 } from '../../server/src/core/random';
import { writeBenchCsv } from '../fixtures/contracts/benchData';
import type { BenchRow, BenchSuite } from './table';

interface Probe { ms: number; passed: boolean; maxRssMB: number }

function probe(mode: 'infer' | 'check', data: string, contract: string): Probe {
  const script = resolve(__dirname, 'inferProbe.ts');
  const out = execFileSync(process.execPath, ['--import', 'tsx', script, mode, data, contract], { encoding: 'utf8', maxBuffer: 1 << 26 });
  return JSON.parse(out.trim()) as Probe;
}

/** A seeded wide CSV: integer, decimal, categorical and date columns in turn, a few values missing. */
function writeWideCsv(path: string, rows: number, cols: number, seed = 7): void {
  const rnd = mulberry32(seed);
  const kinds = ['int', 'float', 'cat', 'date'];
  const cell = (k: string): string => {
    if (rnd() < 0.01) return '';
    if (k === 'int') return String(Math.floor(rnd() * 100_000));
    if (k === 'float') return (rnd() * 1000).toFixed(3);
    if (k === 'cat') return ['red', 'green', 'blue', 'amber'][Math.floor(rnd() * 4)]!;
    return `20${10 + Math.floor(rnd() * 15)}-0${1 + Math.floor(rnd() * 9)}-1${Math.floor(rnd() * 10)}`;
  };
  const fd = openSync(path, 'w');
  try {
    writeSync(fd, `${Array.from({ length: cols }, (_, c) => `${kinds[c % 4]}_${c}`).join(',')}\n`);
    for (let r = 0; r < rows; r++) writeSync(fd, `${Array.from({ length: cols }, (_, c) => cell(kinds[c % 4]!)).join(',')}\n`);
  } finally {
    closeSync(fd);
  }
}

function rows(label: string, data: string, contract: string): BenchRow[] {
  const infer = probe('infer', data, contract);
  const check = probe('check', data, contract);
  if (!check.passed) throw new Error(`${label}: the inferred contract should pass check on its own data`);
  return [
    { case: `${label}: peak RSS, infer vs check`, ours: `${Math.round(infer.maxRssMB)} MB`, baseline: `${Math.round(check.maxRssMB)} MB`,
      ratio: `${(infer.maxRssMB / check.maxRssMB).toFixed(2)}x`, target: '<= 1.0x', met: infer.maxRssMB <= check.maxRssMB },
    { case: `${label}: wall time, infer vs check`, ours: `${(infer.ms / 1000).toFixed(1)} s`, baseline: `${(check.ms / 1000).toFixed(1)} s`,
      ratio: `${(infer.ms / check.ms).toFixed(2)}x`, target: 'reported', met: null },
  ];
}

const suite: BenchSuite = {
  title: 'Contract infer vs check on the same file',
  baselineName: 'mlops check of the inferred contract (same run)',
  async run(): Promise<BenchRow[]> {
    const dir = mkdtempSync(join(tmpdir(), 'mlops-infer-bench-'));
    try {
      const long = join(dir, 'long.csv');
      const wide = join(dir, 'wide.csv');
      const small = join(dir, 'wide500.csv');
      writeBenchCsv(long, 1_000_000);
      writeWideCsv(wide, 10_000, 1_000);
      writeWideCsv(small, 50, 500);
      return [
        ...rows('1M rows x 12 cols', long, join(dir, 'long.odcs.yaml')),
        ...rows('10k rows x 1,000 cols', wide, join(dir, 'wide.odcs.yaml')),
        ...rows('50 rows x 500 cols (was 9.7 GB)', small, join(dir, 'wide500.odcs.yaml')),
      ];
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  },
};

export default suite;
