import { parseCommandArgs, formatOption, workspaceOption } from '../args';
import { EXIT_OK, UserError, type CliCommand } from '../io';
import { promoteVersion } from '../../core/registry/promote';
import { formatPromote } from '../../core/registry/format';
import { runRegistry } from './register';
import { about } from './about';

const { usage } = about.promote;

/** `mlops promote`: moves an alias (production, staging, ...) to a registered version, committed and tagged. */
export const promoteCommand: CliCommand = {
  ...about.promote,
  async run(args, io) {
    const { values, positionals } = parseCommandArgs('promote', usage, args, {
      reason: { type: 'string' }, workspace: { type: 'string' }, format: { type: 'string' },
    });
    const format = formatOption('promote', values.format, ['text', 'json'] as const, 'text');
    if (positionals.length !== 3) throw new UserError(`mlops promote: expected <name> <version> <alias>\nusage: ${usage}`);
    const [model, version, alias] = positionals as [string, string, string];
    const result = await runRegistry('promote', () => promoteVersion({
      workspace: workspaceOption(io, values.workspace), model, version, alias, env: io.env,
      ...(typeof values.reason === 'string' ? { reason: values.reason } : {}),
    }));
    if (format === 'json') io.out(`${JSON.stringify(result, null, 2)}\n`);
    else {
      io.out(formatPromote(result));
      for (const w of result.warnings) io.err(`warning: ${w}\n`);
    }
    return EXIT_OK;
  },
};
