// What `mlops --help` says about each command, in the order it lists them: kept apart from the commands'
// code so that help, usage errors and dispatch load no command (each command loads only its own modules).

/** A command's name, one-line summary and usage line(s). */
export interface CommandAbout {
  name: string;
  summary: string;
  usage: string;
}

export const about = {
  validate: {
    name: 'validate',
    summary: 'Check pipeline specs and data contracts (syntax, schema, cross-references) and print diagnostics',
    usage: 'mlops validate [paths or folders...] [--format text|json|sarif]',
  },
  demo: {
    name: 'demo',
    summary: 'Run what the engine can do on an example workspace (validate, check, train, drift, register, serve, monitor)',
    usage: 'mlops demo [workspace] [--out DIR]',
  },
  check: {
    name: 'check',
    summary: 'Check a CSV or Parquet file against an ODCS data contract (types, keys, ranges, quality rules)',
    usage: 'mlops check --contract <contract.odcs.yaml> --data <file or glob: .csv .parquet .json .ndjson> [--schema NAME] [--sql-timeout 60s] [--format text|json]',
  },
  contract: {
    name: 'contract',
    summary: 'Data contract tools: "infer" writes an ODCS v3.1.0 contract from a CSV or Parquet file',
    usage: 'mlops contract infer --data <file.csv|file.parquet> [--name NAME] [--out FILE [--force]]',
  },
  drift: {
    name: 'drift',
    summary: 'Compare current data with the reference (training) data: per-feature drift tests and one verdict',
    usage: 'mlops drift --reference R --current C|LOG_FOLDER [--spec S] [--contract K] [--format json|text|html] [--fail-on-drift]'
      + ' [--method M] [--threshold X] [--drift-share X] [--compat evidently|none] [--out FILE [--force]] [--sample N] [--workers N]',
  },
  train: {
    name: 'train',
    summary: 'Train the model a pipeline spec describes and record the run under .mlops/runs/',
    usage: 'mlops train <spec> [--format text|json] [--events] [--set path=value ...] [--backend auto|tensorflow|wasm|cpu] [--workspace DIR] [--allow-contract-violations]',
  },
  sweep: {
    name: 'sweep',
    summary: 'Run the spec\'s hyper-parameter sweep: each trial is a recorded run, trained in parallel worker threads',
    usage: 'mlops sweep <spec> | --resume <sweepId> [--format text|json] [--events] [--parallel N] [--set path=value ...] [--backend auto|tensorflow|wasm|cpu] [--workspace DIR] [--allow-contract-violations]',
  },
  sweeps: {
    name: 'sweeps',
    summary: 'List recorded sweeps; show one with every trial, its parameters, curve end and status',
    usage: 'mlops sweeps [list] | show <sweepId>  [--workspace <dir|spec>] [--format text|json]',
  },
  runs: {
    name: 'runs',
    summary: 'List recorded training runs; show one; diff two (only what differs)',
    usage: 'mlops runs [list] | show <id> | diff <a> <b>  [--workspace <dir|spec>] [--format text|json] [--sweep <id>]',
  },
  reproduce: {
    name: 'reproduce',
    summary: 'Re-run a recorded run with its recorded params, after checking its data is unchanged (sha256)',
    usage: 'mlops reproduce <id> [--workspace <dir|spec>] [--format text|json] [--events] [--allow-contract-violations]',
  },
  register: {
    name: 'register',
    summary: 'Register a completed run as the next model version (models/<name>/v<N>, one commit, tag <name>@v<N>)',
    usage: 'mlops register <runId> [--model NAME] [--message M] [--force REASON] [--init] [--lfs-threshold-mb N] [--workspace DIR] [--format text|json]',
  },
  promote: {
    name: 'promote',
    summary: 'Move an alias (e.g. production) to a model version; recorded in models/<name>/aliases.jsonl and tag <name>#<alias>',
    usage: 'mlops promote <name> <version> <alias> [--reason R] [--workspace DIR] [--format text|json]',
  },
  models: {
    name: 'models',
    summary: 'List registered models, versions and aliases; "history <name>" shows promotions, "diff <name> v1 v2" compares cards',
    usage: 'mlops models [history <name> | diff <name> <v1> <v2>] [--workspace DIR] [--format text|json]',
  },
  predict: {
    name: 'predict',
    summary: 'Score a CSV or Parquet file with a registered model version (same numbers as `mlops serve`)',
    usage: 'mlops predict --model NAME[@vN|#alias] --data FILE(.csv|.parquet) [--out FILE] [--format csv|json|parquet] [--skip-bad-rows] [--workspace DIR]',
  },
  evaluate: {
    name: 'evaluate',
    summary: 'Measure a registered model (or a run) on a labelled file: metrics, fairness, gates (exit 1 when a gate fails)',
    usage: 'mlops evaluate (--model NAME[@vN|#alias] | --run ID) --data FILE [--format json|text] [--workspace DIR]',
  },
  serve: {
    name: 'serve',
    summary: 'Serve a registered model over HTTP (Open Inference Protocol v2, KServe v1, Prometheus /metrics), swapping versions when the alias moves',
    usage: 'mlops serve --model NAME[@vN] [--alias production] [--shadow ALIAS] [--host 127.0.0.1] [--port 8080] [--workspace DIR]'
      + ' [--spec mlops.yaml] [--log-dir DIR] [--log-sample 0..1] [--max-batch N] [--batch-window-ms MS]',
  },
  monitor: {
    name: 'monitor',
    summary: 'Read the prediction log of `mlops serve`: traffic, latency, errors, shadow agreement, input and prediction drift, and a recommendation',
    usage: 'mlops monitor --spec mlops.yaml [--model NAME] [--since 24h|ISO-TIME] [--format json|text|html] [--fail-on-drift] [--log-dir DIR] [--workspace DIR] [--out FILE]',
  },
  run: {
    name: 'run',
    summary: 'Run the pipeline\'s stale stages in dependency order (cached, in parallel), recording them in mlops.lock',
    usage: 'mlops run [STAGE...] [--spec mlops.yaml] [--force] [--dry-run] [--jobs N] [--format text|json] [--events]',
  },
  status: {
    name: 'status',
    summary: 'Say which pipeline stages are up to date with mlops.lock and why the others are stale',
    usage: 'mlops status [STAGE...] [--spec mlops.yaml] [--format text|json]',
  },
  stage: {
    name: 'stage',
    summary: 'Run one pipeline stage once, without mlops.lock or the run cache (what each pod of an exported workflow runs)',
    usage: 'mlops stage <STAGE> [--spec mlops.yaml] [--run RUN_ID] [--trial N --sweep-id ID | --pick-best --sweep-id ID] [--run-id-file FILE]',
  },
  export: {
    name: 'export',
    summary: 'Write the pipeline as an Argo Workflow, a model as a KServe InferenceService, or CI as a GitHub Actions workflow',
    usage: [
      'mlops export argo --spec mlops.yaml --image IMAGE [--out FILE] [--pvc NAME | --artifacts s3://BUCKET/PREFIX] [--namespace NS]',
      '       mlops export kserve --model NAME --alias production --image IMAGE [--storage-uri URI] [--shadow ALIAS] [--out FILE] [--namespace NS]',
      '       mlops export github-actions [--spec mlops.yaml] [--out .github/workflows/mlops.yml] [--install COMMAND]',
    ].join('\n'),
  },
} satisfies Record<string, CommandAbout>;
