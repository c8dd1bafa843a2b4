import type { PipelineSpec } from '../pipeline/spec';
import { stepOf } from './steps';
import { normalizePath, type StepContext } from './steps/step';
import type { StageGraph, StageNode } from './types';

/** A pipeline whose stages cannot be ordered or named; `stage` is where to point the user. */
export class GraphError extends Error {
  constructor(message: string, readonly stage?: string) {
    super(message);
  }
}

const unique = (xs: string[]) => [...new Set(xs)];
const strings = (v: unknown): string[] => (Array.isArray(v) ? v.filter((x): x is string => typeof x === 'string') : []);

/** One stage with what its step implies added to what is written. */
function stageNode(name: string, ctx: StepContext, line: number): StageNode {
  const stage = ctx.spec.stages![name]!;
  const step = stepOf(stage.uses);
  const implied = step?.implied(name, stage, ctx) ?? { deps: [], outs: [], params: [], after: [] };
  return {
    name, line, cmd: stage.cmd, uses: stage.uses, with: stage.with && typeof stage.with === 'object' ? stage.with : {},
    deps: unique([...strings(stage.deps), ...implied.deps].map(normalizePath)),
    outs: unique([...strings(stage.outs), ...implied.outs].map(normalizePath)),
    params: unique([...strings(stage.params), ...implied.params]),
    after: unique([...strings(stage.needs), ...implied.after]),
    retries: typeof stage.retries === 'number' ? stage.retries : 0,
    resources: stage.resources,
  };
}

/** True when `inner` is `outer` or a path inside the folder `outer`. */
export function within(inner: string, outer: string): boolean {
  return inner === outer || outer === '.' || inner.startsWith(`${outer}/`);
}

/** The folders a path is in, innermost first (`a/b/c` -> `a/b`, `a`). */
function folders(path: string): string[] {
  const out: string[] = [];
  for (let i = path.lastIndexOf('/'); i > 0; i = path.lastIndexOf('/', i - 1)) out.push(path.slice(0, i));
  return out;
}

/**
 * Adds "runs after the producer" for every dep another stage writes: the file itself, a folder
 * holding it, or files inside a dep that is a folder. Looked up by path and by folder, so a pipeline
 * of thousands of stages costs a few map lookups per dep.
 */
function addFileEdges(nodes: StageNode[]): void {
  const exact = new Map<string, string[]>();
  const inFolder = new Map<string, string[]>();
  const add = (m: Map<string, string[]>, k: string, v: string) => { const l = m.get(k); if (l) l.push(v); else m.set(k, [v]); };
  for (const n of nodes) for (const out of n.outs) {
    add(exact, out, n.name);
    for (const f of folders(out)) add(inFolder, f, n.name);
  }
  for (const n of nodes) {
    for (const dep of n.deps) {
      if (dep === '.') { for (const m of nodes) if (m !== n && m.outs.length && !n.after.includes(m.name)) n.after.push(m.name); continue; }
      const found = [...(exact.get(dep) ?? []), ...folders(dep).flatMap((f) => exact.get(f) ?? []), ...(inFolder.get(dep) ?? [])];
      for (const s of found) if (!n.after.includes(s)) n.after.push(s);
    }
  }
}

/** Kahn's algorithm, keeping the spec's order among stages that are ready together. */
function topological(nodes: StageNode[]): StageNode[] {
  const indegree = new Map(nodes.map((n) => [n.name, n.after.length]));
  const children = new Map<string, string[]>(nodes.map((n) => [n.name, []]));
  for (const n of nodes) for (const a of n.after) children.get(a)!.push(n.name);
  const order: StageNode[] = [];
  const byName = new Map(nodes.map((n) => [n.name, n]));
  const position = new Map(nodes.map((n, i) => [n.name, i]));
  let ready = nodes.filter((n) => n.after.length === 0);
  while (ready.length) {
    order.push(...ready);
    const next: StageNode[] = [];
    for (const n of ready) for (const c of children.get(n.name)!) {
      const d = indegree.get(c)! - 1;
      indegree.set(c, d);
      if (d === 0) next.push(byName.get(c)!);
    }
    ready = next.sort((a, b) => position.get(a.name)! - position.get(b.name)!);
  }
  if (order.length < nodes.length) {
    const done = new Set(order);
    const stuck = nodes.filter((n) => !done.has(n));
    throw new GraphError(`stages ${stuck.map((s) => `"${s.name}"`).join(', ')} depend on each other in a cycle (through needs, deps and outs); remove one of these dependencies`, stuck[0]!.name);
  }
  return order;
}

/**
 * The stage DAG of a spec: edges from `needs`, from one stage's outs being another's deps, and from
 * what built-in steps imply (a register stage follows its train stage). `lines` gives each stage's
 * line for messages. Throws GraphError on an unknown stage in `needs` or a cycle.
 */
export function buildGraph(spec: PipelineSpec, specFile: string, lines: Map<string, number> = new Map()): StageGraph {
  const ctx: StepContext = { spec, specFile };
  const nodes = Object.keys(spec.stages ?? {}).map((name) => stageNode(name, ctx, lines.get(name) ?? 0));
  const names = new Set(nodes.map((n) => n.name));
  for (const n of nodes) {
    const unknown = n.after.find((a) => !names.has(a));
    if (unknown !== undefined) throw new GraphError(`stage "${n.name}" needs "${unknown}", which is not a stage of this pipeline`, n.name);
  }
  addFileEdges(nodes);
  return graphOf(topological(nodes));
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
