import { mkdirSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { checkData } from '../../contract/check';
import { CheckCancelled, ContractError } from '../../contract/errors';
import { DataFileError } from '../../data/source';
import { writeFileAtomic } from '../../tracking/store';
import { checkTarget } from '../steps/check';
import { errorMessage, opt, StepCancelled, type StepRunner } from '../steps/step';

/** `uses: check`: `mlops check`'s engine on the stage's data and contract; fails when an error-level check fails. */
export const runCheck: StepRunner = async (r) => {
  const t = checkTarget(r.stage, r.ctx);
  try {
    const report = await checkData({ contractPath: resolve(r.dir, t.contract!), dataPath: resolve(r.dir, t.data!), schema: t.schema, signal: r.signal });
    const failed = report.checks.filter((c) => !c.passed && !c.skipped);
    for (const c of failed) r.log(`${c.severity === 'error' ? 'FAIL' : c.severity}  ${c.id}: ${c.message}`);
    const out = opt(r.stage, 'report');
    if (out) {
      const target = resolve(r.dir, out);
      mkdirSync(dirname(target), { recursive: true });
      writeFileAtomic(target, `${JSON.stringify({ ...report, contract: t.contract, data: t.data }, null, 2)}\n`);
    }
    const errors = failed.filter((c) => c.severity === 'error').length;
    const summary = `${t.data}: ${report.rows} rows, ${report.checks.length} checks, ${errors} failed`;
    r.log(summary);
    return { ok: report.passed, message: report.passed ? summary : `${t.data} does not meet ${t.contract}: ${errors} checks failed` };
  } catch (e) {
    if (e instanceof CheckCancelled || r.signal.aborted) throw new StepCancelled('cancelled');
    if (e instanceof ContractError || e instanceof DataFileError) return { ok: false, message: e.message };
    return { ok: false, message: errorMessage(e) };
  }
};
