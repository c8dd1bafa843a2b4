import { resolve } from 'node:path';
import { runSingleStage } from '../../core/stages/single';
import { parseCommandArgs } from '../args';
import { cancelSignal } from '../cancel';
import { EXIT_FAILED, EXIT_OK, UserError, type CliCommand } from '../io';
import { openSpecOption } from '../pipelineSpec';
import { trialWorkerFile } from './sweep';
import { about } from './about';

const { usage } = about.stage;

function trialOption(value: unknown): number | undefined {
  if (value === undefined) return undefined;
  const n = Number(value);
  if (!Number.isInteger(n) || n < 1) throw new UserError(`mlops stage: --trial must be a whole number >= 1 (got "${String(value)}")`);
  return n;
}

/** `mlops stage`: one stage, once, without the lock or the run cache: what each pod of `mlops export argo` runs. */
export const stageCommand: CliCommand = {
  ...about.stage,
  async run(args, io) {
    const { values, positionals } = parseCommandArgs('stage', usage, args, {
      spec: { type: 'string' }, run: { type: 'string' }, trial: { type: 'string' }, 'pick-best': { type: 'boolean' },
      'sweep-id': { type: 'string' }, 'run-id-file': { type: 'string' },
    });
    if (positionals.length !== 1) throw new UserError(`mlops stage: name one stage\nusage: ${usage}`);
    const trial = trialOption(values.trial);
    const sweepId = typeof values['sweep-id'] === 'string' ? values['sweep-id'] : undefined;
    if ((trial !== undefined || values['pick-best']) !== (sweepId !== undefined) || (trial !== undefined && values['pick-best'])) {
      throw new UserError(`mlops stage: --sweep-id goes with either --trial N or --pick-best\nusage: ${usage}`);
    }
    const p = await openSpecOption('stage', values.spec, io);
    let workerFile: string | undefined;
    try { workerFile = trialWorkerFile(); } catch { workerFile = undefined; }
    const cancel = cancelSignal(io);
    try {
      const end = await runSingleStage(p, {
        stage: positionals[0]!, signal: cancel.signal, log: (line) => io.out(`[${positionals[0]}] ${line}\n`), trialWorkerFile: workerFile,
        run: typeof values.run === 'string' ? values.run : undefined,
        sweep: sweepId ? { sweepId, trial, pickBest: values['pick-best'] === true } : undefined,
        runIdFile: typeof values['run-id-file'] === 'string' ? resolve(io.cwd, values['run-id-file']) : undefined,
      });
      if (end.cancelled) { io.err(`mlops stage: ${positionals[0]} cancelled\n`); return 130; }
      (end.ok ? io.out : io.err)(`[${positionals[0]}] ${end.ok ? 'done' : 'FAILED'}: ${end.message}\n`);
      return end.ok ? EXIT_OK : EXIT_FAILED;
    } finally {
      cancel.dispose();
    }
  },
};
