import { selectStages } from './graph';
import type { Pipeline } from './pipeline';
import { readInputs, staleReasons } from './state';
import type { PipelineStatus, StageStatus } from './types';

/**
 * Whether each selected stage is up to date with `mlops.lock`, and if not, why: its own reasons (a
 * dep, out, param or the command changed; never run; an out missing), else a stale stage upstream.
 * Unchanged files are not read: their hashes come from the stat cache, which is written back unless
 * `o.saveHashes` is false (a read-only caller; the hashes are then recomputed next time).
 */
export async function pipelineStatus(p: Pipeline, targets: string[] = [], o: { saveHashes?: boolean } = {}): Promise<PipelineStatus> {
  const stale = new Set<string>();
  const stages: StageStatus[] = [];
  for (const node of selectStages(p.graph, targets)) {
    let reasons = await staleReasons(node, await readInputs(node, p), p);
    if (reasons.length === 0) {
      const upstream = node.after.filter((a) => stale.has(a));
      if (upstream.length) reasons = upstream.map((a) => `upstream stage ${a} is stale`);
    }
    if (reasons.length) stale.add(node.name);
    stages.push({ name: node.name, status: reasons.length ? 'stale' : 'up-to-date', reasons });
  }
  if (o.saveHashes !== false) p.hashes.save();
  return { stages, upToDate: stale.size === 0 };
}
