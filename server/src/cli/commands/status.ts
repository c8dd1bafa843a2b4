import { GraphError } from '../../core/stages/graph';
import { pipelineStatus } from '../../core/stages/status';
import type { PipelineStatus } from '../../core/stages/types';
import { formatOption, parseCommandArgs } from '../args';
import { EXIT_OK, UserError, type CliCommand } from '../io';
import { openSpecOption } from '../pipelineSpec';
import { about } from './about';

const { usage } = about.status;

function text(s: PipelineStatus): string {
  if (s.stages.length === 0) return 'the pipeline has no stages\n';
  const width = Math.max(...s.stages.map((x) => x.name.length));
  const lines = s.stages.map((x) => `${x.name.padEnd(width)}  ${x.status === 'up-to-date' ? 'up to date' : `stale: ${x.reasons.join(', ')}`}`);
  return `${lines.join('\n')}\n`;
}

export const statusCommand: CliCommand = {
  ...about.status,
  async run(args, io) {
    const { values, positionals } = parseCommandArgs('status', usage, args, { spec: { type: 'string' }, format: { type: 'string' } });
    const format = formatOption('status', values.format, ['text', 'json'] as const, 'text');
    const p = await openSpecOption('status', values.spec, io);
    let status: PipelineStatus;
    try {
      status = await pipelineStatus(p, positionals);
    } catch (e) {
      if (e instanceof GraphError) throw new UserError(`mlops status: ${e.message}`);
      throw e;
    }
    io.out(format === 'json' ? `${JSON.stringify(status, null, 2)}\n` : text(status));
    return EXIT_OK;
  },
};
