/**
 * Regenerates the recorded host messages in test/webviews/recorded/ from real engine output, so the
 * webview tests run on what the extension really sends. Copies examples/churn to a temp folder, runs
 * the built CLI there (two trainings, one on broken data that fails, a two-trial sweep, drift) and
 * converts the records (as the language server lists them) with the client's own converters; the raw `--events` streams are kept too. Not a test; run it after engine changes:
 *   npm run build && node --import tsx test/webviews/record.ts
 */
import { spawnSync } from 'node:child_process';
import { cpSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { toEpochPoint, toRunRow } from '../../client/src/experiments/rows';
import { listRunRecords, readEpochs } from '../../server/src/core/tracking/store';
import type { DriftToView, ExperimentsToView } from '../../webviews/src/protocol';

const ROOT = resolve(__dirname, '../..');
const OUT = join(__dirname, 'recorded');
const ws = join(mkdtempSync(join(tmpdir(), 'mlops-record-')), 'churn');
cpSync(join(ROOT, 'examples', 'churn'), ws, { recursive: true, filter: (p) => !p.includes('.mlops') });

/** Runs the CLI; `expected` lists the exit codes this call may end with. */
function cli(expected: number[], ...args: string[]): string {
  const r = spawnSync(process.execPath, [join(ROOT, 'dist', 'cli.js'), ...args], { cwd: ws, encoding: 'utf8' });
  if (!expected.includes(r.status ?? -1)) throw new Error(`mlops ${args.join(' ')} exited ${r.status}: ${r.stderr}`);
  return r.stdout;
}

// Broken data: three non-numeric support_calls values, so that training fails with a data error.
const lines = readFileSync(join(ws, 'data', 'train.csv'), 'utf8').split('\n');
const col = lines[0]!.split(',').indexOf('support_calls');
for (const i of [5, 17, 40]) lines[i] = lines[i]!.split(',').map((v, j) => (j === col ? 'many' : v)).join(',');
writeFileSync(join(ws, 'data', 'broken.csv'), lines.join('\n'));

writeFileSync(join(OUT, 'train-events.ndjson'), cli([0], 'train', 'mlops.yaml', '--events'));
cli([0], 'train', 'mlops.yaml', '--set', 'training.learningRate=0.01', '--set', 'model.layers[0].units=64', '--format', 'json');
cli([1, 2], 'train', 'mlops.yaml', '--set', 'data.train.path=data/broken.csv', '--format', 'json');
writeFileSync(join(OUT, 'sweep-events.ndjson'), cli([0], 'sweep', 'mlops.yaml', '--set', 'sweep.trials=2', '--events'));

const records = listRunRecords(ws);
const runs: ExperimentsToView = { type: 'runs', workspaceName: 'churn', runs: records.map((r) => toRunRow(r, false)) };
const withEpochs = records.filter((r) => r.status === 'completed' && !r.sweepId);
const epochs: ExperimentsToView = { type: 'epochs', series: withEpochs.map((r) => ({
  runId: r.id, epochs: readEpochs(ws, r.id).map(toEpochPoint).filter((p) => p !== null),
})) };
const drift: DriftToView = { type: 'report', report: JSON.parse(cli([0], 'drift', '--spec', 'mlops.yaml', '--format', 'json')),
  specPath: 'mlops.yaml', generatedAt: new Date().toISOString() };

const write = (name: string, value: unknown) => writeFileSync(join(OUT, `${name}.json`), `${JSON.stringify(value, null, 2)}\n`);
write('experiments-runs', runs);
write('experiments-epochs', epochs);
write('drift-report', drift);
console.log(`recorded ${records.length} runs and a drift report of ${drift.type === 'report' ? drift.report.features.length : 0} features from ${ws}`);
