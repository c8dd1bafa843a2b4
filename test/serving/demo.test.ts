// The demo's serving step for real on a copy of the example: serves, answers requests, promotes a
// second version while serving without a failed request, and runs monitor; the workspace is untouched.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { serveStep } from '../../server/src/cli/demo/serve';
import type { CliIO } from '../../server/src/cli/io';
import { sandbox } from '../git/helpers';
import { tempExample } from '../helpers/workspace';

test('npm run demo serves the example, promotes v2 while serving with no failed request, and monitors the log', async () => {
  const ws = tempExample();
  const s = sandbox({ init: false });
  try {
    let out = '';
    const io: CliIO = { cwd: ws.dir, env: s.env, isTTY: false, out: (t) => { out += t; }, err: (t) => { out += t; } };
    assert.equal(await serveStep.run(ws.dir, io), true, out);
    assert.match(out, /listening on http:\/\/127\.0\.0\.1:\d+/);
    assert.match(out, /POST \/v2\/models\/churn-classifier\/infer \(3 rows\) -> v1: prediction \[[0-9.e-]+,[0-9.e-]+,[0-9.e-]+\], label \[/);
    assert.match(out, /promoted v2 to production while serving: swapped v1 -> v2 .*answers: v1 \d+, v2 \d+; failed requests: 0/);
    assert.match(out, /mlops monitor --spec mlops.yaml:\n {2}churn-classifier: recommendation (OK|RETRAIN)/);
    assert.match(out, /versions: v1 \d+ requests .*; v2 \d+ requests/);
    assert.match(out, /shadow v2 beside v1/);
    const temp = /Temporary repository: (.+)\n/.exec(out)![1]!;
    assert.equal(existsSync(temp), false, 'the temporary repository is removed');
    assert.equal(existsSync(join(ws.dir, 'models')), false, 'nothing registered in the workspace itself');
    assert.ok(!existsSync(join(ws.dir, '.mlops', 'serving')) || readdirSync(join(ws.dir, '.mlops', 'serving')).length === 0);
  } finally {
    ws.cleanup();
    s.cleanup();
  }
});
