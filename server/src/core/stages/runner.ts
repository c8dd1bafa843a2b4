import { executeStage, type ExecuteOptions } from './execute';
import { selectStages } from './graph';
import type { Pipeline } from './pipeline';
import type { PipelineRunResult, StageNode, StageRunResult } from './types';

/** What `mlops run` asks for. */
export interface RunRequest {
  targets: string[];
  force: boolean;
  dryRun: boolean;
  /** Stages run at once (at least 1). */
  jobs: number;
  signal: AbortSignal;
  log(stage: string, line: string): void;
  trialWorkerFile?: string;
  /** Called as each stage ends (the editor's Pipeline view follows along). */
  onStageEnd?(result: StageRunResult): void;
  /** Called when a stage's command or step starts (not for stages skipped or restored). */
  onStageStart?(stage: string): void;
}

/** A one-at-a-time queue: in-process training must not overlap (one TensorFlow.js backend per process). */
function serial(): ExecuteOptions['exclusive'] {
  let tail: Promise<unknown> = Promise.resolve();
  return <T>(work: () => Promise<T>) => {
    const next = tail.then(work, work);
    tail = next.catch(() => undefined);
    return next;
  };
}

const BLOCKS = new Set(['failed', 'cancelled', 'not-run']);

/**
 * Runs the selected stages (the targets and what they depend on; all when none) in dependency
 * order, up to `jobs` at a time. A stage whose upstream failed, was cancelled or did not run is
 * not run; independent branches carry on. Cancelling stops every running stage and starts no more.
 */
export async function runPipeline(p: Pipeline, r: RunRequest): Promise<PipelineRunResult> {
  const selected = selectStages(p.graph, r.targets);
  const inSelection = new Set(selected.map((s) => s.name));
  const results = new Map<string, StageRunResult>();
  const running = new Map<string, Promise<void>>();
  const pending = [...selected];
  const options: ExecuteOptions = { force: r.force, dryRun: r.dryRun, signal: r.signal, log: r.log, trialWorkerFile: r.trialWorkerFile, exclusive: serial(), onRun: r.onStageStart };
  const finish = (res: StageRunResult) => { results.set(res.name, res); r.onStageEnd?.(res); };

  const start = (node: StageNode) => {
    const t0 = performance.now();
    const task = executeStage(p, node, options)
      .catch((e: unknown) => ({ status: 'failed' as const, reason: `internal error: ${(e as Error).message}` }))
      .then((end) => { running.delete(node.name); finish({ name: node.name, ...end, durationMs: Math.round(performance.now() - t0) }); });
    running.set(node.name, task);
  };

  while (pending.length || running.size) {
    if (r.signal.aborted) {
      for (const n of pending.splice(0)) finish({ name: n.name, status: 'not-run', reason: 'cancelled before it started', durationMs: 0 });
    }
    let progressed = false;
    for (let i = 0; i < pending.length && running.size < Math.max(1, r.jobs); i++) {
      const node = pending[i]!;
      const parents = node.after.filter((a) => inSelection.has(a));
      if (!parents.every((a) => results.has(a))) continue;
      pending.splice(i--, 1);
      progressed = true;
      const blocked = parents.find((a) => BLOCKS.has(results.get(a)!.status));
      if (blocked) finish({ name: node.name, status: 'not-run', reason: `upstream stage ${blocked} ${results.get(blocked)!.status === 'failed' ? 'failed' : 'did not run'}`, durationMs: 0 });
      else start(node);
    }
    if (!progressed && running.size) await Promise.race(running.values());
    else if (!progressed && pending.length) throw new Error(`stages ${pending.map((n) => n.name).join(', ')} wait on stages that never ran`);
  }
  p.hashes.save();
  const stages = selected.map((s) => results.get(s.name)!);
  const fine = (s: StageRunResult) => s.status === 'ran' || s.status === 'skipped' || s.status === 'restored' || (r.dryRun && s.status === 'not-run' && s.reason.startsWith('would'));
  return { stages, ok: stages.every(fine) };
}
