// Language server speed and memory: ours against yaml-language-server (npm), both over stdio, both
// without a validation delay, both validating against schemas/pipeline.schema.json, on generated specs.
//
// yaml-language-server pulls its settings with workspace/configuration (it ignores the settings sent
// with didChangeConfiguration when the client can answer that request), so the bench answers it with
// the schema association and the schema store turned off (no network). Each server must report the
// schema error of a warm-up spec before anything is timed, so a missing association fails the bench
// instead of timing a plain YAML parse; every wait has a deadline, so the bench never hangs.
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { PublishDiagnosticsParams } from 'vscode-languageserver-protocol';
import { LspTestClient } from '../helpers/lspClient';
import { generateSpec } from './specGenerator';
import { median, type BenchRow, type BenchSuite } from './table';

type Kind = 'ours' | 'yls';
/** Our server with its start-up warm-up turned off (initializationOptions.warmUp: false), for the context row. */
type FirstKind = Kind | 'oursCold';

// LSP_RUNS=1 LSP_SIZES=1000 gives a quick look; the reported table uses the defaults.
/** Fresh servers per kind for the first-open row (medians). */
const FIRST_OPEN_RUNS = Number(process.env.LSP_RUNS ?? 5);
const FIRST_OPEN_LINES = 10000;
const SIZES = (process.env.LSP_SIZES ?? '1000,10000,50000').split(',').map(Number);
/** Edits and requests timed per size (medians); yaml-language-server takes seconds each at 50k lines. */
const repeats = (lines: number) => (lines >= 50000 ? 5 : 15);
/** No single step of a healthy server takes this long, even on a loaded machine. */
const DEADLINE_MS = 120_000;

interface Measure { open: number; change: number; hover: number; completion: number; rssMB: number }

function rssMB(pid: number): number {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  return Number(/VmRSS:\s+(\d+)/.exec(status)![1]) / 1024;
}

/** The promise, or an error naming the step when it takes longer than the deadline. */
function within<T>(p: Promise<T>, what: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const late = new Promise<never>((_, reject) => { timer = setTimeout(() => reject(new Error(`bench lsp: no answer within ${DEADLINE_MS / 1000} s: ${what}`)), DEADLINE_MS); });
  return Promise.race([p, late]).finally(() => clearTimeout(timer));
}

async function time(f: () => Promise<unknown>): Promise<number> {
  const t = performance.now();
  await f();
  return performance.now() - t;
}

const SCHEMA = pathToFileURL(resolve(__dirname, '../../schemas/pipeline.schema.json')).toString();

/** yaml-language-server's settings sections, as VS Code would answer them with the schema associated. */
function ylsSection(section: string | undefined): unknown {
  if (section === 'yaml') return { validate: true, hover: true, completion: true, schemas: { [SCHEMA]: '*.mlops.yaml' }, schemaStore: { enable: false } };
  if (section === 'http') return { proxy: '', proxyStrictSSL: false };
  return null;
}

/** Starts a server of the kind; yaml-language-server gets its settings answered (see the top of the file). */
async function start(kind: FirstKind, dir: string): Promise<LspTestClient> {
  if (kind === 'ours') return within(LspTestClient.start(dir), 'starting our server');
  if (kind === 'oursCold') return within(LspTestClient.start(dir, { initializationOptions: { debounceMs: 0, warmUp: false } }), 'starting our server without warm-up');
  const client = await within(LspTestClient.start(dir, { command: [process.execPath, resolve(__dirname, 'ylsNoDelay.js'), '--stdio'] }), 'starting yaml-language-server');
  // Replaces the helper's empty answer; installed before any message from the server is read.
  client.connection.onRequest('workspace/configuration', (p: { items: Array<{ section?: string }> }) => p.items.map((i) => ylsSection(i.section)));
  client.connection.sendNotification('workspace/didChangeConfiguration', { settings: null });
  return client;
}

const WARM_UP = 'apiVersion: mlops/v1\nkind: Pipelin\nmetadata:\n  name: warm\n';

/**
 * Opens a small spec whose `kind` breaks the schema and waits until the server reports it: proves the
 * schema is associated and loaded, so later timings are of documents, not of start-up.
 */
async function warmUp(client: LspTestClient, kind: FirstKind, dir: string): Promise<void> {
  const path = join(dir, `warm-${kind}.mlops.yaml`);
  const uri = pathToFileURL(path).toString();
  const reported = client.diagnostics(uri, (p) => p.diagnostics.some((d) => d.range.start.line === 1));
  client.open(path, WARM_UP);
  await within(reported, `${kind}: the schema error on line 2 of a warm-up spec (is the schema associated?)`);
}

/** Time from didOpen to the first publishDiagnostics of a document, and what was published. */
async function openTimed(client: LspTestClient, path: string, text: string, what: string): Promise<{ ms: number; published: PublishDiagnosticsParams }> {
  const uri = pathToFileURL(path).toString();
  let published: PublishDiagnosticsParams | undefined;
  const ms = await time(async () => { const p = client.diagnostics(uri); client.open(path, text); published = await within(p, what); });
  return { ms, published: published! };
}

/** didOpen to first diagnostics of a 10k-line spec in a fresh, warmed-up server; one sample per kind per round. */
async function firstOpens(dir: string): Promise<Record<FirstKind, number[]>> {
  const text = generateSpec(FIRST_OPEN_LINES);
  const out: Record<FirstKind, number[]> = { ours: [], yls: [], oursCold: [] };
  for (let run = 0; run < FIRST_OPEN_RUNS; run++) {
    // Alternating which server goes first spreads any drift of the machine's load over all of them.
    for (const kind of (run % 2 ? ['yls', 'oursCold', 'ours'] : ['ours', 'oursCold', 'yls']) as FirstKind[]) {
      // On disk before the server starts, as a user's spec is when they open it (our server warms up
      // only in a workspace that holds a large spec).
      const path = join(dir, `first-${run}-${kind}.mlops.yaml`);
      writeFileSync(path, text);
      const client = await start(kind, dir);
      try {
        await warmUp(client, kind, dir);
        const { ms, published } = await openTimed(client, path, text, `${kind}: first diagnostics of a ${FIRST_OPEN_LINES}-line spec`);
        if (published.diagnostics.length) throw new Error(`bench lsp: ${kind} reports ${published.diagnostics.length} problems on the generated spec (first: ${published.diagnostics[0]!.message}); the spec must be valid for both`);
        out[kind].push(ms);
      } finally {
        await client.stop();
        rmSync(path);
      }
    }
  }
  return out;
}

async function measure(client: LspTestClient, kind: Kind, dir: string, lines: number): Promise<Measure> {
  const text = generateSpec(lines);
  const path = join(dir, `big-${lines}-${kind}.mlops.yaml`);
  writeFileSync(path, text);
  const uri = pathToFileURL(path).toString();
  const { ms: open } = await openTimed(client, path, text, `${kind}: diagnostics after opening ${lines} lines`);
  // One character typed into the cmd of the middle stage, then removed, alternately.
  const mid = text.split('\n').findIndex((l, i) => i >= lines / 2 && l.startsWith('    cmd:'));
  const changes: number[] = [];
  for (let i = 0; i < repeats(lines); i++) {
    const at = { line: mid, character: 12 };
    const range = i % 2 === 0 ? { start: at, end: at } : { start: at, end: { line: mid, character: 13 } };
    changes.push(await time(async () => { const p = client.diagnostics(uri); client.change(uri, range, i % 2 === 0 ? 'x' : ''); await within(p, `${kind}: diagnostics after change ${i + 1} of ${lines} lines`); }));
  }
  const ask = (method: string, character: number) => time(() => within(client.request(method, { textDocument: { uri }, position: { line: mid, character } }), `${kind}: ${method} on ${lines} lines`));
  const hovers: number[] = [];
  const completions: number[] = [];
  for (let i = 0; i < repeats(lines); i++) { hovers.push(await ask('textDocument/hover', 6)); completions.push(await ask('textDocument/completion', 4)); }
  return { open, change: median(changes), hover: median(hovers), completion: median(completions), rssMB: rssMB(client.process.pid!) };
}

/** Opens the sizes one after another in one warmed-up server and times edits and requests on each. */
async function bySize(kind: Kind, dir: string): Promise<Map<number, Measure>> {
  const client = await start(kind, dir);
  const results = new Map<number, Measure>();
  try {
    await warmUp(client, kind, dir);
    for (const lines of SIZES) {
      process.stderr.write(`  ${kind}: ${lines} lines\n`);
      results.set(lines, await measure(client, kind, dir, lines));
    }
  } finally {
    await client.stop();
  }
  return results;
}

const ms = (x: number) => `${x.toFixed(1)} ms`;

function firstOpenRows(f: Record<FirstKind, number[]>): BenchRow[] {
  const [o, c, y] = [median(f.ours), median(f.oursCold), median(f.yls)];
  return [{
    case: `first open: didOpen to first diagnostics, ${FIRST_OPEN_LINES / 1000}k lines, fresh server after a warm-up spec (median of ${FIRST_OPEN_RUNS})`,
    ours: ms(o), baseline: ms(y), ratio: `${(o / y).toFixed(2)}x`, target: '<= 0.8x', met: o <= 0.8 * y,
  }, {
    case: 'same, our server without its start-up warm-up (initializationOptions.warmUp: false)',
    ours: ms(c), baseline: ms(y), ratio: `${(c / y).toFixed(2)}x`, target: 'context', met: null,
  }];
}

function sizeRows(lines: number, o: Measure, y: Measure): BenchRow[] {
  const k = `${lines / 1000}k lines`;
  const row = (what: string, a: number, b: number, target: string, met: boolean | null): BenchRow =>
    ({ case: `${what}, ${k}`, ours: ms(a), baseline: ms(b), ratio: `${(a / b).toFixed(2)}x`, target, met });
  const changeTarget = lines === 10000 ? '<= 0.3x' : lines === 1000 ? '< 10 ms' : '';
  const changeMet = lines === 10000 ? o.change <= 0.3 * y.change : lines === 1000 ? o.change < 10 : null;
  const rssTarget = lines === 50000 ? '<= 0.5x' : '';
  return [
    row('didOpen to diagnostics (one open)', o.open, y.open, '', null),
    row('1-char change to diagnostics (median)', o.change, y.change, changeTarget, changeMet),
    row('hover (median)', o.hover, y.hover, '', null),
    row('completion (median)', o.completion, y.completion, '', null),
    { case: `RSS after open, ${k}`, ours: `${o.rssMB.toFixed(0)} MB`, baseline: `${y.rssMB.toFixed(0)} MB`, ratio: `${(o.rssMB / y.rssMB).toFixed(2)}x`, target: rssTarget, met: lines === 50000 ? o.rssMB <= 0.5 * y.rssMB : null },
  ];
}

const suite: BenchSuite = {
  title: 'Language server (stdio)',
  baselineName: 'yaml-language-server 1.25 (same schema)',
  async run() {
    const dir = mkdtempSync(join(tmpdir(), 'mlops-bench-lsp-'));
    mkdirSync(join(dir, 'data'));
    writeFileSync(join(dir, 'data/train.csv'), 'a,b,c,y\n1,2,3,0\n');
    try {
      process.stderr.write(`  first opens (${FIRST_OPEN_RUNS} rounds)\n`);
      const first = await firstOpens(dir);
      const ours = await bySize('ours', dir);
      const yls = await bySize('yls', dir);
      return [...firstOpenRows(first), ...SIZES.flatMap((lines) => sizeRows(lines, ours.get(lines)!, yls.get(lines)!))];
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  },
};

export default suite;
