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

/**
 * One concrete cycle through `from` inside its component (breadth-first), for a readable message.
 * `inComp` marks the component's stages and `prev` is scratch space, both one slot per stage: a cycle of
 * 10,000 stages is searched a hundred times, and typed arrays keep each search a plain scan.
 */
function cyclePath(graph: number[][], inComp: Uint8Array, prev: Int32Array, from: number): number[] {
  const queue = [from];
  const seen = [from];
  prev[from] = from;
  let path = [from, from];
  search: for (let i = 0; i < queue.length; i++) {
    const v = queue[i]!;
    for (const w of graph[v]!) {
      if (!inComp[w]) continue;
      if (w === from) {
        // Walked back from the last stage, then reversed: unshift() would make a long cycle quadratic.
        path = [from, v];
        for (let x = v; x !== from; x = prev[x]!) path.push(prev[x]!);
        path.reverse();
        break search;
      }
      if (prev[w] === -1) { prev[w] = v; queue.push(w); seen.push(w); }
    }
  }
  for (const v of seen) prev[v] = -1;
  return path;
}

/** Stages in cycles that get their own diagnostic; past this, a cycle of 10,000 stages adds nothing readable. */
const MARKED = 100;
/** Stage names a message lists: the first and last few of a long cycle. */
const LISTED = 8;

/** "a -> b -> c", or for a long cycle its first and last stages around "... N more ...". */
function listCycle(path: number[], name: (i: number) => string): string {
  if (path.length <= LISTED) return path.map(name).join(' -> ');
  const head = path.slice(0, LISTED / 2).map(name);
  const tail = path.slice(path.length - (LISTED / 2 - 1)).map(name);
  return `${head.join(' -> ')} -> ... ${(path.length - head.length - tail.length).toLocaleString('en-US')} more ... -> ${tail.join(' -> ')}`;
}

/** Stages that (through needs or files) wait on themselves can never run. */
export const dagCycle: PipelineRule = {
  code: 'dag-cycle',
  check({ a, report }) {
    const graph = edges(a);
    const cycles = components(graph).filter((c) => c.length > 1 || graph[c[0]!]!.includes(c[0]!));
    const total = cycles.reduce((n, c) => n + c.length, 0);
    let marked = 0;
    const inComp = new Uint8Array(graph.length);
    const prev = new Int32Array(graph.length).fill(-1);
    for (const comp of cycles) {
      for (const v of comp) inComp[v] = 1;
      const size = comp.length > LISTED ? ` of ${comp.length.toLocaleString('en-US')} stages` : '';
      for (const v of comp.sort((x, y) => x - y)) {
        if (marked === MARKED) return;
        const path = cyclePath(graph, inComp, prev, v);
        const stage = a.stages[v]!;
        const last = ++marked === MARKED && total > MARKED ? ` (Only the first ${MARKED} of ${total.toLocaleString('en-US')} stages in cycles are marked.)` : '';
        report(stage.pair.key.range, `Stage "${stage.name}" is in a dependency cycle${size}: ${listCycle(path, (i) => a.stages[i]!.name)}. Remove one of these dependencies.${last}`);
      }
      for (const v of comp) inComp[v] = 0;
    }
  },
};
