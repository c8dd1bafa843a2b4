/**
 * Plain data of the registry: model cards (card.json), alias moves (aliases.jsonl) and listings.
 * Fields are only ever added, never renamed: card.json files live in users' git history.
 */
import type { FairnessReport } from '../evaluation/fairness';
import type { DataFileRecord, GateResult, PredictionDistribution } from '../tracking/types';

/** One file of a version folder, relative to that folder. */
export interface CardFile {
  path: string;
  bytes: number;
  sha256: string;
  /** Stored with git LFS (a pointer in git, the content in LFS storage). */
  lfs: boolean;
}

/** card.json: everything needed to judge, reproduce and trace one model version. */
export interface ModelCard {
  schema: 'mlops/model-card/v1';
  name: string;
  version: number;
  tag: string;
  createdAt: string;
  /** "Name <email>" of the committer. */
  createdBy: string;
  message: string | null;
  run: { id: string; specPath: string | null; specHash: string | null; status: string; startedAt: string | null; endedAt: string | null; seed: number | null };
  lineage: { runId: string; sweepId: string | null; trial: number | null; sourceCommit: string | null; sourceDirty: boolean | null };
  backend: string | null;
  /** Final metrics of the run; a value that was not a finite number is null. */
  metrics: Record<string, number | null>;
  gates: GateResult[];
  gatesPassed: boolean;
  /** Set when the version was registered although gates failed (--force "reason"). */
  forced: { reason: string; failedGates: string[] } | null;
  params: Record<string, unknown>;
  data: Record<string, DataFileRecord>;
  contract: { path: string; id: string | null; version: string | null } | null;
  files: CardFile[];
  /** The run's validation predictions as a distribution (monitoring compares served ones with it); absent on older cards. */
  validationPredictions?: PredictionDistribution | null;
  /** Fairness on the run's validation rows (run.json's `fairness`); null when the spec asked for none, absent on older cards. */
  fairness?: FairnessReport | null;
}

/** One line of aliases.jsonl: who moved which alias to which version, when and why. */
export interface AliasEvent {
  alias: string;
  version: number;
  /** Version that held the alias before, null when it was new. */
  from: number | null;
  by: string;
  at: string;
  reason: string | null;
}

/** One version as listed by `mlops models`. */
export interface VersionSummary {
  version: number;
  tag: string;
  /** Folder relative to the workspace, e.g. models/churn/v3 (card.md and card.json are inside). */
  path: string;
  runId: string | null;
  createdAt: string | null;
  metrics: Record<string, number | null>;
  gatesPassed: boolean | null;
  forced: boolean;
  aliases: string[];
  /** The metrics the version's gates read (a gate on `auc` reads `val_auc` when there is one), in gate order. */
  gateMetrics?: string[];
}

/** One model as listed by `mlops models --format json`. */
export interface ModelSummary {
  name: string;
  /** Folder relative to the workspace. */
  path: string;
  latest: number | null;
  versions: VersionSummary[];
  /** Alias -> version currently holding it. */
  aliases: Record<string, number>;
}
