import type { Resources, StageStep } from '../pipeline/spec';

/**
 * One stage of the pipeline as the runner sees it: what it runs, and every file and spec value it
 * reads or writes, including those a built-in step (`uses:`) implies. Paths are relative to the
 * spec's folder, with forward slashes.
 */
export interface StageNode {
  name: string;
  /** 1-based line of the stage's key in the spec (for messages); 0 when unknown. */
  line: number;
  cmd?: string;
  uses?: StageStep;
  with: Record<string, unknown>;
  deps: string[];
  outs: string[];
  /** Spec paths whose values the stage reads (`params:` plus what the step reads). */
  params: string[];
  /** Stages this one runs after (`needs`, a step's implied order, and producers of its deps). */
  after: string[];
  retries: number;
  resources?: Resources;
}

/** The stages in an order where every stage comes after those it depends on. */
export interface StageGraph {
  stages: StageNode[];
  byName: Map<string, StageNode>;
  /** Direct dependents of each stage. */
  children: Map<string, string[]>;
}

/** A file or folder as recorded in the lock: its path and content hash (folders end in `.dir`). */
export interface HashedPath {
  path: string;
  hash: string;
  size: number;
}

/** What `mlops.lock` keeps for a stage that succeeded. */
export interface LockEntry {
  /** The shell command, or the CLI command a built-in step is equivalent to. */
  cmd: string;
  deps: HashedPath[];
  params: Record<string, unknown>;
  outs: HashedPath[];
  /** Run id of a `uses: train` stage (what a `uses: register` stage registers). */
  run?: string;
}

export type RunStatus = 'ran' | 'skipped' | 'restored' | 'failed' | 'cancelled' | 'not-run';

/** One stage's line in `mlops run --format json` (exactly these fields: a contract). */
export interface StageRunResult {
  name: string;
  status: RunStatus;
  reason: string;
  durationMs: number;
}

/** `mlops run --format json` (exactly these fields: a contract). */
export interface PipelineRunResult {
  stages: StageRunResult[];
  ok: boolean;
}

/** One stage in `mlops status --format json`. */
export interface StageStatus {
  name: string;
  status: 'up-to-date' | 'stale';
  /** Why it is stale, e.g. "data/train.csv changed", "never run", "out model/ missing". */
  reasons: string[];
}

/** `mlops status --format json`. */
export interface PipelineStatus {
  stages: StageStatus[];
  upToDate: boolean;
}

/** What `mlops run --events` prints, one JSON object a line (the editor's Pipeline view follows it). */
export type PipelineRunEvent =
  | { type: 'stageStarted'; name: string }
  | { type: 'log'; stage: string; line: string }
  | ({ type: 'stageEnded' } & StageRunResult)
  | ({ type: 'result' } & PipelineRunResult);
