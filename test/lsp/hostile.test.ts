import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Diagnostic, DocumentSymbol, PublishDiagnosticsParams } from 'vscode-languageserver-protocol';
import { devices, exampleSpec, generatedCases, hostileCases, type HostileCase } from '../helpers/hostile';
import { LspTestClient } from '../helpers/lspClient';
import { tempExample } from '../helpers/workspace';

/**
 * Hostile documents over a real stdio connection (issue 13). For each: diagnostics within TIME_LIMIT_MS,
 * right for the input, no stack trace, no validation-failed (a crash we have not fixed), the server's peak
 * memory (VmHWM of /proc/<pid>/status) under MEMORY_LIMIT_MB, and the server still answering afterwards.
 * The limits are generous for a shared 2-core machine; the report prints what was measured.
 */
const TIME_LIMIT_MS = 20_000;
const MEMORY_LIMIT_MB = 700;
const SEED = Number(process.env.FUZZ_SEED ?? 13);
const COUNT = Number(process.env.FUZZ_COUNT ?? 24);
/** Generated documents stop once this much time is spent, whatever COUNT says. */
const BUDGET_MS = Number(process.env.FUZZ_BUDGET_MS ?? 60_000);

function within<T>(p: Promise<T>, what: string, ms = TIME_LIMIT_MS): Promise<T> {
  let timer: NodeJS.Timeout;
  const late = new Promise<never>((_, reject) => { timer = setTimeout(() => reject(new Error(`no answer within ${ms} ms: ${what}`)), ms); });
  return Promise.race([p, late]).finally(() => clearTimeout(timer));
}

/** Peak and current resident memory of a process, in MB, from /proc (Linux). */
function memoryMb(pid: number): { peak: number; now: number } {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  const kb = (field: string) => Number(/(\d+) kB/.exec(status.split('\n').find((l) => l.startsWith(field)) ?? '')?.[1] ?? NaN);
  return { peak: kb('VmHWM:') / 1024, now: kb('VmRSS:') / 1024 };
}

const STACK = /\n\s+at |\bat \S+ \(.*:\d+:\d+\)|Maximum call stack|TypeError|RangeError|ReferenceError/;

describe('hostile documents: an answer in time, bounded memory, never silence', { concurrency: false }, () => {
  let client: LspTestClient;
  let ws: { dir: string; cleanup: () => void };
  let fifo = false;
  const measured: string[] = [];
  /** Error-level log messages: the log is for real problems (the yaml package's warnings once flooded it). */
  const errorLogs: string[] = [];
  before(async () => {
    ws = tempExample();
    fifo = devices(ws.dir).fifo;
    client = await LspTestClient.start(ws.dir);
    client.connection.onNotification('window/logMessage', (m: { type: number; message: string }) => { if (m.type === 1) errorLogs.push(m.message); });
  });
  after(async () => {
    await client.stop();
    ws.cleanup();
    // The numbers the issue asks for, measured on whatever machine ran the suite.
    console.log(`hostile documents: ${measured.join('; ')}`);
  });

  async function run(c: HostileCase): Promise<void> {
    const started = performance.now();
    const uri = client.open(join(ws.dir, c.file), c.text);
    const p: PublishDiagnosticsParams = await within(client.diagnostics(uri), `diagnostics of ${c.name}`);
    const millis = performance.now() - started;
    const ds = p.diagnostics;
    for (const d of ds) assert.doesNotMatch(d.message, STACK, `${c.name}: a message in words, never a stack trace`);
    const failed = ds.find((d: Diagnostic) => d.code === 'validation-failed');
    assert.equal(failed, undefined, `${c.name}: validation crashed: ${failed?.message}`);
    assert.equal(c.check(ds.map((d) => ({ ...d, code: d.code === undefined ? undefined : String(d.code) }))), undefined, c.name);
    const symbols = await within(client.request<DocumentSymbol[]>('textDocument/documentSymbol', { textDocument: { uri } }), `outline of ${c.name}`);
    assert.ok(Array.isArray(symbols));
    await within(client.request('textDocument/hover', { textDocument: { uri }, position: { line: 0, character: 1 } }), `hover in ${c.name}`);
    client.connection.sendNotification('textDocument/didClose', { textDocument: { uri } });
    assert.equal(client.process.exitCode, null, 'the server process is alive');
    const mem = memoryMb(client.process.pid!);
    measured.push(`${c.name}: ${Math.round(millis)} ms, peak ${Math.round(mem.peak)} MB`);
    assert.deepEqual(errorLogs, [], `${c.name}: error-level log messages`);
    assert.ok(mem.peak < MEMORY_LIMIT_MB, `${c.name}: server peak memory ${Math.round(mem.peak)} MB >= ${MEMORY_LIMIT_MB} MB`);
  }

  test('every document of issue 13', async (t) => {
    for (const c of hostileCases(exampleSpec(ws.dir))) {
      if (!fifo && c.file === 'fifo.mlops.yaml') { t.diagnostic('mkfifo is missing: the FIFO case is skipped'); continue; }
      await run(c);
    }
  });

  test(`generated broken specs (seed ${SEED}, up to ${COUNT}, at most ${BUDGET_MS / 1000} s)`, async () => {
    const start = performance.now();
    const cases = generatedCases(exampleSpec(ws.dir), SEED, COUNT);
    for (const [i, c] of cases.entries()) {
      if (i >= 4 && performance.now() - start > BUDGET_MS) break;
      await run(c);
    }
  });

  test('a client that opens a document without its text gets a validation-failed diagnostic, not silence', async () => {
    const uri = `file://${join(ws.dir, 'no-text.mlops.yaml')}`;
    client.connection.sendNotification('textDocument/didOpen', { textDocument: { uri, languageId: 'yaml', version: 1 } });
    const p = await within(client.diagnostics(uri), 'diagnostics of a document without text');
    assert.deepEqual(p.diagnostics.map((d) => d.code), ['validation-failed']);
    assert.doesNotMatch(p.diagnostics[0]!.message, /\n\s+at /);
    const after = client.open(join(ws.dir, 'after.mlops.yaml'), 'bogus: 1\n');
    assert.ok((await within(client.diagnostics(after), 'diagnostics after it')).diagnostics.length > 0, 'the server still validates');
  });
});
