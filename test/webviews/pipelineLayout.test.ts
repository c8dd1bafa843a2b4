// The Pipeline view's layout (pure): every edge points down, stages of a row never overlap, and a
// stage sits one row below its deepest parent; checked on seeded random DAGs and a diamond.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { layoutDag, levels, NODE } from '../../webviews/src/pipeline/layout';
import { mulberry32 } from '../../server/src/core/random';

test('a diamond: raw on top, left and right side by side, join below both', () => {
  const l = layoutDag([{ name: 'raw', after: [] }, { name: 'left', after: ['raw'] }, { name: 'right', after: ['raw'] }, { name: 'join', after: ['left', 'right'] }]);
  const at = (n: string) => l.nodes.get(n)!;
  assert.deepEqual([at('raw').level, at('left').level, at('right').level, at('join').level], [0, 1, 1, 2]);
  assert.equal(at('left').y, at('right').y);
  assert.ok(at('left').x + NODE.width <= at('right').x);
  assert.equal(l.edges.length, 4);
  assert.equal(l.width, NODE.margin * 2 + 2 * NODE.width + NODE.gapX);
});

test('random DAGs: edges point down, rows do not overlap, levels are longest paths', () => {
  const rand = mulberry32(7);
  for (let trial = 0; trial < 50; trial++) {
    const n = 2 + Math.floor(rand() * 40);
    const stages = Array.from({ length: n }, (_, i) => ({ name: `s${i}`, after: Array.from({ length: i }, (_, j) => `s${j}`).filter(() => rand() < 0.15) }));
    const l = layoutDag(stages);
    const lv = levels(stages);
    for (const s of stages) {
      const expected = s.after.length ? Math.max(...s.after.map((a) => lv.get(a)!)) + 1 : 0;
      assert.equal(lv.get(s.name), expected);
      for (const a of s.after) assert.ok(l.nodes.get(a)!.y + NODE.height < l.nodes.get(s.name)!.y, `${a} above ${s.name}`);
    }
    const placed = [...l.nodes.values()];
    for (const p of placed) {
      assert.ok(p.x + NODE.width <= l.width && p.y + NODE.height <= l.height);
      for (const q of placed) if (p !== q && p.y === q.y) assert.ok(p.x + NODE.width <= q.x || q.x + NODE.width <= p.x, 'no overlap in a row');
    }
  }
});
