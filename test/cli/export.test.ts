// mlops export: the Argo Workflow, the KServe InferenceService and the GitHub Actions workflow are
// validated against the official schemas in ../shared/standards, and the Argo DAG is the local one.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parse } from 'yaml';
import { buildGraph } from '../../server/src/core/stages/order';
import type { PipelineSpec } from '../../server/src/core/pipeline/spec';
import { mlops } from '../helpers/cli';
import { argoWorkflowValidator, githubWorkflowValidator, kserveValidator, skipUnless } from '../helpers/standards';
import { churnDir } from '../unit/training/workspace';

/** The example's lifecycle as stages: a diamond after generate, a sweep, and a register after it. */
const STAGES = `stages:
  generate:
    cmd: node scripts/generate-data.mjs
    deps: [scripts/generate-data.mjs]
    outs: [data/train.csv, data/current.csv]
  validate_data:
    uses: check
    with: { report: reports/check.json }
  train:
    uses: train
    needs: [validate_data]
    with: { sweep: true, model: models/churn, metrics: reports/metrics.json }
    resources: { cpu: 2, memory: 2Gi, gpu: 1 }
    retries: 2
  watch:
    uses: drift
    with: { out: reports/drift.html }
  summary:
    cmd: cat reports/metrics.json reports/drift.html > reports/summary.txt
    deps: [reports/metrics.json, reports/drift.html]
    outs: [reports/summary.txt]
  publish:
    uses: register
`;

function workspace(): { dir: string; spec: PipelineSpec; cleanup(): void } {
  const dir = mkdtempSync(join(tmpdir(), 'mlops-export-'));
  for (const d of ['data', 'contracts', 'scripts']) cpSync(join(churnDir, d), join(dir, d), { recursive: true });
  const text = readFileSync(join(churnDir, 'mlops.yaml'), 'utf8').replace(/^stages:\n(?: {2}.*\n)+/m, STAGES);
  writeFileSync(join(dir, 'mlops.yaml'), text);
  return { dir, spec: parse(text) as PipelineSpec, cleanup: () => rmSync(dir, { recursive: true, force: true }) };
}

interface Task { name: string; template: string; dependencies?: string[]; withItems?: unknown[]; arguments?: unknown }
interface Template { name: string; metadata?: { annotations?: Record<string, string> }; container?: Record<string, any>; retryStrategy?: unknown; dag?: { tasks: Task[] }; inputs?: any; outputs?: any }

function exported(dir: string, ...flags: string[]): { doc: any; templates: Map<string, Template>; tasks: Task[] } {
  const r = mlops(['export', 'argo', '--image', 'registry.example.com/churn:1', ...flags], dir);
  assert.equal(r.code, 0, r.stderr);
  const doc = parse(r.stdout);
  const templates = new Map<string, Template>(doc.spec.templates.map((t: Template) => [t.name, t]));
  return { doc, templates, tasks: templates.get(doc.spec.entrypoint)!.dag!.tasks };
}

/** Stage-level edges of the exported DAG: each task's template names its stage; trial fan-outs fold into their stage. */
function argoEdges(templates: Map<string, Template>, tasks: Task[]): Set<string> {
  const stageOf = new Map(tasks.map((t) => [t.name, templates.get(t.template)!.metadata!.annotations!['mlops.dev/stage']!]));
  const edges = new Set<string>();
  for (const t of tasks) for (const d of t.dependencies ?? []) if (stageOf.get(d) !== stageOf.get(t.name)) edges.add(`${stageOf.get(d)} -> ${stageOf.get(t.name)}`);
  return edges;
}

for (const mode of [['--pvc', 'mlops-workspace'], ['--artifacts', 's3://ml-artifacts/churn']]) {
  test(`export argo ${mode[0]}: valid against the official Workflow schema, and its DAG is the local one`, { skip: skipUnless('argo-workflows/schema.json') }, () => {
    const ws = workspace();
    try {
      const { doc, templates, tasks } = exported(ws.dir, ...mode);
      const validate = argoWorkflowValidator();
      assert.deepEqual(validate(doc), []);
      assert.notDeepEqual(validate({ ...doc, spec: { ...doc.spec, templates: [{ name: 'x', retryStrategy: { limit: [1] } }] } }), [], 'the schema catches a broken workflow');
      const local = buildGraph(ws.spec, 'mlops.yaml');
      const localEdges = new Set(local.stages.flatMap((s) => s.after.map((a) => `${a} -> ${s.name}`)));
      assert.deepEqual([...argoEdges(templates, tasks)].sort(), [...localEdges].sort());
      assert.ok(localEdges.has('train -> publish') && localEdges.has('generate -> watch') && localEdges.has('watch -> summary'));
      const staged = new Set([...templates.values()].map((t) => t.metadata?.annotations?.['mlops.dev/stage']).filter(Boolean));
      assert.deepEqual([...staged].sort(), local.stages.map((s) => s.name).sort());
      if (mode[0] === '--pvc') {
        assert.deepEqual(doc.spec.volumes, [{ name: 'workspace', persistentVolumeClaim: { claimName: 'mlops-workspace' } }]);
        assert.deepEqual(templates.get('generate')!.container!.volumeMounts, [{ name: 'workspace', mountPath: '/workspace' }]);
      } else {
        const watch = templates.get('watch')!;
        assert.deepEqual(watch.inputs.artifacts.map((a: any) => a.s3.key), ['churn/{{workflow.name}}/data/train.csv', 'churn/{{workflow.name}}/data/current.csv']);
        assert.deepEqual(watch.outputs.artifacts.map((a: any) => [a.path, a.s3.bucket]), [['/workspace/reports/drift.html', 'ml-artifacts']]);
      }
    } finally {
      ws.cleanup();
    }
  });
}

test('export argo: the sweep fans out one pod per planned trial, then a task picks the best; resources and retries carry over', () => {
  const ws = workspace();
  try {
    const { templates, tasks } = exported(ws.dir, '--pvc', 'ws');
    const fanOut = tasks.find((t) => t.name === 'train-trials')!;
    assert.deepEqual(fanOut.withItems, [1, 2, 3, 4, 5, 6], 'examples/churn plans 6 random trials');
    assert.deepEqual(fanOut.dependencies?.sort(), ['generate', 'validate-data']);
    assert.deepEqual(tasks.find((t) => t.name === 'train')!.dependencies, ['train-trials']);
    const trial = templates.get('train-trial')!;
    assert.deepEqual(trial.container!.args, ['stage', 'train', '--spec', 'mlops.yaml', '--trial', '{{inputs.parameters.trial}}', '--sweep-id', 'sweep-{{workflow.name}}']);
    assert.deepEqual(trial.container!.resources, { requests: { cpu: '2', memory: '2Gi', 'nvidia.com/gpu': '1' }, limits: { 'nvidia.com/gpu': '1' } });
    assert.deepEqual(trial.retryStrategy, { limit: '2', retryPolicy: 'OnFailure' });
    const pick = templates.get('train')!;
    assert.ok(pick.container!.args.includes('--pick-best'));
    assert.deepEqual(pick.outputs.parameters, [{ name: 'run', valueFrom: { path: '/tmp/mlops-run' } }]);
    const publish = tasks.find((t) => t.name === 'publish')!;
    assert.deepEqual(publish.arguments, { parameters: [{ name: 'run', value: '{{tasks.train.outputs.parameters.run}}' }] });
    assert.deepEqual(templates.get('generate')!.container!.args, ['node scripts/generate-data.mjs']);
    assert.deepEqual(templates.get('validate-data')!.metadata!.annotations, { 'mlops.dev/stage': 'validate_data' });
  } finally {
    ws.cleanup();
  }
});

test('export kserve: a custom predictor running mlops serve, valid against the InferenceService CRD', { skip: skipUnless('kserve/serving.kserve.io_inferenceservices.yaml') }, () => {
  const dir = mkdtempSync(join(tmpdir(), 'mlops-kserve-'));
  try {
    const r = mlops(['export', 'kserve', '--model', 'churn-classifier', '--alias', 'production', '--image', 'registry.example.com/churn:1', '--storage-uri', 's3://models/churn', '--out', 'isvc.yaml'], dir);
    assert.equal(r.code, 0, r.stderr);
    const doc = parse(readFileSync(join(dir, 'isvc.yaml'), 'utf8'));
    const validate = kserveValidator();
    assert.deepEqual(validate(doc), []);
    assert.notDeepEqual(validate({ ...doc, spec: { predictor: { containers: [{ image: 'no-name' }] } } }), [], 'the CRD schema catches a container without a name');
    const predictor = doc.spec.predictor;
    assert.deepEqual(predictor.storageUris, [{ uri: 's3://models/churn', mountPath: '/mnt/models' }]);
    assert.deepEqual(predictor.containers[0].args, ['serve', '--model', 'churn-classifier', '--alias', 'production', '--host', '0.0.0.0', '--port', '8080', '--workspace', '/mnt/models']);
    assert.equal(predictor.containers[0].readinessProbe.httpGet.path, '/v2/health/ready');
    const bad = mlops(['export', 'kserve', '--model', 'Bad Name', '--image', 'x'], dir);
    assert.equal(bad.code, 2);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('export github-actions: validate with SARIF upload, run, check data, drift; valid against the official schema', { skip: skipUnless('github-actions/github-workflow.json') }, () => {
  const ws = workspace();
  try {
    const r = mlops(['export', 'github-actions', '--out', '.github/workflows/mlops.yml'], ws.dir);
    assert.equal(r.code, 0, r.stderr);
    const doc = parse(readFileSync(join(ws.dir, '.github/workflows/mlops.yml'), 'utf8'));
    const validate = githubWorkflowValidator();
    assert.deepEqual(validate(doc), []);
    assert.notDeepEqual(validate({ ...doc, jobs: { mlops: { ...doc.jobs.mlops, 'runs-on': undefined, step: [] } } }), [], 'the schema catches a broken job');
    const steps = doc.jobs.mlops.steps as Array<{ name?: string; uses?: string; run?: string }>;
    assert.ok(steps.some((s) => s.uses?.startsWith('github/codeql-action/upload-sarif')));
    assert.ok(steps.some((s) => s.run === 'mlops run --spec mlops.yaml'));
    assert.ok(steps.some((s) => s.run === 'mlops check --contract contracts/customers.odcs.yaml --data data/train.csv --schema customers'));
    assert.ok(steps.some((s) => s.run?.startsWith('mlops drift --spec mlops.yaml --fail-on-drift')));
    assert.equal(doc.permissions['security-events'], 'write');
  } finally {
    ws.cleanup();
  }
});

test('export refuses bad input with exit 2 and what to do', () => {
  const ws = workspace();
  try {
    const noImage = mlops(['export', 'argo', '--pvc', 'x'], ws.dir);
    assert.equal(noImage.code, 2);
    assert.match(noImage.stderr, /name the container image/);
    const both = mlops(['export', 'argo', '--image', 'i', '--pvc', 'x', '--artifacts', 's3://b/p'], ws.dir);
    assert.equal(both.code, 2);
    const neither = mlops(['export', 'argo', '--image', 'i'], ws.dir);
    assert.match(neither.stderr, /--pvc NAME .* or --artifacts/);
    assert.equal(mlops(['export', 'helm'], ws.dir).code, 2);
    // A tpe sweep has no plan of trials to hand out one pod each.
    writeFileSync(join(ws.dir, 'mlops.yaml'), readFileSync(join(ws.dir, 'mlops.yaml'), 'utf8').replace('strategy: random', 'strategy: tpe'));
    const tpe = mlops(['export', 'argo', '--image', 'i', '--pvc', 'x'], ws.dir);
    assert.equal(tpe.code, 2);
    assert.match(tpe.stderr, /strategy tpe, which draws each trial from the trials before it/);
  } finally {
    ws.cleanup();
  }
});
