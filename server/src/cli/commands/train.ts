import { cancelSignal } from '../cancel';
import { formatOption, parseCommandArgs } from '../args';
import { UserError, type CliCommand } from '../io';
import { SpecError } from '../../core/training/errors';
import { runTraining, type TrainResult } from '../../core/training/run';
import { StoreError } from '../../core/tracking/store';
import { contractChecker, exitCode, loadSpecWithOverrides, overrideArgs, progressPrinter, runWorkspace, summary, trainingOptions } from '../training';
import { about } from './about';

const { usage } = about.train;

/** `mlops train`: one run of the spec, recorded under .mlops/runs/<id>/. */
export const trainCommand: CliCommand = {
  ...about.train,
  async run(args, io) {
    const { values, positionals } = parseCommandArgs('train', usage, args, { format: { type: 'string' }, events: { type: 'boolean' }, ...trainingOptions });
    const format = formatOption('train', values.format, ['text', 'json'] as const, 'text');
    const { specPath, spec, hash } = loadSpecWithOverrides(io, 'train', positionals[0], overrideArgs('train', values));
    const mode = values.events ? 'events' : format;
    const wanted = spec.evaluation?.metrics ?? [];
    const cancel = cancelSignal(io);
    let result: TrainResult;
    try {
      result = await runTraining({
        workspace: runWorkspace(io, specPath, values.workspace), specPath, specHash: hash, spec, signal: cancel.signal, onEvent: progressPrinter(io, mode, wanted),
        allowContractViolations: Boolean(values['allow-contract-violations']), checkContract: contractChecker,
      });
    } catch (e) {
      if (e instanceof SpecError) throw new UserError(`${specPath}: ${e.message}`);
      if (e instanceof StoreError) throw new UserError(`mlops train: ${e.message}`);
      throw e;
    } finally {
      cancel.dispose();
    }
    if (mode === 'text' && io.isTTY) io.out('\n');
    if (mode === 'events') io.out(`${JSON.stringify({ type: 'result', ...result })}\n`);
    else if (mode === 'json') io.out(`${JSON.stringify(result, null, 2)}\n`);
    else (result.status === 'completed' ? io.out : io.err)(summary(result, wanted));
    return exitCode(result);
  },
};
