// Language server speed and memory: ours against yaml-language-server (npm), both over stdio, both
// without a validation delay, on generated specs of 1k, 10k and 50k lines.
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { LspTestClient } from '../helpers/lspClient';
import { generateSpec } from './specGenerator';
import { median, type BenchRow, type BenchSuite } from './table';

const SIZES = [1000, 10000, 50000];
const CHANGES = 15;
const REQUESTS = 15;

interface Measure { open: number; change: number; hover: number; completion: number; rssMB: number }

function rssMB(pid: number): number {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  return Number(/VmRSS:\s+(\d+)/.exec(status)![1]) / 1024;
}

async function time<T>(f: () => Promise<T>): Promise<number> {
  const t = performance.now();
  await f();
  return performance.now() - t;
}

async function measure(client: LspTestClient, dir: string, lines: number): Promise<Measure> {
  const text = generateSpec(lines);
  const path = join(dir, `big-${lines}.mlops.yaml`);
  writeFileSync(path, text);
  const uri = pathToFileURL(path).toString();
  const open = await time(async () => { const p = client.diagnostics(uri); client.open(path, text); await p; });
  // One character typed into the cmd of the middle stage, then removed, alternately.
  const mid = text.split('\n').findIndex((l, i) => i >= lines / 2 && l.startsWith('    cmd:'));
  const changes: number[] = [];
  for (let i = 0; i < CHANGES; i++) {
    const at = { line: mid, character: 12 };
    const range = i % 2 === 0 ? { start: at, end: at } : { start: at, end: { line: mid, character: 13 } };
    changes.push(await time(async () => { const p = client.diagnostics(uri); client.change(uri, range, i % 2 === 0 ? 'x' : ''); await p; }));
  }
  const ask = (method: string, character: number) => time(() => client.request(method, { textDocument: { uri }, position: { line: mid, character } }));
  const hovers: number[] = [];
  const completions: number[] = [];
  for (let i = 0; i < REQUESTS; i++) { hovers.push(await ask('textDocument/hover', 6)); completions.push(await ask('textDocument/completion', 4)); }
  return { open, change: median(changes), hover: median(hovers), completion: median(completions), rssMB: rssMB(client.process.pid!) };
}

async function run(kind: 'ours' | 'yls', dir: string): Promise<Map<number, Measure>> {
  const yls = resolve(__dirname, 'ylsNoDelay.js');
  const client = await LspTestClient.start(dir, kind === 'yls' ? { command: [process.execPath, yls, '--stdio'] } : {});
  if (kind === 'yls') {
    const schema = pathToFileURL(resolve(__dirname, '../../schemas/pipeline.schema.json')).toString();
    client.connection.sendNotification('workspace/didChangeConfiguration', { settings: { yaml: { validate: true, hover: true, completion: true, schemas: { [schema]: '*.mlops.yaml' } } } });
  }
  const results = new Map<number, Measure>();
  for (const lines of SIZES) results.set(lines, await measure(client, dir, lines));
  await client.stop();
  return results;
}

const ms = (x: number) => `${x.toFixed(1)} ms`;

const suite: BenchSuite = {
  title: 'Language server (stdio)',
  baselineName: 'yaml-language-server 1.25',
  async run() {
    const dir = mkdtempSync(join(tmpdir(), 'mlops-bench-lsp-'));
    mkdirSync(join(dir, 'data'));
    writeFileSync(join(dir, 'data/train.csv'), 'a,b,c,y\n1,2,3,0\n');
    try {
      const ours = await run('ours', dir);
      const yls = await run('yls', dir);
      const rows: BenchRow[] = [];
      for (const lines of SIZES) {
        const o = ours.get(lines)!;
        const y = yls.get(lines)!;
        const k = `${lines / 1000}k lines`;
        const row = (what: string, a: number, b: number, target: string, met: boolean | null): BenchRow =>
          ({ case: `${what}, ${k}`, ours: ms(a), baseline: ms(b), ratio: `${(a / b).toFixed(2)}x`, target, met });
        rows.push(row('didOpen to diagnostics', o.open, y.open, '', null));
        const changeTarget = lines === 10000 ? '<= 0.3x' : lines === 1000 ? '< 10 ms' : '';
        const changeMet = lines === 10000 ? o.change <= 0.3 * y.change : lines === 1000 ? o.change < 10 : null;
        rows.push(row('1-char change to diagnostics (median)', o.change, y.change, changeTarget, changeMet));
        rows.push(row('hover (median)', o.hover, y.hover, '', null));
        rows.push(row('completion (median)', o.completion, y.completion, '', null));
        const rssTarget = lines === 50000 ? '<= 0.5x' : '';
        rows.push({ case: `RSS after open, ${k}`, ours: `${o.rssMB.toFixed(0)} MB`, baseline: `${y.rssMB.toFixed(0)} MB`, ratio: `${(o.rssMB / y.rssMB).toFixed(2)}x`, target: rssTarget, met: lines === 50000 ? o.rssMB <= 0.5 * y.rssMB : null });
      }
      return rows;
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  },
};

export default suite;
