// The reason of a promotion through the CLI in a real temporary repository: kept in aliases.jsonl, the
// commit message, `mlops promote` text and JSON, and the REASON column of `mlops models history`;
// a promotion without one says so instead of leaving a blank.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { cli, makeRun, sandbox } from './helpers';

test('mlops promote --reason records the reason in the history row, the commit and the output', async () => {
  const s = sandbox();
  try {
    makeRun(s.dir, 'run-1');
    makeRun(s.dir, 'run-2', { seed: 3, metrics: { auc: 0.9, loss: 0.3 } });
    for (const id of ['run-1', 'run-2']) assert.equal((await cli(s, 'register', id, '--model', 'churn')).code, 0);

    const text = await cli(s, 'promote', 'churn', 'v1', 'production', '--reason', 'first release, signed off by risk');
    assert.equal(text.code, 0, text.err);
    assert.match(text.out, /^churn: production -> v1 \(new alias\), commit [0-9a-f]{7}, tag churn#production\n {2}reason: first release, signed off by risk\n$/);
    assert.match(s.git('log', '-1', '--format=%B'), /^reason: first release, signed off by risk$/m);

    const json = JSON.parse((await cli(s, 'promote', 'churn', 'v2', 'production', '--format', 'json')).out);
    assert.equal(json.reason, null, 'no --reason: null, the field is still there');
    const again = await cli(s, 'promote', 'churn', 'v1', 'staging');
    assert.match(again.out, /reason: \(none given; pass --reason to record why\)\n$/);

    const lines = readFileSync(join(s.dir, 'models', 'churn', 'aliases.jsonl'), 'utf8').trim().split('\n').map((l) => JSON.parse(l));
    assert.deepEqual(lines.map((e) => [e.alias, e.from, e.version, e.reason]),
      [['production', null, 1, 'first release, signed off by risk'], ['production', 1, 2, null], ['staging', null, 1, null]]);

    const history = await cli(s, 'models', 'history', 'churn');
    const rows = history.out.trim().split('\n');
    assert.match(rows[0]!, /REASON$/);
    assert.match(rows[1]!, /production\s+-\s+v1\s+.*first release, signed off by risk$/);
    assert.match(rows[2]!, /production\s+v1\s+v2\s+.*\s-$/);
    const asJson = JSON.parse((await cli(s, 'models', 'history', 'churn', '--format', 'json')).out);
    assert.deepEqual(asJson.history.map((e: { reason: string | null }) => e.reason), ['first release, signed off by risk', null, null]);
  } finally {
    s.cleanup();
  }
});
