/**
 * Where each stage of the DAG is drawn: top to bottom by level (a stage sits one row below the
 * lowest of the stages it runs after), and within a row in the order of its parents (barycenter), so
 * edges always point down and cross little. Pure: no DOM.
 */

export interface LayoutInput { name: string; after: string[] }

export interface Placed { name: string; level: number; x: number; y: number }

export interface Edge { from: string; to: string; path: string }

export interface Layout { nodes: Map<string, Placed>; edges: Edge[]; width: number; height: number }

export const NODE = { width: 184, height: 58, gapX: 24, gapY: 34, margin: 8 };

/** Level of every stage: 0 without parents, else one more than its deepest parent (unknown parents ignored). */
export function levels(stages: LayoutInput[]): Map<string, number> {
  const byName = new Map(stages.map((s) => [s.name, s]));
  const level = new Map<string, number>();
  const visiting = new Set<string>();
  const visit = (name: string): number => {
    const known = level.get(name);
    if (known !== undefined) return known;
    if (visiting.has(name)) return 0; // a cycle cannot come from the engine; never loop on one
    visiting.add(name);
    const parents = byName.get(name)!.after.filter((a) => byName.has(a));
    const l = parents.length ? Math.max(...parents.map(visit)) + 1 : 0;
    visiting.delete(name);
    level.set(name, l);
    return l;
  };
  for (const s of stages) visit(s.name);
  return level;
}

/** Positions and edge paths for the DAG. */
export function layoutDag(stages: LayoutInput[]): Layout {
  const level = levels(stages);
  const rows: string[][] = [];
  for (const s of stages) (rows[level.get(s.name)!] ??= []).push(s.name);
  const column = new Map<string, number>();
  const byName = new Map(stages.map((s) => [s.name, s]));
  rows.forEach((row, r) => {
    const key = (n: string) => {
      const parents = byName.get(n)!.after.filter((a) => column.has(a));
      return r === 0 || parents.length === 0 ? Number.MAX_SAFE_INTEGER : parents.reduce((t, a) => t + column.get(a)!, 0) / parents.length;
    };
    const order = row.map((n, i) => ({ n, i, k: key(n) })).sort((a, b) => a.k - b.k || a.i - b.i);
    order.forEach(({ n }, i) => column.set(n, i));
  });
  const nodes = new Map<string, Placed>();
  for (const s of stages) {
    const l = level.get(s.name)!;
    nodes.set(s.name, { name: s.name, level: l, x: NODE.margin + column.get(s.name)! * (NODE.width + NODE.gapX), y: NODE.margin + l * (NODE.height + NODE.gapY) });
  }
  const edges: Edge[] = [];
  for (const s of stages) {
    for (const a of s.after) {
      const from = nodes.get(a);
      const to = nodes.get(s.name)!;
      if (!from) continue;
      const x1 = from.x + NODE.width / 2;
      const y1 = from.y + NODE.height;
      const x2 = to.x + NODE.width / 2;
      const y2 = to.y;
      const mid = (y1 + y2) / 2;
      edges.push({ from: a, to: s.name, path: `M ${x1} ${y1} C ${x1} ${mid}, ${x2} ${mid}, ${x2} ${y2}` });
    }
  }
  const widest = Math.max(0, ...rows.map((r) => r.length));
  return {
    nodes, edges,
    width: NODE.margin * 2 + widest * NODE.width + Math.max(0, widest - 1) * NODE.gapX,
    height: NODE.margin * 2 + rows.length * NODE.height + Math.max(0, rows.length - 1) * NODE.gapY,
  };
}
