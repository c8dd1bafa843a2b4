import { makeDiagnostic } from '../../diagnostics';
import type { PipelineRule, SpecAnalysis, StageInfo } from '../analysis';
import { resolvePath } from '../analysis';

/** Edges stage -> stages it runs after: `needs`, and deps that another stage writes. */
function edges(a: SpecAnalysis): Map<string, Set<string>> {
  const producer = new Map<string, string>();
  for (const s of a.stages) for (const o of s.outs) producer.set(resolvePath(a, o.value as string), s.name);
  const names = new Set(a.stages.map((s) => s.name));
  const out = new Map<string, Set<string>>();
  for (const s of a.stages) {
    const after = new Set<string>();
    for (const n of s.needs) if (names.has(n.value as string)) after.add(n.value as string);
    for (const d of s.deps) {
      const p = producer.get(resolvePath(a, d.value as string));
      if (p !== undefined) after.add(p);
    }
    out.set(s.name, after);
  }
  return out;
}

/** Strongly connected components (Tarjan, iterative so 50,000 stages cannot overflow the stack). */
function components(graph: Map<string, Set<string>>): string[][] {
  const index = new Map<string, number>();
  const low = new Map<string, number>();
  const onStack = new Set<string>();
  const stack: string[] = [];
  const result: string[][] = [];
  let counter = 0;
  for (const start of graph.keys()) {
    if (index.has(start)) continue;
    const work: Array<{ v: string; it: Iterator<string> }> = [];
    const visit = (v: string) => {
      index.set(v, counter); low.set(v, counter); counter++;
      stack.push(v); onStack.add(v);
      work.push({ v, it: (graph.get(v) ?? new Set()).values() });
    };
    visit(start);
    while (work.length) {
      const top = work[work.length - 1]!;
      const next = top.it.next();
      if (!next.done) {
        const w = next.value;
        if (!index.has(w)) visit(w);
        else if (onStack.has(w)) low.set(top.v, Math.min(low.get(top.v)!, index.get(w)!));
        continue;
      }
      work.pop();
      if (work.length) {
        const parent = work[work.length - 1]!.v;
        low.set(parent, Math.min(low.get(parent)!, low.get(top.v)!));
      }
      if (low.get(top.v) === index.get(top.v)) {
        const comp: string[] = [];
        let w: string;
        do { w = stack.pop()!; onStack.delete(w); comp.push(w); } while (w !== top.v);
        result.push(comp);
      }
    }
  }
  return result;
}

/** One concrete cycle through `from` inside its component, for a readable message. */
function cyclePath(graph: Map<string, Set<string>>, comp: Set<string>, from: string): string[] {
  const prev = new Map<string, string>();
  const queue = [from];
  for (let i = 0; i < queue.length; i++) {
    const v = queue[i]!;
    for (const w of graph.get(v) ?? []) {
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
    const byName = new Map<string, StageInfo>(a.stages.map((s) => [s.name, s]));
    for (const comp of components(graph)) {
      const selfLoop = comp.length === 1 && graph.get(comp[0]!)?.has(comp[0]!);
      if (comp.length < 2 && !selfLoop) continue;
      const set = new Set(comp);
      for (const name of comp) {
        const cycle = cyclePath(graph, set, name);
        const stage = byName.get(name)!;
        report(makeDiagnostic(stage.pair.key.range, 'dag-cycle', `Stage "${name}" is in a dependency cycle: ${cycle.join(' -> ')}. Remove one of these dependencies.`));
      }
    }
  },
};
