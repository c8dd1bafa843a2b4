import { formatOption, parseCommandArgs, workspaceOption } from '../args';
import { EXIT_OK, UserError, type CliCommand } from '../io';
import { listSweeps, readSweepRecord, SweepRecordError, type SweepRecord } from '../../core/sweep/record';
import { about } from './about';

const { usage } = about.sweeps;

const num = (v: number | null | undefined) => (typeof v === 'number' && Number.isFinite(v) ? v.toFixed(4) : '-');

function count(r: SweepRecord, status: string): number {
  return r.trials.filter((t) => t.status === status).length;
}

function listText(sweeps: SweepRecord[]): string {
  if (sweeps.length === 0) return 'no sweeps yet (run mlops sweep <spec>)\n';
  const rows = sweeps.map((r) => [r.id, r.strategy, r.status, `${r.trials.length}`, `${count(r, 'pruned')}`, `${r.metric} ${r.goal === 'maximize' ? 'max' : 'min'}`, num(r.best?.value), r.startedAt]);
  const head = ['SWEEP', 'STRATEGY', 'STATUS', 'TRIALS', 'PRUNED', 'METRIC', 'BEST', 'STARTED'];
  const widths = head.map((h, i) => Math.max(h.length, ...rows.map((row) => row[i]!.length)));
  return `${[head, ...rows].map((row) => row.map((c, i) => c.padEnd(widths[i]!)).join('  ').trimEnd()).join('\n')}\n`;
}

function showText(r: SweepRecord): string {
  const pruner = r.pruner ? `asha (minEpochs ${r.pruner.minEpochs}, reductionFactor ${r.pruner.reductionFactor}, ${r.pruner.metric})` : 'none';
  const lines = [
    `sweep ${r.id}  ${r.status}`, `  spec      ${r.spec}`, `  strategy  ${r.strategy}, seed ${r.seed}`, `  metric    ${r.metric} (${r.goal})`, `  pruner    ${pruner}`,
    `  started   ${r.startedAt}${r.endedAt ? `, ended ${r.endedAt}` : ''}${r.resumedAt?.length ? `, resumed ${r.resumedAt.length}x` : ''}`,
  ];
  for (const t of r.trials) {
    const last = t.intermediate[t.intermediate.length - 1];
    const params = Object.entries(t.params).map(([k, v]) => `${k}=${typeof v === 'number' && !Number.isInteger(v) ? v.toPrecision(3) : JSON.stringify(v)}`).join(' ');
    const where = t.status === 'pruned' && last ? ` at epoch ${last.epoch}` : '';
    lines.push(`  trial ${String(t.number).padStart(3)}  ${t.status.padEnd(9)}${where.padEnd(12)} ${num(t.value ?? last?.value)}  ${params}${r.best?.number === t.number ? '  <- best' : ''}`);
  }
  if (r.best) lines.push(`best: trial ${r.best.number}, run ${r.best.runId}, ${r.metric} ${num(r.best.value)}`);
  return `${lines.join('\n')}\n`;
}

export const sweepsCommand: CliCommand = {
  ...about.sweeps,
  async run(args, io) {
    const { values, positionals } = parseCommandArgs('sweeps', usage, args, { workspace: { type: 'string' }, format: { type: 'string' } });
    const format = formatOption('sweeps', values.format, ['text', 'json'] as const, 'text');
    const workspace = workspaceOption(io, values.workspace);
    const [sub = 'list', ...rest] = positionals;
    const print = (json: unknown, text: string) => io.out(format === 'json' ? `${JSON.stringify(json, null, 2)}\n` : text);
    if (sub === 'list') {
      const sweeps = listSweeps(workspace);
      print(sweeps, listText(sweeps));
    } else if (sub === 'show') {
      if (!rest[0]) throw new UserError(`mlops sweeps show: name a sweep id (see mlops sweeps)\nusage: ${usage}`);
      let r: SweepRecord;
      try {
        r = readSweepRecord(workspace, rest[0]);
      } catch (e) {
        throw e instanceof SweepRecordError ? new UserError(`mlops sweeps show: ${e.message}`) : e;
      }
      print(r, showText(r));
    } else {
      throw new UserError(`mlops sweeps: unknown subcommand "${sub}"\nusage: ${usage}`);
    }
    return EXIT_OK;
  },
};
