/**
 * Every message between the extension and its webviews, one union per view, keyed on `type`.
 * Types only (plus the guards the receiving side needs): the client and each webview bundle import it.
 * Data shapes mirror the engine's JSON (`mlops runs`, `mlops drift --format json`); fields may be added,
 * never renamed.
 */

/**
 * Sent by every webview first, and again until the host answers with `readyAck` (a page loading while
 * the host is busy, or re-shown by VS Code, must not stay blank); the host holds its messages until it
 * arrives and answers every `ready` with its current state.
 */
export interface ReadyMessage {
  type: 'ready';
}

/**
 * Posted by the page's first, inline script, before its bundle loads (any view). It proves the webview
 * frame got its document: VS Code for the web can leave a frame without one (see
 * client/src/webview/frameRecovery.ts), and only the host can tell that apart from a page that is
 * merely slow to load its bundle.
 */
export interface LoadingMessage {
  type: 'loading';
}

/** Whether a message is the page's first sign of life (checked before the view's own guard). */
export function isLoading(m: unknown): m is LoadingMessage {
  return typeof m === 'object' && m !== null && (m as { type?: unknown }).type === 'loading';
}

/** The host's answer to every `ready` (any view): the page stops re-sending `ready`. */
export interface ReadyAckMessage {
  type: 'readyAck';
}

/** Whether a message is the host's answer to `ready` (checked before the view's own guard). */
export function isReadyAck(m: unknown): m is ReadyAckMessage {
  return typeof m === 'object' && m !== null && (m as { type?: unknown }).type === 'readyAck';
}

// ---------------------------------------------------------------------------------------------------
// Experiments view

/** Status as shown: a `running` record whose process is gone is reported as `interrupted`. */
export type RunRowStatus = 'running' | 'completed' | 'failed' | 'cancelled' | 'interrupted' | 'pruned';

/** A scalar shown in a table cell; nested params are flattened to dotted paths by the host. */
export type Scalar = string | number | boolean | null;

/** One run as the runs table shows it, built by the host from the run summary. */
export interface RunRow {
  id: string;
  status: RunRowStatus;
  specPath: string;
  /** ISO time. */
  startedAt: string;
  /** Milliseconds, null while running or when the end is unknown. */
  durationMs: number | null;
  backend: string;
  /** Resolved params flattened to dotted paths, e.g. `training.learningRate`. */
  params: Record<string, Scalar>;
  /** Final metrics. */
  metrics: Record<string, number>;
  /** Data file sha256 per data role (`train`, `current`, ...). */
  dataHashes: Record<string, string>;
  sweepId?: string;
  trial?: number;
  /** Gate verdict: true all passed, false one failed, null no gates. */
  gatesPassed: boolean | null;
  starred: boolean;
  error?: string;
  /**
   * The metric the run is judged by: its sweep's metric, else its first gate's metric as the gate reads
   * it (a bare `auc` gate reads `val_auc`). The table puts it first among the metrics.
   */
  keyMetric?: KeyMetric;
}

/** A metric with the direction that makes it better. */
export interface KeyMetric {
  name: string;
  goal: 'maximize' | 'minimize';
  /** Where it comes from; 'usual' when no run names one and the view took the first usual headline metric. */
  source: 'sweep' | 'gate' | 'usual';
}

/** One trial of a sweep record (`.mlops/sweeps/<id>/sweep.json`). */
export interface SweepTrial {
  number: number;
  runId: string | null;
  params: Record<string, Scalar>;
  status: 'running' | 'completed' | 'pruned' | 'failed' | 'cancelled';
  /** The sweep metric at each reported epoch (pruned trials stop early). */
  intermediate: Array<{ epoch: number; value: number }>;
  value: number | null;
}

/** A sweep record as `mlops sweeps show <id> --format json` prints it (extra fields allowed). */
export interface SweepRecord {
  id: string;
  spec?: string;
  strategy: string;
  seed?: number;
  metric: string;
  goal: 'minimize' | 'maximize';
  pruner?: { type: string; minEpochs?: number; reductionFactor?: number; metric?: string } | null;
  budget?: { trials?: number | null; maxEpochs?: number | null; minutes?: number | null } | null;
  status: string;
  /** Search space per param path, as written in the spec. */
  parameters: Record<string, unknown>;
  trials: SweepTrial[];
  best: { number: number; runId: string; value: number; params: Record<string, Scalar> } | null;
  startedAt?: string;
  endedAt?: string | null;
}

/** The metrics after one epoch, as in metrics.jsonl (non-numeric fields dropped). */
export interface EpochPoint {
  epoch: number;
  metrics: Record<string, number>;
}

/** Host -> Experiments webview. */
export type ExperimentsToView =
  /** The whole runs table (on ready, and after runs appear or change on disk). */
  | { type: 'runs'; runs: RunRow[]; workspaceName: string }
  /** One run changed (live status); inserted when unknown. */
  | { type: 'runUpdated'; run: RunRow }
  /** Per-epoch metrics of runs the view asked for with `selectRuns`. */
  | { type: 'epochs'; series: Array<{ runId: string; epochs: EpochPoint[] }> }
  /** One epoch of a run that is training now. */
  | { type: 'epoch'; runId: string; point: EpochPoint }
  /**
   * Select these runs and switch to compare mode (the "Compare Runs" command); `labels` (same order as
   * `runIds`) name the columns instead of the run ids, e.g. `v1`, `v2` when model versions are compared.
   */
  | { type: 'compare'; runIds: string[]; labels?: string[] }
  /** The sweep records of the workspace (for the sweep plots), sent with `runs`. */
  | { type: 'sweeps'; sweeps: SweepRecord[] };

/** Experiments webview -> host. */
export type ExperimentsFromView =
  | ReadyMessage
  /** The selection changed: the host answers with `epochs` for these runs. */
  | { type: 'selectRuns'; runIds: string[] }
  | { type: 'toggleStar'; runId: string }
  | { type: 'openRun'; runId: string }
  | { type: 'reproduceRun'; runId: string }
  | { type: 'registerRun'; runId: string }
  | { type: 'refresh' };

// ---------------------------------------------------------------------------------------------------
// Drift view

/** Histogram of one feature: shared numeric bin edges or the top categories, with counts on both sides. */
export interface DriftHistogram {
  type?: 'numeric' | 'categorical';
  /** Numeric: bin edges (edges.length = counts.length + 1). */
  edges?: number[];
  /** Categorical: the category of each count. */
  categories?: string[];
  reference: number[];
  current: number[];
  /** Categorical: counts of the categories not listed. */
  otherReference?: number;
  otherCurrent?: number;
}

/** A test's statistic with its p-value. */
export interface DriftTestStat {
  statistic: number;
  pValue: number;
  dof?: number;
  exact?: boolean;
}

/** Every statistic the engine computed for a feature, whichever one decided. */
export interface DriftStats {
  ks?: DriftTestStat;
  wasserstein?: number;
  wassersteinNormed?: number;
  psi?: number;
  jensenShannon?: number;
  chiSquare?: DriftTestStat;
  zTest?: DriftTestStat;
  unseenShare?: number;
}

/** One feature of `mlops drift --format json`. */
export interface DriftFeature {
  name: string;
  kind: string;
  /** The deciding test; null when the feature was skipped. */
  method: string | null;
  statistic: number | null;
  pValue: number | null;
  threshold: number | null;
  drifted: boolean;
  histogram: DriftHistogram | null;
  status?: 'compared' | 'skipped';
  stats?: DriftStats;
  /** Why a feature could not be compared, or what to know about it (constant column, all nulls, ...). */
  notes?: string[];
}

/** Exactly the JSON of `mlops drift --format json` (extra fields allowed). */
export interface DriftReport {
  reference: { path: string; rows: number; sampledRows?: number };
  current: { path: string; rows: number; sampledRows?: number };
  features: DriftFeature[];
  driftedShare: number;
  datasetDrift: boolean;
  /** The share of drifted features that means dataset drift. */
  driftShare?: number;
  columns?: { onlyInReference: string[]; onlyInCurrent: string[] };
  notes?: string[];
}

/** Host -> Drift webview. */
export type DriftToView =
  | { type: 'report'; report: DriftReport; specPath: string | null; generatedAt: string }
  | { type: 'busy'; message: string }
  | { type: 'error'; message: string };

/** Drift webview -> host. */
export type DriftFromView = ReadyMessage | { type: 'checkDrift' };

// ---------------------------------------------------------------------------------------------------
// Pipeline view

/** What the Pipeline view shows for a stage: its state in mlops.lock, or what the current run did. */
export type StageState = 'up-to-date' | 'stale' | 'running' | 'ran' | 'restored' | 'skipped' | 'failed' | 'cancelled' | 'not-run';

/** One stage of the DAG (from the engine's pipeline status). */
export interface PipelineStage {
  name: string;
  /** 1-based line of the stage in the spec. */
  line: number;
  /** `cmd` for a shell command, else the built-in step (`check`, `train`, `drift`, `register`). */
  kind: string;
  /** The stages it runs after. */
  after: string[];
  state: StageState;
  /** Why it is stale, or how the run ended for it. */
  reasons: string[];
}

/** Host -> Pipeline webview. */
export type PipelineToView =
  /** The whole DAG of a spec with each stage's state (on ready, after a save, after a run). */
  | { type: 'pipeline'; specPath: string; stages: PipelineStage[] }
  /** One stage's state changed while a run goes on. */
  | { type: 'stageState'; name: string; state: StageState; reasons: string[] }
  | { type: 'busy'; message: string }
  | { type: 'error'; message: string };

/** Pipeline webview -> host. */
export type PipelineFromView =
  | ReadyMessage
  /** Open the spec at this stage. */
  | { type: 'openStage'; name: string }
  /** Run the pipeline (with a stage: that stage and what it needs). */
  | { type: 'run'; stage?: string }
  | { type: 'refresh' };

// ---------------------------------------------------------------------------------------------------
// Serving view

/** One entry of a server's version timeline (loads, swaps after an alias moved, failed loads). */
export interface ServingEvent {
  at: string;
  role: 'primary' | 'shadow';
  alias: string | null;
  event: 'loaded' | 'swapped' | 'load-failed';
  version: number;
  from?: number;
  ms?: number;
  error?: string;
}

/** What `mlops serve` answers on GET /mlops/status (extra fields allowed). */
export interface ServingStatus {
  model: string;
  startedAt: string;
  primary: { alias: string | null; version: number | null };
  shadow: null | {
    alias: string | null; version: number | null; queued: number; dropped: number;
    agreement: Array<{ version: number; shadowVersion: number; rows: number; agreement: number | null; meanAbsDiff: number | null }>;
  };
  live: { requests: number; errors: number; perSecond: number; errorRate: number; p50Ms: number | null; p99Ms: number | null };
  timeline: ServingEvent[];
}

/** Host -> Serving webview. */
export type ServingToView =
  /** No server runs in this window (with why it stopped, when it did). */
  | { type: 'stopped'; message?: string }
  | { type: 'starting'; model: string; alias: string; shadow: string | null }
  /** The live numbers, polled from the server about once a second. */
  | { type: 'status'; url: string; status: ServingStatus }
  /** The answer to "Send Test Request": what was sent and what came back. */
  | { type: 'testResult'; summary: string; status: number; ms: number; body: unknown }
  | { type: 'error'; message: string };

/** Serving webview -> host. */
export type ServingFromView = ReadyMessage | { type: 'serve' } | { type: 'stop' } | { type: 'sendTestRequest' };

// ---------------------------------------------------------------------------------------------------

/** The views with a webview bundle (dist/webviews/<view>.js). */
export type ViewName = 'experiments' | 'drift' | 'pipeline' | 'serving';

/** What each view receives and sends, for the generic host. */
export interface ViewMessages {
  experiments: { toView: ExperimentsToView; fromView: ExperimentsFromView };
  drift: { toView: DriftToView; fromView: DriftFromView };
  pipeline: { toView: PipelineToView; fromView: PipelineFromView };
  serving: { toView: ServingToView; fromView: ServingFromView };
}

function hasType(value: unknown): value is { type: string } {
  return typeof value === 'object' && value !== null && typeof (value as { type?: unknown }).type === 'string';
}

const isStringArray = (v: unknown): v is string[] => Array.isArray(v) && v.every((s) => typeof s === 'string');

/** Type guard for what the Experiments webview may send; anything else is dropped by the host. */
export function isExperimentsFromView(m: unknown): m is ExperimentsFromView {
  if (!hasType(m)) return false;
  const r = m as Record<string, unknown>;
  switch (m.type) {
    case 'ready':
    case 'refresh':
      return true;
    case 'selectRuns':
      return isStringArray(r.runIds);
    case 'toggleStar':
    case 'openRun':
    case 'reproduceRun':
    case 'registerRun':
      return typeof r.runId === 'string';
    default:
      return false;
  }
}

/** Type guard for what the Drift webview may send. */
export function isDriftFromView(m: unknown): m is DriftFromView {
  return hasType(m) && (m.type === 'ready' || m.type === 'checkDrift');
}

const experimentsToViewTypes = new Set(['runs', 'runUpdated', 'epochs', 'epoch', 'compare', 'sweeps']);
const driftToViewTypes = new Set(['report', 'busy', 'error']);

/** Guard the Experiments webview applies to what arrives (any page script could post to it). */
export function isExperimentsToView(m: unknown): m is ExperimentsToView {
  return hasType(m) && experimentsToViewTypes.has(m.type);
}

/** Guard the Drift webview applies to what arrives. */
export function isDriftToView(m: unknown): m is DriftToView {
  return hasType(m) && driftToViewTypes.has(m.type);
}

/** Type guard for what the Pipeline webview may send. */
export function isPipelineFromView(m: unknown): m is PipelineFromView {
  if (!hasType(m)) return false;
  const r = m as Record<string, unknown>;
  switch (m.type) {
    case 'ready':
    case 'refresh':
      return true;
    case 'openStage':
      return typeof r.name === 'string';
    case 'run':
      return r.stage === undefined || typeof r.stage === 'string';
    default:
      return false;
  }
}

const pipelineToViewTypes = new Set(['pipeline', 'stageState', 'busy', 'error']);

/** Guard the Pipeline webview applies to what arrives. */
export function isPipelineToView(m: unknown): m is PipelineToView {
  return hasType(m) && pipelineToViewTypes.has(m.type);
}

/** Type guard for what the Serving webview may send. */
export function isServingFromView(m: unknown): m is ServingFromView {
  return hasType(m) && (m.type === 'ready' || m.type === 'serve' || m.type === 'stop' || m.type === 'sendTestRequest');
}

const servingToViewTypes = new Set(['stopped', 'starting', 'status', 'testResult', 'error']);

/** Guard the Serving webview applies to what arrives. */
export function isServingToView(m: unknown): m is ServingToView {
  return hasType(m) && servingToViewTypes.has(m.type);
}
