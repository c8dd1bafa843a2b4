import type { PipelineSpec } from '../pipeline/spec';
import type { StageGraph, StageNode } from './types';

/** A pipeline whose stages cannot be ordered or named; `stage` is where to point the user. */
export class GraphError extends Error {
  constructor(message: string, readonly stage?: string) {
    super(message);
  }
}

/** True when `inner` is `outer` or a path inside the folder `outer`. */
export function within(inner: string, outer: string): boolean {
  return inner === outer || outer === '.' || inner.startsWith(`${outer}/`);
}

/** The graph of stages already in order (as buildGraph orders them): its lookups built. */
export function graphOf(stages: StageNode[]): StageGraph {
  const children = new Map<string, string[]>(stages.map((s) => [s.name, []]));
  for (const s of stages) for (const a of s.after) children.get(a)!.push(s.name);
  return { stages, byName: new Map(stages.map((s) => [s.name, s])), children };
}

/** The stages to consider for `targets` (all when none): the targets and everything upstream of them. */
export function selectStages(graph: StageGraph, targets: string[]): StageNode[] {
  if (targets.length === 0) return graph.stages;
  const keep = new Set<string>();
  const visit = (name: string) => {
    if (keep.has(name)) return;
    keep.add(name);
    for (const a of graph.byName.get(name)!.after) visit(a);
  };
  for (const t of targets) {
    if (!graph.byName.has(t)) throw new GraphError(`no stage named "${t}" (stages: ${graph.stages.map((s) => s.name).join(', ') || 'none'})`);
    visit(t);
  }
  return graph.stages.filter((s) => keep.has(s.name));
}

/** Every stage downstream of `name`. */
export function descendants(graph: StageGraph, name: string): Set<string> {
  const out = new Set<string>();
  const stack = [...(graph.children.get(name) ?? [])];
  while (stack.length) {
    const n = stack.pop()!;
    if (out.has(n)) continue;
    out.add(n);
    stack.push(...(graph.children.get(n) ?? []));
  }
  return out;
}

/** A spec value at a path such as `training.seed` or `model.layers[0].units` (undefined when absent). */
export function valueAt(spec: PipelineSpec, path: string): unknown {
  let cur: unknown = spec;
  for (const m of path.matchAll(/([^.[\]]+)|\[(\d+)\]/g)) {
    if (cur === null || typeof cur !== 'object') return undefined;
    cur = (cur as Record<string, unknown>)[m[2] ?? m[1]!];
  }
  return cur;
}
