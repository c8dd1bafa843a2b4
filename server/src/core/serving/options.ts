/**
 * Everything `mlops serve` runs with: flags over the spec's `serving:` block over defaults.
 */
import { join } from 'node:path';
import type { ServingSpec } from '../pipeline/spec';
import type { BatchOptions } from './batcher';

export interface ServeOptions {
  workspace: string;
  model: string;
  /** Alias the primary follows (default production); a pinned version instead when `version` is set. */
  alias: string;
  version?: number;
  shadow?: string;
  host: string;
  /** 0 picks a free port. */
  port: number;
  batch: BatchOptions;
  maxBodyBytes: number;
  log: { dir: string; sample: number; maxFileBytes: number; keepFiles: number };
  /** Shadow requests waiting at most; beyond, new ones are dropped (and counted). */
  shadowQueue: number;
  /** How often the aliases are checked, ms. */
  pollMs: number;
  env?: NodeJS.ProcessEnv;
}

export const SERVING_DEFAULTS = {
  alias: 'production', host: '127.0.0.1', port: 8080, maxBatch: 256, batchWindowMs: 0, maxBodyMB: 16,
  shadowQueue: 1000, pollMs: 500, logSample: 1, maxFileMB: 64, keepFiles: 20,
} as const;

/** Folder of a model's prediction log inside a workspace: .mlops/serving/<model>. */
export function defaultLogDir(workspace: string, model: string): string {
  return join(workspace, '.mlops', 'serving', model);
}

/** Options from the spec block and defaults; `flags` (already parsed and checked) win. */
export function resolveServeOptions(workspace: string, model: string, spec: ServingSpec | undefined, flags: Partial<Omit<ServeOptions, 'batch' | 'log'>> & { logDir?: string; logSample?: number }): ServeOptions {
  const s = spec ?? {};
  const d = SERVING_DEFAULTS;
  return {
    workspace, model,
    alias: flags.alias ?? s.alias ?? d.alias,
    ...(flags.version !== undefined ? { version: flags.version } : {}),
    ...((flags.shadow ?? s.shadow) ? { shadow: flags.shadow ?? s.shadow } : {}),
    host: flags.host ?? s.host ?? d.host,
    port: flags.port ?? s.port ?? d.port,
    batch: { maxBatch: s.maxBatch ?? d.maxBatch, windowMs: s.batchWindowMs ?? d.batchWindowMs },
    maxBodyBytes: Math.round((s.maxBodyMB ?? d.maxBodyMB) * 1024 * 1024),
    log: {
      dir: flags.logDir ?? (s.log?.dir ? join(workspace, s.log.dir, model) : defaultLogDir(workspace, model)),
      sample: flags.logSample ?? s.log?.sample ?? d.logSample,
      maxFileBytes: Math.round((s.log?.maxFileMB ?? d.maxFileMB) * 1024 * 1024),
      keepFiles: s.log?.keepFiles ?? d.keepFiles,
    },
    shadowQueue: s.shadowQueue ?? d.shadowQueue,
    pollMs: flags.pollMs ?? s.pollMs ?? d.pollMs,
    ...(flags.env ? { env: flags.env } : {}),
  };
}
