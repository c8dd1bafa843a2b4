import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import type { Diagnostic, DocumentSymbol } from 'vscode-languageserver-protocol';
import { mulberry32 } from '../../server/src/core/random';
import { generateSpec } from '../bench/specGenerator';
import { exampleSpec } from '../helpers/hostile';
import { LspTestClient } from '../helpers/lspClient';
import { tempExample } from '../helpers/workspace';

/**
 * Random edit sequences over LSP (issue 13, items 10 and 11): ranges past the end of a line or of the
 * document, reversed ranges, several changes in one notification, CR, LF and CRLF line ends inserted
 * anywhere. At checkpoints the edited document's diagnostics and outline must equal those of a fresh
 * document opened with the text the edits give by LSP's rules, which this test applies on its own.
 */
const SEED = Number(process.env.FUZZ_SEED ?? 13);
const EDITS = Number(process.env.FUZZ_EDITS ?? 40);
const CHECK_EVERY = 8;
const BUDGET_MS = Number(process.env.FUZZ_BUDGET_MS ?? 60_000);
const TIME_LIMIT_MS = 20_000;

interface Pos { line: number; character: number }
interface Change { range: { start: Pos; end: Pos }; text: string }

/** Line start offsets as LSP counts lines: CRLF, a lone CR and LF each end one. */
function starts(text: string): number[] {
  const out = [0];
  for (let i = 0; i < text.length; i++) {
    if (text[i] === '\r' && text[i + 1] === '\n') continue;
    if (text[i] === '\r' || text[i] === '\n') out.push(i + 1);
  }
  return out;
}

/** Offset of a position: a line past the end is the end of the text; a column past the line is its end. */
function offset(text: string, lines: number[], p: Pos): number {
  if (p.line >= lines.length) return text.length;
  const start = lines[p.line]!;
  let end = p.line + 1 < lines.length ? lines[p.line + 1]! : text.length;
  while (end > start && (text[end - 1] === '\n' || text[end - 1] === '\r')) end--;
  return Math.min(start + p.character, end);
}

function apply(text: string, c: Change): string {
  const lines = starts(text);
  let [a, b] = [offset(text, lines, c.range.start), offset(text, lines, c.range.end)];
  if (a > b) [a, b] = [b, a];
  return text.slice(0, a) + c.text + text.slice(b);
}

const PIECES = ['', 'x', ' ', ': ', '\n', '\r', '\r\n', '\n\r', '  - a\n', '#', '[', '{ ', '}', '&a ', '*a', '\t',
  'stage_new:\n    cmd: run\n', '\n  extra:\n    cmd: y\n', 'bogus: 1\r', 'model:\r\n  type: nope\r\n'];

function randomChange(text: string, rand: () => number): Change {
  const int = (n: number) => Math.floor(rand() * n);
  const lineCount = starts(text).length;
  const pos = (): Pos => {
    const r = rand();
    if (r < 0.08) return { line: lineCount + int(5), character: int(10) };
    if (r < 0.12) return { line: 1_000_000, character: 1_000_000 };
    return { line: int(lineCount), character: r < 0.3 ? 200 + int(50) : int(40) };
  };
  const start = pos();
  const end = rand() < 0.5 ? start : rand() < 0.7 ? { line: start.line + int(3), character: int(30) } : pos();
  return { range: { start, end }, text: PIECES[int(PIECES.length)]! };
}

const sorted = (ds: Diagnostic[]) => ds.map((d) => JSON.stringify(d)).sort();

describe('edit sequences: the incrementally edited document equals a fresh one', { concurrency: false }, () => {
  let client: LspTestClient;
  let ws: { dir: string; cleanup: () => void };
  let fresh = 0;
  before(async () => { ws = tempExample(); client = await LspTestClient.start(ws.dir); });
  after(async () => { await client.stop(); ws.cleanup(); });

  async function compare(uri: string, version: number, expected: string, what: string): Promise<void> {
    const edited = await client.diagnosticsForVersion(uri, version);
    const freshUri = client.open(join(ws.dir, `fresh-${fresh++}.mlops.yaml`), expected);
    const reference = await client.diagnostics(freshUri);
    assert.deepEqual(sorted(edited.diagnostics), sorted(reference.diagnostics), `${what}: diagnostics differ`);
    const outline = (u: string) => client.request<DocumentSymbol[]>('textDocument/documentSymbol', { textDocument: { uri: u } });
    assert.deepEqual(await outline(uri), await outline(freshUri), `${what}: outlines differ`);
    client.connection.sendNotification('textDocument/didClose', { textDocument: { uri: freshUri } });
  }

  const bases: Array<[string, () => string]> = [
    ['the example (LF)', () => exampleSpec(ws.dir)],
    ['the example with CRLF', () => exampleSpec(ws.dir).replace(/\n/g, '\r\n')],
    ['the example with CR only', () => exampleSpec(ws.dir).replace(/\n/g, '\r')],
    ['a generated 1,000-line spec', () => generateSpec(1000)],
  ];
  for (const [k, [name, base]] of bases.entries()) {
    test(`${name}: ${EDITS} random edits (seed ${SEED + k})`, async () => {
      const rand = mulberry32(SEED + k);
      const started = performance.now();
      let text = base();
      const uri = client.open(join(ws.dir, `edited-${k}.mlops.yaml`), text);
      let version = 1;
      for (let i = 1; i <= EDITS; i++) {
        const changes = Array.from({ length: rand() < 0.2 ? 2 + Math.floor(rand() * 2) : 1 }, () => {
          const c = randomChange(text, rand);
          text = apply(text, c);
          return c;
        });
        version = client.changeMany(uri, changes);
        if (i % CHECK_EVERY === 0 || i === EDITS) {
          await Promise.race([compare(uri, version, text, `after edit ${i}`),
            new Promise((_, reject) => setTimeout(() => reject(new Error(`no answer within ${TIME_LIMIT_MS} ms`)), TIME_LIMIT_MS).unref())]);
          if (performance.now() - started > BUDGET_MS) break;
        }
      }
      client.connection.sendNotification('textDocument/didClose', { textDocument: { uri } });
    });
  }
});
