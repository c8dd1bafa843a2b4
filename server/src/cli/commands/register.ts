import { parseCommandArgs, formatOption, workspaceOption } from '../args';
import { EXIT_FAILED, EXIT_OK, EXIT_USAGE, UserError, type CliCommand } from '../io';
import { RegistryError } from '../../core/registry/errors';
import { GitUnavailableError } from '../../core/registry/git';
import { registerRun } from '../../core/registry/register';
import { formatRegister } from '../../core/registry/format';
import { about } from './about';

const { usage } = about.register;

/**
 * Runs a registry operation, turning its refusals into UserErrors: bad input or a repository state we
 * must not touch exits 2; failed gates, a lost race or a half-finished commit exit 1.
 */
export async function runRegistry<T>(command: string, work: () => Promise<T>): Promise<T> {
  try {
    return await work();
  } catch (e) {
    if (e instanceof RegistryError) throw new UserError(`mlops ${command}: ${e.message}`, e.kind === 'refused' ? EXIT_USAGE : EXIT_FAILED);
    if (e instanceof GitUnavailableError) throw new UserError(`mlops ${command}: ${e.message}`, EXIT_USAGE);
    throw e;
  }
}

/** `mlops register`: a completed run becomes the next version of a model, committed and tagged in git. */
export const registerCommand: CliCommand = {
  ...about.register,
  async run(args, io) {
    const { values, positionals } = parseCommandArgs('register', usage, args, {
      model: { type: 'string' }, message: { type: 'string', short: 'm' }, force: { type: 'string' }, init: { type: 'boolean' },
      'lfs-threshold-mb': { type: 'string' }, workspace: { type: 'string' }, format: { type: 'string' },
    });
    const format = formatOption('register', values.format, ['text', 'json'] as const, 'text');
    if (positionals.length !== 1) throw new UserError(`mlops register: expected one run id\nusage: ${usage}`);
    const threshold = values['lfs-threshold-mb'];
    const lfsThresholdMB = typeof threshold === 'string' ? Number(threshold) : undefined;
    if (lfsThresholdMB !== undefined && !(lfsThresholdMB > 0)) throw new UserError(`mlops register: --lfs-threshold-mb must be a number above 0 (got "${String(threshold)}")`);
    const result = await runRegistry('register', () => registerRun({
      workspace: workspaceOption(io, values.workspace), runId: positionals[0]!, env: io.env, init: values.init === true,
      ...(typeof values.model === 'string' ? { model: values.model } : {}),
      ...(typeof values.message === 'string' ? { message: values.message } : {}),
      ...(typeof values.force === 'string' ? { force: values.force } : {}),
      ...(lfsThresholdMB !== undefined ? { lfsThresholdMB } : {}),
    }));
    if (format === 'json') io.out(`${JSON.stringify(result, null, 2)}\n`);
    else {
      io.out(formatRegister(result));
      for (const w of result.warnings) io.err(`warning: ${w}\n`);
    }
    return EXIT_OK;
  },
};
