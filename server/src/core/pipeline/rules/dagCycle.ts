import type { SpecAnalysis } from '../analysis';
import type { PipelineRule } from './types';
import { resolvePath } from '../paths';

/**
 * Edges stage -> stages it runs after (`needs`, and deps another stage writes), as lists of stage
 * indices: integer arrays keep this rule cheap on every keystroke in a spec of thousands of stages.
 */
function edges(a: SpecAnalysis): number[][] {
  const index = new Map<string, number>();
  a.stages.forEach((s, i) => { if (!index.has(s.name)) index.set(s.name, i); });
  const producer = new Map<string, number>();
  a.stages.forEach((s, i) => { for (const o of s.outs) producer.set(resolvePath(a, o.value as string), i); });
  return a.stages.map((s) => {
    const after: number[] = [];
    for (const n of s.needs) { const j = index.get(n.value as string); if (j !== undefined) after.push(j); }
    for (const d of s.deps) { const j = producer.get(resolvePath(a, d.value as string)); if (j !== undefined) after.push(j); }
    return after;
  });
}

/** Strongly connected components (Tarjan, iterative so 50,000 stages cannot overflow the stack). */
function components(graph: number[][]): number[][] {
  const n = graph.length;
  const index = new Int32Array(n).fill(-1);
  const low = new Int32Array(n);
  const onStack = new Uint8Array(n);
  const edgePos = new Int32Array(n);
  const stack: number[] = [];
  const work: number[] = [];
  const result: number[][] = [];
  let counter = 0;
  for (let start = 0; start < n; start++) {
    if (index[start] !== -1) continue;
    const visit = (v: number) => { index[v] = low[v] = counter++; stack.push(v); onStack[v] = 1; edgePos[v] = 0; work.push(v); };
    visit(start);
    while (work.length) {
      const v = work[work.length - 1]!;
      const out = graph[v]!;
      if (edgePos[v]! < out.length) {
        const w = out[edgePos[v]!++]!;
        if (index[w] === -1) visit(w);
        else if (onStack[w]) low[v] = Math.min(low[v]!, index[w]!);
        continue;
      }
      work.pop();
      if (work.length) { const parent = work[work.length - 1]!; low[parent] = Math.min(low[parent]!, low[v]!); }
      if (low[v] === index[v]) {
        const comp: number[] = [];
        let w: number;
        do { w = stack.pop()!; onStack[w] = 0; comp.push(w); } while (w !== v);
        result.push(comp);
      }
    }
  }
  return result;
}

/** One concrete cycle through `from` inside its component (breadth-first), for a readable message. */
function cyclePath(graph: number[][], comp: Set<number>, from: number): number[] {
  const prev = new Map<number, number>();
  const queue = [from];
  for (let i = 0; i < queue.length; i++) {
    const v = queue[i]!;
    for (const w of graph[v]!) {
      if (!comp.has(w)) continue;
      if (w === from) {
        const path = [v];
        for (let x = v; x !== from; x = prev.get(x)!) path.unshift(prev.get(x)!);
        return [...path, from];
      }
      if (!prev.has(w)) { prev.set(w, v); queue.push(w); }
    }
  }
  return [from, from];
}

/** Stages that (through needs or files) wait on themselves can never run. */
export const dagCycle: PipelineRule = {
  code: 'dag-cycle',
  check({ a, report }) {
    const graph = edges(a);
    for (const comp of components(graph)) {
      const v0 = comp[0]!;
      if (comp.length < 2 && !graph[v0]!.includes(v0)) continue;
      const set = new Set(comp);
      for (const v of comp.sort((x, y) => x - y)) {
        const names = cyclePath(graph, set, v).map((i) => a.stages[i]!.name);
        const stage = a.stages[v]!;
        report(stage.pair.key.range, `Stage "${stage.name}" is in a dependency cycle: ${names.join(' -> ')}. Remove one of these dependencies.`);
      }
    }
  },
};
