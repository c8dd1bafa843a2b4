import { formatOption, parseCommandArgs, workspaceOption } from '../args';
import { EXIT_OK, UserError, type CliCommand } from '../io';
import { diffRuns, type RunDifference } from '../../core/tracking/diff';
import { headlineMetrics } from '../../core/tracking/headline';
import { listRuns, readEpochs, readRun, resolveRunId } from '../../core/tracking/store';
import type { RunRecord, RunSummary } from '../../core/tracking/types';
import { about } from './about';

const { usage } = about.runs;

/** Resolves an id or a unique prefix; an unknown id is a UserError. */
export function findRun(workspace: string, id: string | undefined, command: string): RunRecord {
  if (!id) throw new UserError(`mlops ${command}: name a run id (mlops runs lists them)`);
  try {
    return readRun(workspace, resolveRunId(workspace, id));
  } catch (e) {
    throw new UserError(`mlops ${command}: ${(e as Error).message}`);
  }
}

function table(runs: RunSummary[]): string {
  if (runs.length === 0) return 'no runs yet (mlops train <spec> records one)\n';
  const keys = headlineMetrics(runs.map((r) => r.metrics));
  const rows = runs.map((r) => [r.id, r.status, r.startedAt.replace('T', ' ').slice(0, 19), r.backend,
    ...keys.map((k) => (Number.isFinite(r.metrics[k]) ? r.metrics[k]!.toFixed(4) : '-')), r.gatesPassed === null ? '-' : r.gatesPassed ? 'pass' : 'FAIL', r.sweepId ? `${r.sweepId}#${r.trial}` : '']);
  const head = ['ID', 'STATUS', 'STARTED (UTC)', 'BACKEND', ...keys, 'GATES', 'SWEEP'];
  const widths = head.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i]!.length)));
  const why = runs.filter((r) => r.status === 'unreadable').map((r) => `${r.id}: ${r.error ?? 'run.json cannot be read'}`);
  return [head, ...rows].map((r) => r.map((c, i) => c.padEnd(widths[i]!)).join('  ').trimEnd()).join('\n') + '\n'
    + (why.length > 0 ? `\n${why.join('\n')}\n` : '');
}

function show(r: RunRecord, epochs: number): string {
  const lines = [
    `run ${r.id}  ${r.status}${r.error ? `: ${r.error}` : ''}`,
    `  spec      ${r.specPath} (sha256 ${r.specHash.slice(0, 12)})`,
    `  backend   ${r.backendDetail ?? r.backend}, seed ${r.seed}`,
    `  started   ${r.startedAt}${r.endedAt ? `, ended ${r.endedAt}` : ''}`,
    ...Object.entries(r.data).map(([role, f]) => `  data      ${role}: ${f.path} (${f.rows} rows, sha256 ${f.sha256.slice(0, 12)})`),
    ...(r.contract ? [`  contract  ${r.contract.path} v${r.contract.version ?? '?'}`] : []),
    ...(r.git ? [`  git       ${r.git.commit ?? '(no commit)'}${r.git.dirty ? ' (dirty)' : ''}`] : []),
    ...(r.sweepId ? [`  sweep     ${r.sweepId}, trial ${r.trial}`] : []),
    `  epochs    ${epochs} recorded${r.bestEpoch ? `, best ${r.bestEpoch}` : ''}`,
    ...Object.entries(r.metrics).sort().map(([k, v]) => `  metric    ${k.padEnd(14)} ${v.toFixed(4)}`),
    ...r.gates.map((g) => `  gate      ${g.metric} ${g.condition}: ${g.value ?? 'no value'} ${g.passed ? 'passed' : 'FAILED'}`),
    ...(r.modelDir ? [`  model     ${r.modelDir}/`] : []),
  ];
  return `${lines.join('\n')}\n`;
}

function fmt(v: unknown): string {
  if (v === undefined) return '(none)';
  return typeof v === 'number' && !Number.isInteger(v) ? String(Number(v.toPrecision(6))) : JSON.stringify(v);
}

function diffText(a: string, b: string, diffs: RunDifference[]): string {
  if (diffs.length === 0) return `runs ${a} and ${b}: no differences in params, metrics, data or run facts\n`;
  const lines = [`runs ${a} -> ${b}: ${diffs.length} difference(s)`];
  for (const section of ['params', 'metrics', 'data', 'run'] as const) {
    const part = diffs.filter((d) => d.section === section);
    if (part.length === 0) continue;
    lines.push(`${section}:`);
    const width = Math.max(...part.map((d) => d.key.length));
    for (const d of part) {
      const delta = typeof d.a === 'number' && typeof d.b === 'number' && section === 'metrics' ? `  (${d.b - d.a >= 0 ? '+' : ''}${(d.b - d.a).toFixed(4)})` : '';
      lines.push(`  ${d.key.padEnd(width)}  ${fmt(d.a)} -> ${fmt(d.b)}${delta}`);
    }
  }
  return `${lines.join('\n')}\n`;
}

export const runsCommand: CliCommand = {
  ...about.runs,
  async run(args, io) {
    const { values, positionals } = parseCommandArgs('runs', usage, args, { workspace: { type: 'string' }, format: { type: 'string' }, sweep: { type: 'string' } });
    const format = formatOption('runs', values.format, ['text', 'json'] as const, 'text');
    const workspace = workspaceOption(io, values.workspace);
    const [sub = 'list', ...rest] = positionals;
    const print = (json: unknown, text: string) => io.out(format === 'json' ? `${JSON.stringify(json, null, 2)}\n` : text);
    if (sub === 'list') {
      const runs = listRuns(workspace).filter((r) => !values.sweep || r.sweepId === values.sweep);
      print(runs, table(runs));
    } else if (sub === 'show') {
      const r = findRun(workspace, rest[0], 'runs show');
      const epochs = readEpochs(workspace, r.id);
      print({ ...r, epochs }, show(r, epochs.length));
    } else if (sub === 'diff') {
      if (rest.length !== 2) throw new UserError(`mlops runs diff: name two run ids\nusage: ${usage}`);
      const [a, b] = [findRun(workspace, rest[0], 'runs diff'), findRun(workspace, rest[1], 'runs diff')];
      const diffs = diffRuns(a, b);
      print({ a: a.id, b: b.id, differences: diffs.map((d) => ({ ...d, a: d.a ?? null, b: d.b ?? null })) }, diffText(a.id, b.id, diffs));
    } else {
      throw new UserError(`mlops runs: unknown subcommand "${sub}"\nusage: ${usage}`);
    }
    return EXIT_OK;
  },
};
