import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { formatOption, parseCommandArgs } from '../args';
import { EXIT_FAILED, UserError, type CliCommand } from '../io';
import { SpecError } from '../../core/training/errors';
import { runTraining, type TrainResult } from '../../core/training/run';
import { hashFile } from '../../core/tracking/provenance';
import type { RunRecord } from '../../core/tracking/types';
import type { PipelineSpec } from '../../core/pipeline/spec';
import { findRun } from './runs';
import { workspaceOption } from '../args';
import { cancelSignal } from '../cancel';
import { contractChecker, exitCode, progressPrinter, summary } from '../training';
import { about } from './about';

const { usage } = about.reproduce;

/** Data files whose content is not what the run recorded (missing, or a different sha256). */
async function changedData(workspace: string, r: RunRecord): Promise<string[]> {
  const problems: string[] = [];
  for (const [role, f] of Object.entries(r.data)) {
    const path = join(workspace, f.path);
    if (!existsSync(path)) { problems.push(`${role} data ${f.path} is missing`); continue; }
    const now = await hashFile(path);
    if (now !== f.sha256) problems.push(`${role} data ${f.path} changed: recorded sha256 ${f.sha256.slice(0, 12)}, now ${now.slice(0, 12)}`);
  }
  return problems;
}

/** The spec the run trained with, rebuilt from its recorded params, pinned to its backend. */
function recordedSpec(r: RunRecord): PipelineSpec {
  const p = r.params as Pick<PipelineSpec, 'data' | 'features' | 'model' | 'training' | 'evaluation'>;
  return { apiVersion: 'mlops/v1', kind: 'Pipeline', metadata: { name: `reproduce-${r.id}` }, ...p, training: { ...p.training, backend: r.backend as 'wasm' } };
}

function metricDifferences(a: Record<string, number>, b: Record<string, number>): string[] {
  const keys = [...new Set([...Object.keys(a), ...Object.keys(b)])].sort();
  return keys.filter((k) => a[k] !== b[k]).map((k) => `${k}: ${a[k] ?? '(none)'} -> ${b[k] ?? '(none)'}`);
}

export const reproduceCommand: CliCommand = {
  ...about.reproduce,
  async run(args, io) {
    const { values, positionals } = parseCommandArgs('reproduce', usage, args, {
      workspace: { type: 'string' }, format: { type: 'string' }, events: { type: 'boolean' }, 'allow-contract-violations': { type: 'boolean' },
    });
    const format = formatOption('reproduce', values.format, ['text', 'json'] as const, 'text');
    const mode = values.events ? 'events' : format;
    const workspace = workspaceOption(io, values.workspace);
    const original = findRun(workspace, positionals[0], 'reproduce');
    const problems = await changedData(workspace, original);
    if (problems.length > 0) {
      throw new UserError(`mlops reproduce: cannot reproduce ${original.id}: ${problems.join('; ')}. Restore the recorded data (e.g. git checkout ${original.git?.commit?.slice(0, 12) ?? '<commit>'} -- <file>) and try again`, EXIT_FAILED);
    }
    const spec = recordedSpec(original);
    const cancel = cancelSignal(io);
    let result: TrainResult;
    try {
      result = await runTraining({
        workspace, specPath: resolve(workspace, original.specPath), specHash: original.specHash, spec, signal: cancel.signal, reproducedFrom: original.id,
        onEvent: progressPrinter(io, mode, spec.evaluation?.metrics ?? []), checkContract: contractChecker, allowContractViolations: Boolean(values['allow-contract-violations']),
      });
    } catch (e) {
      if (e instanceof SpecError) throw new UserError(`mlops reproduce: the recorded params of ${original.id} are not valid: ${e.message}`);
      throw e;
    } finally {
      cancel.dispose();
    }
    const differences = result.status === 'completed' ? metricDifferences(original.metrics, result.metrics) : [];
    const reproduced = result.status === 'completed' && differences.length === 0;
    if (mode === 'events') io.out(`${JSON.stringify({ type: 'result', ...result, reproducedFrom: original.id, reproduced, differences })}\n`);
    else if (mode === 'json') io.out(`${JSON.stringify({ ...result, reproducedFrom: original.id, reproduced, differences }, null, 2)}\n`);
    else {
      if (io.isTTY) io.out('\n');
      io.out(summary(result, spec.evaluation?.metrics ?? []));
      if (result.status === 'completed') io.out(reproduced ? `metrics identical to ${original.id}\n` : `metrics differ from ${original.id}:\n  ${differences.join('\n  ')}\n`);
    }
    const code = exitCode(result);
    return code === 0 && !reproduced ? EXIT_FAILED : code;
  },
};
