// Issue 11: the MLOps output channel dumped the full JSON of every check and drift (5,000 lines in one
// sitting). Through the real CLI process: a JSON document goes to trace only, events to the handler,
// and readable lines (stderr, text output) to the log.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { startCli } from '../../client/src/jobs/cliProcess';
import { CLI } from '../helpers/cli';
import { tempExample } from '../helpers/workspace';

async function run(args: string[], cwd: string, withEvents = false) {
  const log: string[] = [];
  const trace: string[] = [];
  const events: Array<Record<string, unknown>> = [];
  const proc = startCli({ cliPath: CLI, nodePath: '', args, cwd, onLog: (l) => log.push(l), onTrace: (l) => trace.push(l),
    ...(withEvents ? { onEvent: (e: Record<string, unknown>) => events.push(e) } : {}) });
  const r = await proc.result;
  return { ...r, log, trace, events };
}

test('a --format json document goes to trace only; its failures stay readable on stderr', async () => {
  const ws = tempExample();
  try {
    const path = join(ws.dir, 'contracts/customers.odcs.yaml');
    writeFileSync(path, readFileSync(path, 'utf8').replace('mustBeGreaterThan: 1000', 'mustBeGreaterThan: 1000000'));
    const r = await run(['check', '--contract', 'contracts/customers.odcs.yaml', '--data', 'data/current.csv', '--format', 'json'], ws.dir);
    assert.equal(r.code, 1, r.stderr);
    const lines = r.stdout.trim().split('\n');
    assert.ok(lines.length > 50, 'the report is a long document');
    assert.deepEqual(r.trace, lines.map((l) => l.trim()).filter(Boolean), 'every line of it is traced');
    assert.ok(r.log.every((l) => !l.startsWith('{') && !l.startsWith('"')), `no JSON in the readable log: ${r.log.slice(0, 3).join(' | ')}`);

    const drift = await run(['drift', '--spec', 'mlops.yaml', '--format', 'json'], ws.dir);
    assert.ok(drift.trace.length > 20 && drift.log.every((l) => !l.startsWith('{') && !l.startsWith('"')), drift.stderr);
  } finally { ws.cleanup(); }
});

test('text output is readable log lines; --events lines are events, not log lines', async () => {
  const ws = tempExample();
  try {
    const text = await run(['check', '--contract', 'contracts/customers.odcs.yaml', '--data', 'data/train.csv'], ws.dir);
    assert.equal(text.code, 0, text.stderr);
    assert.deepEqual(text.trace, []);
    assert.ok(text.log.some((l) => /^5,000 rows, \d+ checks/.test(l)), text.log.join('\n'));
    const train = await run(['train', 'mlops.yaml', '--events', '--set', 'training.epochs=1'], ws.dir, true);
    assert.equal(train.code, 0, train.stderr);
    assert.ok(train.events.some((e) => e.type === 'started') && train.events.some((e) => e.type === 'result'));
    assert.deepEqual(train.trace, []);
    assert.ok(train.log.every((l) => !l.startsWith('{')), train.log.join('\n'));
  } finally { ws.cleanup(); }
});
