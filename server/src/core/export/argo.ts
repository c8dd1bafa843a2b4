import { posix } from 'node:path';
import type { PipelineSpec } from '../pipeline/spec';
import { within } from '../stages/graph';
import { sweeps } from '../stages/steps/train';
import type { StageGraph, StageNode } from '../stages/types';
import { kubeName, podResources } from './common';

/** Where the exported workflow's pods find the project and pass files to each other. */
export interface ArgoOptions {
  image: string;
  /** A PersistentVolumeClaim holding the project, mounted in every pod at /workspace. */
  pvc?: string;
  /** The artifact repository location instead (`s3://bucket/prefix`); the image holds the project. */
  artifacts?: string;
  namespace?: string;
  /** The spec's folder inside the project ('' at its root), so pods work where the spec is. */
  specDir: string;
  /** Trials of each sweep, as planned from the spec (one pod each). */
  trials: (stage: StageNode) => number;
}

/** What the exporter reads of an opened pipeline. */
export interface ExportedPipeline { spec: PipelineSpec; specFile: string; graph: StageGraph }

type Json = Record<string, unknown>;

export const MOUNT = '/workspace';
const RUN_FILE = '/tmp/mlops-run';
const RUNS = '.mlops/runs';

/** `s3://bucket/prefix` split; undefined for anything else. */
export function parseS3(url: string): { bucket: string; prefix: string } | undefined {
  const m = /^s3:\/\/([^/]+)\/?(.*)$/.exec(url);
  return m ? { bucket: m[1]!, prefix: m[2]!.replace(/\/+$/, '') } : undefined;
}

interface Ctx { p: ExportedPipeline; o: ArgoOptions; names: Map<string, string>; workDir: string; s3?: { bucket: string; prefix: string } }

const artifactName = (path: string) => path.replace(/[^A-Za-z0-9_-]+/g, '-').replace(/^-+|-+$/g, '') || 'root';

function s3Key(c: Ctx, path: string): string {
  return [c.s3!.prefix, '{{workflow.name}}', c.o.specDir, path].filter(Boolean).join('/');
}

/** In artifact mode: the outs of other stages this stage reads, and what it writes. */
function artifacts(c: Ctx, node: StageNode, extraIn: string[], extraOut: string[]): Json {
  if (!c.s3) return {};
  const producedBy = c.p.graph.stages.filter((s) => s !== node).flatMap((s) => s.outs);
  const reads = [...new Set([...node.deps.flatMap((d) => producedBy.filter((o) => within(d, o) || within(o, d))), ...extraIn])];
  const item = (path: string, output: boolean) => ({ name: artifactName(path), path: posix.join(c.workDir, path),
    s3: { bucket: c.s3!.bucket, key: s3Key(c, path) }, ...(output ? { archive: { none: {} } } : {}) });
  const out: Json = {};
  if (reads.length) out.inputs = { artifacts: reads.map((p) => item(p, false)) };
  const writes = [...node.outs, ...extraOut];
  if (writes.length) out.outputs = { artifacts: writes.map((p) => item(p, true)) };
  return out;
}

function container(c: Ctx, command: string[], args: string[], resources?: Json): Json {
  return {
    image: c.o.image, command, args, workingDir: c.workDir,
    ...(resources ? { resources } : {}),
    ...(c.o.pvc ? { volumeMounts: [{ name: 'workspace', mountPath: MOUNT }] } : {}),
  };
}

function stageCommand(c: Ctx, node: StageNode, extra: string[] = []): { command: string[]; args: string[] } {
  if (node.cmd !== undefined) return { command: ['sh', '-c'], args: [node.cmd] };
  return { command: ['mlops'], args: ['stage', node.name, '--spec', c.p.specFile, ...extra] };
}

function meta(node: StageNode, role?: string): Json {
  return { annotations: { 'mlops.dev/stage': node.name, ...(role ? { 'mlops.dev/role': role } : {}) } };
}

function retry(node: StageNode): Json {
  return node.retries > 0 ? { retryStrategy: { limit: String(node.retries), retryPolicy: 'OnFailure' } } : {};
}

function resourcesOf(c: Ctx, node: StageNode): Json | undefined {
  return podResources(node.resources ?? (node.uses === 'train' ? c.p.spec.training?.resources : undefined));
}

/** The register stage reads the run id its train stage's pod wrote (an output parameter). */
function runParameter(c: Ctx, node: StageNode): { input: Json; argument: Json } | undefined {
  if (node.uses !== 'register') return undefined;
  const from = node.after.find((a) => c.p.graph.byName.get(a)?.uses === 'train');
  if (!from) return undefined;
  return { input: { parameters: [{ name: 'run' }] }, argument: { parameters: [{ name: 'run', value: `{{tasks.${c.names.get(from)}.outputs.parameters.run}}` }] } };
}

/** One stage: its template(s) and DAG task(s). A sweep becomes a fan-out of trial pods and a pick-best task. */
function stageParts(c: Ctx, node: StageNode): { templates: Json[]; tasks: Json[] } {
  const name = c.names.get(node.name)!;
  const dependencies = node.after.map((a) => c.names.get(a)!);
  const deps = dependencies.length ? { dependencies } : {};
  const trainRuns = node.uses === 'train' ? [RUNS] : [];
  const runOut = node.uses === 'train' ? { parameters: [{ name: 'run', valueFrom: { path: RUN_FILE } }] } : undefined;
  const withOutputs = (art: Json): Json => (runOut ? { ...art, outputs: { ...(art.outputs as Json | undefined), ...runOut } } : art);
  if (node.uses === 'train' && sweeps(c.p.spec.stages![node.name]!)) {
    const sweepId = 'sweep-{{workflow.name}}';
    const trial = { name: `${name}-trial`, metadata: meta(node, 'trial'), inputs: { parameters: [{ name: 'trial' }] }, ...retry(node),
      container: container(c, ['mlops'], ['stage', node.name, '--spec', c.p.specFile, '--trial', '{{inputs.parameters.trial}}', '--sweep-id', sweepId], resourcesOf(c, node)),
      ...artifacts(c, { ...node, outs: [] }, [], [RUNS]) };
    const pick = { name, metadata: meta(node, 'pick-best'),
      container: container(c, ['mlops'], ['stage', node.name, '--spec', c.p.specFile, '--pick-best', '--sweep-id', sweepId, '--run-id-file', RUN_FILE]),
      ...withOutputs(artifacts(c, { ...node, deps: [] }, [RUNS], [RUNS])) };
    const items = Array.from({ length: c.o.trials(node) }, (_, i) => i + 1);
    return {
      templates: [trial, pick],
      tasks: [
        { name: `${name}-trials`, template: `${name}-trial`, ...deps, arguments: { parameters: [{ name: 'trial', value: '{{item}}' }] }, withItems: items },
        { name, template: name, dependencies: [`${name}-trials`] },
      ],
    };
  }
  const param = runParameter(c, node);
  const cmd = stageCommand(c, node, [...(runOut ? ['--run-id-file', RUN_FILE] : []), ...(param ? ['--run', '{{inputs.parameters.run}}'] : [])]);
  const art = artifacts(c, node, node.uses === 'register' ? [RUNS] : [], trainRuns);
  const template = { name, metadata: meta(node), ...retry(node), container: container(c, cmd.command, cmd.args, resourcesOf(c, node)),
    ...withOutputs(param ? { ...art, inputs: { ...(art.inputs as Json | undefined), ...param.input } } : art) };
  return { templates: [template], tasks: [{ name, template: name, ...deps, ...(param ? { arguments: param.argument } : {}) }] };
}

/**
 * The pipeline as an Argo Workflows `Workflow`: a DAG template with one task per stage and the same
 * edges as `mlops run`, each stage in its own pod running the same command (`cmd`, or `mlops stage`
 * for a built-in step). Files move through a shared volume (`pvc`) or the artifact repository; a
 * sweep fans out into one pod per trial followed by a task that picks the best; `resources` become pod
 * requests and `retries` a retry strategy.
 */
export function argoWorkflow(p: ExportedPipeline, o: ArgoOptions): Json {
  const taken = new Set<string>(['pipeline']);
  const names = new Map(p.graph.stages.map((s) => [s.name, kubeName(s.name, taken)]));
  for (const s of p.graph.stages) if (s.uses === 'train') { taken.add(`${names.get(s.name)}-trial`); taken.add(`${names.get(s.name)}-trials`); }
  const c: Ctx = { p, o, names, workDir: posix.join(MOUNT, o.specDir), s3: o.artifacts ? parseS3(o.artifacts) : undefined };
  const parts = p.graph.stages.map((s) => stageParts(c, s));
  const name = kubeName(String(p.spec.metadata?.name ?? 'pipeline'), new Set(), 50);
  return {
    apiVersion: 'argoproj.io/v1alpha1',
    kind: 'Workflow',
    metadata: {
      generateName: `${name}-`,
      ...(o.namespace ? { namespace: o.namespace } : {}),
      labels: { 'app.kubernetes.io/managed-by': 'mlops-workbench', 'mlops.dev/pipeline': name },
      annotations: { 'mlops.dev/spec': posix.join(o.specDir, p.specFile) },
    },
    spec: {
      entrypoint: 'pipeline',
      ...(o.pvc ? { volumes: [{ name: 'workspace', persistentVolumeClaim: { claimName: o.pvc } }] } : {}),
      templates: [{ name: 'pipeline', dag: { tasks: parts.flatMap((x) => x.tasks) } }, ...parts.flatMap((x) => x.templates)],
    },
  };
}
