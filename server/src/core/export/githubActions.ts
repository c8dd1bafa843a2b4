import { posix } from 'node:path';
import type { PipelineSpec } from '../pipeline/spec';

/** What `mlops export github-actions` is told. */
export interface ActionsOptions {
  spec: PipelineSpec;
  specFile: string;
  /** The spec's folder in the repository ('' at its root): the job's working directory. */
  specDir: string;
  /** How the job gets the `mlops` command. */
  install: string;
  /** True when a stage `uses: train` (then `mlops run` enforces the gates). */
  trainsInPipeline: boolean;
}

type Step = Record<string, unknown>;

function dataChecks(o: ActionsOptions): Step[] {
  return Object.entries(o.spec.data ?? {}).filter(([, ref]) => ref?.contract && ref.path).map(([role, ref]) => ({
    name: `Check data.${role} against its contract`,
    run: ['mlops check', `--contract ${ref.contract}`, `--data ${ref.path}`, ...(ref.schema ? [`--schema ${ref.schema}`] : [])].join(' '),
  }));
}

/**
 * A GitHub Actions workflow for the pipeline: validate specs and contracts (SARIF to code scanning),
 * run the pipeline with its run cache kept between builds, check the data against its contracts,
 * enforce the gates and fail on drift; the reports and the lock are kept as a build artifact.
 */
export function actionsWorkflow(o: ActionsOptions): Record<string, unknown> {
  const dir = o.specDir || '.';
  const cache = posix.join(dir, '.mlops/cache');
  const hasCurrent = Boolean(o.spec.data?.current?.path);
  const steps: Step[] = [
    { uses: 'actions/checkout@v4', with: { lfs: true } },
    { uses: 'actions/setup-node@v4', with: { 'node-version': 20 } },
    { name: 'Install the mlops CLI', run: o.install },
    { name: 'Validate specs and contracts', id: 'validate', run: 'mlops validate . --format sarif > "$RUNNER_TEMP/mlops.sarif" || echo "failed=true" >> "$GITHUB_OUTPUT"' },
    { name: 'Upload findings to code scanning', if: 'always()', uses: 'github/codeql-action/upload-sarif@v3', with: { sarif_file: '${{ runner.temp }}/mlops.sarif', category: 'mlops' } },
    { name: 'Stop on spec or contract errors', if: "steps.validate.outputs.failed == 'true'", run: 'mlops validate . && exit 1' },
    { name: 'Restore the run cache', uses: 'actions/cache@v4', with: { path: cache, key: `mlops-\${{ hashFiles('${posix.join(dir, 'mlops.lock')}') }}-\${{ github.sha }}`, 'restore-keys': 'mlops-' } },
    { name: o.trainsInPipeline ? 'Run the pipeline (a train stage fails on failed gates)' : 'Run the pipeline', run: `mlops run --spec ${o.specFile}` },
    ...dataChecks(o),
    ...(!o.trainsInPipeline && o.spec.model && o.spec.evaluation?.gates ? [{ name: 'Train and enforce the gates', run: `mlops train ${o.specFile}` }] : []),
    ...(hasCurrent ? [{ name: 'Fail on drift', run: `mlops drift --spec ${o.specFile} --fail-on-drift --format html --out drift.html` }] : []),
    { name: 'Keep the reports', if: 'always()', uses: 'actions/upload-artifact@v4', with: { name: 'mlops-reports', 'if-no-files-found': 'ignore', path: ['drift.html', 'mlops.lock', '.mlops/runs/'].map((p) => posix.join(dir, p)).join('\n') } },
  ];
  return {
    name: `MLOps ${o.spec.metadata?.name ?? ''}`.trim(),
    on: { push: { branches: ['main'] }, pull_request: {}, workflow_dispatch: {} },
    permissions: { contents: 'read', 'security-events': 'write' },
    jobs: { mlops: { 'runs-on': 'ubuntu-latest', 'timeout-minutes': 60, defaults: { run: { 'working-directory': dir } }, steps } },
  };
}
