import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parseDocument } from 'yaml';
import { ALIAS_BUDGET, MAX_DEPTH } from '../../../server/src/core/yaml/convert';
import { MAX_STRUCTURE, structureCount } from '../../../server/src/core/yaml/limits';
import { generateSpec } from '../../bench/specGenerator';
import { lineStarts } from '../../../server/src/core/yaml/lines';
import { parseYaml } from '../../../server/src/core/yaml/parse';
import type { YNode } from '../../../server/src/core/yaml/tree';

const codes = (text: string) => parseYaml(text).problems.map((p) => p.code);

test('anchors and aliases: the same value as the yaml package gives with its alias limit off', () => {
  const text = [
    'base: &b { cmd: run, deps: [a.csv, b.csv] }',
    'list: &l [1, 2, { x: *b }]',
    'stages:',
    ...Array.from({ length: 150 }, (_, i) => `  s${i}: { use: *b, more: *l, n: ${i} }`),
    'scalar: &s hello',
    'again: *s',
    'redefined: &b 7',
    'late: *b',
  ].join('\n');
  const ours = parseYaml(text);
  assert.deepEqual(ours.problems, []);
  assert.deepEqual(ours.value, parseDocument(text).toJS({ maxAliasCount: -1 }));
  const v = ours.value as { base: unknown; stages: Record<string, { use: unknown }> };
  assert.equal(v.stages.s0!.use, v.base, 'an alias is a reference to its anchor\'s value, not a copy');
});

test('a valid spec may use one anchor 100 times; the yaml package alone refuses it', () => {
  const text = `common: &c [a.csv]\nstages:\n${Array.from({ length: 100 }, (_, i) => `  s${i}: { deps: *c }`).join('\n')}\n`;
  assert.throws(() => parseDocument(text).toJS(), /alias/i);
  const parsed = parseYaml(text);
  assert.deepEqual(parsed.problems, []);
  assert.deepEqual((parsed.value as { stages: Record<string, { deps: string[] }> }).stages.s99!.deps, ['a.csv']);
});

test('an alias bomb is stopped at the budget with one diagnostic, its values never all expanded', () => {
  const lines = ['a0: &a0 [x, y, z]'];
  for (let i = 1; i <= 9; i++) lines.push(`a${i}: &a${i} [${Array(10).fill(`*a${i - 1}`).join(', ')}]`);
  const parsed = parseYaml(lines.join('\n'));
  const bombs = parsed.problems.filter((p) => p.code === 'ALIAS_EXPANSION');
  assert.equal(bombs.length, 1);
  assert.match(bombs[0]!.message, /alias bomb/);
  // Walk the tree as a rule would (aliases expanded): bounded by the budget plus the text's own nodes.
  let nodes = 0;
  const stack: YNode[] = [parsed.root!];
  while (stack.length) {
    const n = stack.pop()!;
    nodes++;
    if (n.kind === 'seq') for (const i of n.items) stack.push(i);
    else if (n.kind === 'map') for (const p of n.pairs) stack.push(p.value);
  }
  assert.ok(nodes <= ALIAS_BUDGET + 1000, `${nodes} nodes reachable`);
});

test('unknown aliases and an alias inside its own anchor are diagnostics, not crashes', () => {
  assert.deepEqual(codes('x: *nope\n'), ['BAD_ALIAS']);
  assert.match(parseYaml('x: *nope\n').problems[0]!.message, /Unknown alias \*nope/);
  const self = parseYaml('a: &a [1, *a]\n');
  assert.deepEqual(self.problems.map((p) => p.code), ['BAD_ALIAS']);
  assert.deepEqual(self.value, { a: [1, null] });
});

test('a list or mapping used as a key is named by its text, never written out (no warning either)', () => {
  const warnings: string[] = [];
  const onWarning = (w: Error) => warnings.push(w.message);
  process.on('warning', onWarning);
  try {
    const text = `${'[{'.repeat(30)}\n  b: c\n`;
    const parsed = parseYaml(text);
    assert.ok(JSON.stringify(parsed.value).length < 2 * text.length, 'the value stays the size of the text');
    const keyed = parseYaml('? [a, b]\n: 1\n');
    assert.deepEqual(keyed.value, { '[a, b]': 1 });
  } finally {
    process.off('warning', onWarning);
  }
  assert.deepEqual(warnings, []);
});

test('keys named __proto__, constructor and toString are plain own keys', () => {
  const parsed = parseYaml('__proto__:\n  data: 1\nconstructor: 2\ntoString: 3\nm: { __proto__: [1] }\n');
  const v = parsed.value as Record<string, unknown>;
  assert.equal(Object.getPrototypeOf(v), Object.prototype);
  assert.deepEqual(Object.keys(v), ['__proto__', 'constructor', 'toString', 'm']);
  assert.deepEqual(Object.getOwnPropertyDescriptor(v, '__proto__')?.value, { data: 1 });
  assert.equal((v as { data?: unknown }).data, undefined);
  assert.deepEqual(Object.getOwnPropertyDescriptor(v.m, '__proto__')?.value, [1]);
  // Split into blocks (a long stages mapping) the same keys stay own keys too.
  const long = `stages:\n${['__proto__', 'constructor', 'toString', ...Array.from({ length: 30 }, (_, i) => `s${i}`)].map((k) => `  ${k}:\n    cmd: run`).join('\n')}\n`;
  const stages = (parseYaml(long).value as { stages: Record<string, unknown> }).stages;
  assert.equal(Object.getPrototypeOf(stages), Object.prototype);
  assert.deepEqual(Object.getOwnPropertyDescriptor(stages, '__proto__')?.value, { cmd: 'run' });
});

test(`nesting deeper than ${MAX_DEPTH} levels is one diagnostic in words; the parser's stack overflow is reworded`, () => {
  const deepish = parseYaml(`x: ${'['.repeat(MAX_DEPTH + 20)}${']'.repeat(MAX_DEPTH + 20)}\n`);
  assert.deepEqual(deepish.problems.map((p) => p.code), ['NESTING_TOO_DEEP']);
  assert.match(deepish.problems[0]!.message, new RegExp(`nested more than ${MAX_DEPTH} levels`));
  const deep = parseYaml(`x: ${'['.repeat(20000)}${']'.repeat(20000)}\n`);
  assert.ok(deep.problems.length > 0);
  for (const p of deep.problems) assert.doesNotMatch(p.message, /call stack/i);
});

test('a flow list of 130,000 items parses (no spread of the list into a call)', () => {
  const parsed = parseYaml(`x: [${Array(130000).fill('1').join(',')}]\n`);
  assert.deepEqual(parsed.problems, []);
  assert.equal((parsed.value as { x: number[] }).x.length, 130000);
});

test('a lone CR ends a line as LSP counts it: the same tree and ranges as with LF', () => {
  const lf = 'a: 1\nb:\n  c: [x, y]\n  d: *z\n';
  assert.deepEqual(lineStarts('a\rb\r\nc\nd'), [0, 2, 5, 7]);
  const withCr = parseYaml(lf.replace(/\n/g, '\r'));
  const withLf = parseYaml(lf);
  assert.deepEqual(withCr.root, withLf.root);
  assert.deepEqual(withCr.problems, withLf.problems);
  assert.deepEqual(withCr.starts, withLf.starts);
});

test(`a text with more than ${MAX_STRUCTURE.toLocaleString('en-US')} lines, items and brackets is not read: one problem says so`, () => {
  // What the README promises to keep fast stays well under the cap.
  assert.ok(structureCount(generateSpec(50000)) < MAX_STRUCTURE / 2);
  // Counted as the parser would make nodes: lines, commas, brackets, indicators, anchors and aliases.
  assert.equal(structureCount('a: [1, {b: &x 2}]\n- c\n? d\ne: *x\nurl: http://x-y?z\n'), 12);
  for (const text of [`x: [${','.repeat(MAX_STRUCTURE)}]\n`, `x:\n${'  - 1\n'.repeat(MAX_STRUCTURE)}`, `x: ${'- '.repeat(MAX_STRUCTURE)}a\n`]) {
    const parsed = parseYaml(text);
    assert.equal(parsed.unread, true);
    assert.equal(parsed.root, null);
    assert.deepEqual(parsed.problems.map((p) => p.code), ['TOO_LARGE']);
    assert.match(parsed.problems[0]!.message, /so it was not checked/);
  }
});
