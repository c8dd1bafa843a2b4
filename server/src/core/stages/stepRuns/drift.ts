import { mkdirSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { loadContract } from '../../contract/load';
import { selectSchemaObject } from '../../contract/model';
import type { DriftReport } from '../../drift/model';
import { renderDriftHtml } from '../../drift/report/html';
import { renderDriftText } from '../../drift/report/text';
import { computeDrift, DriftInputError } from '../../drift/run';
import { writeFileAtomic } from '../../tracking/store';
import { driftConfig, driftTarget } from '../steps/drift';
import { errorMessage, opt, StepCancelled, type StepRunner } from '../steps/step';

function render(report: DriftReport, out: string): string {
  if (out.endsWith('.json')) return `${JSON.stringify(report, null, 2)}\n`;
  return out.endsWith('.html') ? renderDriftHtml(report) : renderDriftText(report);
}

/** `uses: drift`: `mlops drift`'s engine; fails with `failOnDrift` on dataset drift, or when nothing compares. */
export const runDrift: StepRunner = async (r) => {
  const t = driftTarget(r.stage, r.ctx);
  try {
    const contract = t.contract ? loadContract(resolve(r.dir, t.contract)).model : undefined;
    const schema = contract ? selectSchemaObject(contract, r.ctx.spec.data?.train?.schema, resolve(r.dir, t.reference!)) : undefined;
    const sample = r.stage.with.sample;
    const report = await computeDrift({ reference: resolve(r.dir, t.reference!), current: resolve(r.dir, t.current!), display: { reference: t.reference!, current: t.current! },
      schema, config: driftConfig(r.stage, r.ctx), maxRows: typeof sample === 'number' ? sample : undefined, signal: r.signal });
    const out = opt(r.stage, 'out');
    if (out) {
      mkdirSync(dirname(resolve(r.dir, out)), { recursive: true });
      writeFileAtomic(resolve(r.dir, out), render(report, out));
    }
    const drifted = report.features.filter((f) => f.status === 'compared' && f.drifted).map((f) => f.name);
    const allNull = report.allNullCurrent.length > 0 ? `; every current value missing in ${report.allNullCurrent.slice(0, 5).join(', ')}` : '';
    const summary = `${drifted.length} of ${report.compared} features drifted${drifted.length ? ` (${drifted.slice(0, 5).join(', ')})` : ''}: ${report.datasetDrift ? 'dataset drift' : 'no dataset drift'}${allNull}`;
    r.log(summary);
    if (report.compared === 0) return { ok: false, message: 'no feature could be compared, so there is no verdict' };
    // As `mlops drift --fail-on-drift`: a column that stopped arriving fails too, though it is outside the share.
    return { ok: !(r.stage.with.failOnDrift === true && (report.datasetDrift || report.allNullCurrent.length > 0)), message: summary };
  } catch (e) {
    if (r.signal.aborted) throw new StepCancelled('cancelled');
    if (e instanceof DriftInputError) return { ok: false, message: e.message };
    return { ok: false, message: errorMessage(e) };
  }
};
