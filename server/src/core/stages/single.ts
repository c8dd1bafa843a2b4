import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import type { Pipeline } from './pipeline';
import { runCommand } from './process';
import { stepRunners } from './stepRuns';
import { runSweepPart, type SweepPart } from './stepRuns/train';
import { StepCancelled, type StepOutcome, type StepRun } from './steps/step';

/** How one stage runs alone (`mlops stage`): in a pod of an exported workflow, or in CI. */
export interface SingleStageRequest {
  stage: string;
  signal: AbortSignal;
  log(line: string): void;
  /** The run a `uses: register` stage registers (a pod cannot read it from the local lock). */
  run?: string;
  /** One part of a sweep spread over pods. */
  sweep?: SweepPart;
  /** Where to write the run id a train stage produced (an Argo output parameter). */
  runIdFile?: string;
  trialWorkerFile?: string;
}

/** How `mlops stage` ended: 'cancelled' maps to exit 130. */
export type SingleStageEnd = StepOutcome & { cancelled?: boolean };

/**
 * Runs one stage exactly once, the way `mlops run` would but without the lock, the run cache or
 * the upstream stages: what each pod of an exported workflow runs, so a stage behaves the same on
 * the cluster as on this machine. The train stage's run id goes to `runIdFile` for the tasks after it.
 */
export async function runSingleStage(p: Pipeline, r: SingleStageRequest): Promise<SingleStageEnd> {
  const node = p.graph.byName.get(r.stage);
  if (!node) return { ok: false, message: `no stage named "${r.stage}" (stages: ${p.graph.stages.map((s) => s.name).join(', ') || 'none'})` };
  let outcome: StepOutcome;
  try {
    if (node.cmd !== undefined) {
      const exit = await runCommand(node.cmd, p.dir, r.log, r.signal);
      if (r.signal.aborted) throw new StepCancelled('cancelled');
      outcome = exit.code === 0 ? { ok: true, message: 'exit code 0' } : { ok: false, message: exit.signal ? `killed by ${exit.signal}` : `exit code ${exit.code}` };
    } else {
      const step: StepRun = { stage: node, ctx: { spec: p.spec, specFile: p.specFile }, specPath: p.specPath, dir: p.dir, specText: p.specText,
        signal: r.signal, log: r.log, runOf: (s) => r.run ?? p.lock.get(s)?.run, trialWorkerFile: r.trialWorkerFile };
      outcome = r.sweep && node.uses === 'train' ? await runSweepPart(step, r.sweep) : await stepRunners[node.uses!](step);
    }
  } catch (e) {
    if (e instanceof StepCancelled) return { ok: false, message: 'cancelled', cancelled: true };
    throw e;
  }
  if (outcome.ok && r.runIdFile && outcome.run) {
    mkdirSync(dirname(r.runIdFile), { recursive: true });
    writeFileSync(r.runIdFile, outcome.run);
  }
  return outcome;
}
