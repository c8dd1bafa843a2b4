import type { PipelineSpec } from '../pipeline/spec';
import { GraphError, graphOf } from './graph';
import { stepOf } from './steps';
import { normalizePath, type StepContext } from './steps/step';
import type { StageGraph, StageNode } from './types';

// Building the stage graph from a spec: a module of its own, loaded when a spec is ordered (a spec
// that passed before has its ordered stages kept with its verdict, see pipeline.ts), so that
// `mlops status` loads neither this nor the built-in steps' definitions for a pipeline without `uses:`.

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

