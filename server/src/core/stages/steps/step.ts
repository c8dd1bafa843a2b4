import { join, posix, sep } from 'node:path';
import type { PipelineSpec, Stage, StageStep } from '../../pipeline/spec';
import type { StageNode } from '../types';

/** What a step may read about the pipeline it belongs to. */
export interface StepContext {
  spec: PipelineSpec;
  /** The spec's file name as written in commands, relative to its folder (e.g. `mlops.yaml`). */
  specFile: string;
}

/** A missing or contradictory option: `key` names the `with:` key at fault, none for the stage itself. */
export interface StepProblem {
  key?: string;
  message: string;
}

/** Files and spec values a step reads and writes, and the stages it must follow, beyond those written. */
export interface StepIO {
  deps: string[];
  outs: string[];
  params: string[];
  after: string[];
}

/** Everything a step needs while it runs. Side effects stay inside `run`. */
export interface StepRun {
  stage: StageNode;
  ctx: StepContext;
  /** Absolute path of the spec and its folder (the stage's working folder). */
  specPath: string;
  dir: string;
  specText: string;
  signal: AbortSignal;
  /** One line of the stage's output (the runner prefixes it with the stage's name). */
  log(line: string): void;
  /** The run id a `uses: train` stage recorded (for `uses: register`). */
  runOf(stage: string): string | undefined;
  /** dist/workers/trainTrial.js, for sweeps (the CLI knows where the bundle is). */
  trialWorkerFile?: string;
}

/** How a step ended; `run` is the training run id a `uses: train` stage produced. */
export interface StepOutcome {
  ok: boolean;
  message: string;
  run?: string;
}

/** A built-in lifecycle step (`uses:`), running the same engine as the CLI command of that name. */
export interface StepDefinition {
  name: StageStep;
  /** The `with:` keys the step knows (the schema holds their types and docs). */
  options: readonly string[];
  implied(name: string, stage: Stage, ctx: StepContext): StepIO;
  problems(name: string, stage: Stage, ctx: StepContext): StepProblem[];
  /** The CLI command the stage is equivalent to; recorded in `mlops.lock`, so a changed option re-runs it. */
  command(name: string, stage: Stage, ctx: StepContext, runOf: (stage: string) => string | undefined): string;
}

/** Runs a step (stepRuns/): kept apart from its definition so reading specs never loads the engines. */
export type StepRunner = (r: StepRun) => Promise<StepOutcome>;

/** Thrown by a step when the user cancelled: the runner records the stage as cancelled, not failed. */
export class StepCancelled extends Error {}

/**
 * A path posix.normalize leaves as it is: no backslash, no empty, `.` or `..` part, no trailing slash.
 * Most paths in a spec are written so; checking costs far less than normalizing (Node's path functions
 * take tens of microseconds a call while a process starts, and `mlops status` handles hundreds of paths).
 */
const NORMAL = /^(?!\.\.?(?:\/|$))(?!.*\/\.\.?(?:\/|$))(?!.*\/\/)[^\\]*[^\\/]$/s;

/** A path as the lock and the graph keep it: relative to the spec's folder, forward slashes, no `./`. */
export function normalizePath(p: string): string {
  if (NORMAL.test(p)) return p;
  const n = posix.normalize(p.replace(/\\/g, '/'));
  return n.replace(/^\.\//, '').replace(/\/+$/, '') || '.';
}

/**
 * `join(dir, rel)` for an absolute, normalized `dir` (a spec's folder): the same string, without
 * normalizing again when `rel` is already a normal relative path (see NORMAL).
 */
export function inFolder(dir: string, rel: string): string {
  return sep === '/' && NORMAL.test(rel) && rel[0] !== '/' && !dir.endsWith('/') ? `${dir}/${rel}` : join(dir, rel);
}

/** A string option of `with:` (undefined when absent or not a string). */
export function opt(stage: Stage, key: string): string | undefined {
  const v = stage.with?.[key];
  return typeof v === 'string' && v !== '' ? v : undefined;
}

/** A shell word: quoted only when it needs to be, so recorded commands stay readable. */
export function shellWord(s: string): string {
  return /^[\w@%+=:,./-]+$/.test(s) ? s : `'${s.replace(/'/g, `'\\''`)}'`;
}

/** `mlops <words>` with each word quoted as needed. */
export function cliCommand(words: Array<string | undefined | false>): string {
  return ['mlops', ...words.filter((w): w is string => typeof w === 'string').map(shellWord)].join(' ');
}

/** `--flag value` when the value is set. */
export function flag(name: string, value: unknown): string[] {
  return value === undefined || value === null || value === false ? [] : value === true ? [name] : [name, String(value)];
}

/** The message of an unknown error, for a stage's one-line reason. */
export function errorMessage(e: unknown): string {
  return e instanceof Error ? e.message : String(e);
}
