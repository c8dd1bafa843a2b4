import { RegistryError } from '../../registry/errors';
import { GitUnavailableError } from '../../registry/git';
import { registerRun } from '../../registry/register';
import { registeredStage } from '../steps/register';
import { errorMessage, opt, type StepRunner } from '../steps/step';

/** `uses: register`: `mlops register`'s engine on the run the train stage recorded in the lock. */
export const runRegister: StepRunner = async (r) => {
  const from = registeredStage(r.stage, r.ctx);
  const runId = from ? r.runOf(from) : undefined;
  if (!runId) return { ok: false, message: `no completed run of stage "${from ?? '?'}" is recorded in mlops.lock; run it first` };
  const threshold = r.stage.with.lfsThresholdMB;
  try {
    const result = await registerRun({
      workspace: r.dir, runId, env: process.env,
      model: opt(r.stage, 'model') ?? r.ctx.spec.registry?.model, message: opt(r.stage, 'message'), force: opt(r.stage, 'force'),
      lfsThresholdMB: typeof threshold === 'number' ? threshold : r.ctx.spec.registry?.lfsThresholdMB,
    });
    for (const warning of result.warnings) r.log(`warning: ${warning}`);
    const message = `registered ${result.model} v${result.version} (${result.tag}) from run ${runId}`;
    r.log(message);
    return { ok: true, message, run: runId };
  } catch (e) {
    if (e instanceof RegistryError || e instanceof GitUnavailableError) return { ok: false, message: e.message };
    return { ok: false, message: errorMessage(e) };
  }
};
