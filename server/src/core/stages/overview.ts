import { openPipeline } from './pipeline';
import { pipelineStatus } from './status';
import type { StageStatus } from './types';

/** One stage as the editor draws it: where it is written, what it runs, what it follows, and its state. */
export interface PipelineStageOverview extends StageStatus {
  /** 1-based line of the stage's key in the spec. */
  line: number;
  /** The built-in step, or undefined for a `cmd` stage. */
  uses?: string;
  cmd?: string;
  after: string[];
}

/** The stage DAG of a spec with each stage's state, for the Pipeline view and the stage CodeLenses. */
export interface PipelineOverview {
  specPath: string;
  stages: PipelineStageOverview[];
  upToDate: boolean;
}

/**
 * The DAG and `mlops status` of a spec in one answer (stages in dependency order). Throws the core's
 * errors (a spec that cannot run, an unreadable lock) with messages that name the file and line.
 */
export async function pipelineOverview(specPath: string, o: { saveHashes?: boolean } = {}): Promise<PipelineOverview> {
  const p = await openPipeline(specPath);
  const status = await pipelineStatus(p, [], o);
  const byName = new Map(status.stages.map((s) => [s.name, s]));
  return {
    specPath: p.specPath,
    upToDate: status.upToDate,
    stages: p.graph.stages.map((n) => ({
      ...byName.get(n.name)!, line: n.line, after: n.after,
      ...(n.uses ? { uses: n.uses } : {}), ...(n.cmd !== undefined ? { cmd: n.cmd } : {}),
    })),
  };
}
