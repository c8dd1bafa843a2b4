import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { parseDocument } from 'yaml';
import { IncrementalYamlParser, parseYaml, type ParsedYaml } from '../../../server/src/core/yaml/parse';
import { parseBatch, parseChunk } from '../../../server/src/core/yaml/chunkParse';
import { layoutOf } from '../../../server/src/core/yaml/chunks';
import { lineStarts } from '../../../server/src/core/yaml/lines';
import type { YNode } from '../../../server/src/core/yaml/tree';
import { generateSpec } from '../../bench/specGenerator';

/** A small seeded generator (LCG) so the edit sequence is the same on every run. */
function seeded(seed: number) {
  let x = seed >>> 0;
  return () => { x = (Math.imul(x, 1664525) + 1013904223) >>> 0; return x / 2 ** 32; };
}

/** Every key with its exact range, in document order: what diagnostics and navigation rely on. */
function keyRanges(node: YNode | null, out: string[] = [], values = false): string[] {
  const at = (r: { start: { line: number; character: number }; end: { line: number; character: number } }) => `${r.start.line}:${r.start.character}-${r.end.line}:${r.end.character}`;
  if (node?.kind === 'map') for (const p of node.pairs) {
    out.push(`${String(p.key.value)}@${at(p.key.range)}${values ? ` value@${at(p.value.range)}` : ''}`);
    keyRanges(p.value, out, values);
  } else if (node?.kind === 'seq') node.items.forEach((i) => { if (values) out.push(`item@${at(i.range)}`); keyRanges(i, out, values); });
  return out;
}

function summary(p: ParsedYaml) {
  return { value: JSON.stringify(p.value), keys: keyRanges(p.root, [], true), problems: p.problems.map((x) => `${x.code}@${x.range.start.line}:${x.range.start.character}`).sort() };
}

const EDITS = ['x', '', '\n', ': ', '  - a\n', '#', '[', 'stage_new:\n    cmd: run\n', '\n  extra:\n    cmd: y\n'];

for (const [name, base, edits] of [
  ['the example spec', readFileSync(resolve(__dirname, '../../../examples/churn/mlops.yaml'), 'utf8'), 150],
  ['a generated 1,000-line spec', generateSpec(1000), 60],
] as const) {
  test(`incremental parsing of ${name} equals a fresh parse after ${edits} random edits`, () => {
    const rand = seeded(42);
    const parser = new IncrementalYamlParser();
    let text = base;
    parser.parse(text);
    for (let i = 0; i < edits; i++) {
      const at = Math.floor(rand() * text.length);
      const del = rand() < 0.3 ? Math.floor(rand() * 4) : 0;
      text = text.slice(0, at) + EDITS[Math.floor(rand() * EDITS.length)]! + text.slice(at + del);
      const got = summary(parser.parse(text));
      const want = summary(parseYaml(text));
      const firstKey = got.keys.findIndex((k, j) => k !== want.keys[j]);
      assert.equal(firstKey, -1, `after edit ${i}, first differing key: ${got.keys[firstKey]} vs ${want.keys[firstKey]}`);
      assert.deepEqual(got.problems, want.problems, `after edit ${i}`);
      assert.ok(got.value === want.value, `after edit ${i}: values differ`);
    }
  });
}

test('a clean document gives the same value as the yaml package parsing it whole', () => {
  const text = generateSpec(2000);
  assert.deepEqual(parseYaml(text).value, parseDocument(text).toJS());
  const parser = new IncrementalYamlParser();
  parser.parse(text);
  const edited = text.replace('--part 700 ', '--part 7000 ');
  assert.deepEqual(parser.parse(edited).value, parseDocument(edited).toJS());
});

test('ranges move with the text when lines are inserted above an unchanged block', () => {
  const text = generateSpec(400);
  const parser = new IncrementalYamlParser();
  const before = keyRanges(parser.parse(text).root);
  const after = keyRanges(parser.parse('# a new comment\n# and another\n' + text).root);
  assert.equal(after.length, before.length);
  assert.deepEqual(after.map((k) => k.replace(/@(\d+):(\d+)-(\d+):/, (_m, a, b, c) => `@${Number(a) - 2}:${b}-${Number(c) - 2}:`)), before);
});

test('duplicate keys are found within a block and across blocks', () => {
  const text = generateSpec(200).replace('  stage_3:\n', '  stage_2:\n') + 'model: { type: mlp, task: binary }\n';
  const dups = parseYaml(text).problems.filter((p) => p.code === 'DUPLICATE_KEY').map((p) => p.range.start.line);
  const lines = text.split('\n');
  assert.deepEqual(dups.sort((a, b) => a - b), [lines.indexOf('  stage_2:', lines.indexOf('  stage_2:') + 1), lines.lastIndexOf('model: { type: mlp, task: binary }')]);
});

test('blocks parsed in one batch get exactly the nodes, ranges and values they get when parsed one by one', () => {
  const text = generateSpec(3000);
  const layout = layoutOf(text, lineStarts(text));
  assert.equal(layout.mode, 'blocks');
  const entries = layout.mode === 'blocks' ? layout.blocks.find((b) => b.entries)!.entries! : [];
  assert.ok(entries.length > 400);
  const batched = parseBatch(entries, 1)!;
  assert.ok(batched, 'a clean batch parses');
  entries.forEach((c, i) => {
    const alone = parseChunk(c, 1);
    assert.deepEqual(keyRanges(batched[i]!.node, [], true), keyRanges(alone.node, [], true), `entry ${i}`);
    assert.deepEqual(batched[i]!.value, alone.value);
  });
  const broken = [...entries.slice(0, 3), { ...entries[3]!, text: entries[3]!.text.replace('cmd:', 'cmd: [') }];
  assert.equal(parseBatch(broken, 1), undefined, 'a batch with an error is refused, to be parsed block by block');
});
