import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { CLI } from '../helpers/cli';
import { devices, exampleSpec, generatedCases, hostileCases } from '../helpers/hostile';
import { tempExample } from '../helpers/workspace';

/**
 * `mlops validate` over the hostile documents of issue 13 and seeded generated ones: an answer within
 * the time limit, exit 0, 1 or 2 (never 70), every file named with its diagnostics, no stack trace.
 */
const TIME_LIMIT_MS = 60_000;
const STACK = /\n\s+at |Maximum call stack|TypeError|RangeError|unexpected error/;

function validate(args: string[], cwd: string) {
  const r = spawnSync(process.execPath, [CLI, 'validate', ...args], { cwd, encoding: 'utf8', timeout: TIME_LIMIT_MS, maxBuffer: 256 * 1024 * 1024 });
  assert.equal(r.signal, null, `mlops validate ${args.join(' ')} did not answer within ${TIME_LIMIT_MS} ms`);
  assert.ok([0, 1, 2].includes(r.status!), `exit ${r.status}: ${r.stderr}`);
  assert.doesNotMatch(r.stderr, STACK);
  return { code: r.status!, stdout: r.stdout, stderr: r.stderr };
}

describe('mlops validate on hostile files', { concurrency: false }, () => {
  let ws: { dir: string; cleanup: () => void };
  let fifo = false;
  before(() => { ws = tempExample(); fifo = devices(ws.dir).fifo; });
  after(() => ws.cleanup());

  test('every document of issue 13 and 24 generated ones: exit 1, each file with the right diagnostics', () => {
    const cases = [...hostileCases(exampleSpec(ws.dir)), ...generatedCases(exampleSpec(ws.dir), 13, 24)]
      .filter((c) => fifo || c.file !== 'fifo.mlops.yaml');
    for (const c of cases) writeFileSync(join(ws.dir, c.file), c.text);
    const r = validate([...cases.map((c) => c.file), '--format', 'json'], ws.dir);
    assert.equal(r.code, 1, r.stderr);
    const json = JSON.parse(r.stdout) as { files: Array<{ path: string; diagnostics: Array<{ code: string; message: string; range: { start: { line: number; character: number } } }> }> };
    for (const c of cases) {
      const file = json.files.find((f) => f.path === c.file);
      assert.ok(file, `${c.file} is in the report`);
      assert.equal(file.diagnostics.find((d) => d.code === 'validation-failed')?.message, undefined, `${c.name}: validation crashed`);
      for (const d of file.diagnostics) assert.doesNotMatch(d.message, STACK, c.name);
      assert.equal(c.check(file.diagnostics), undefined, c.name);
    }
    const text = validate(['nested.mlops.yaml', 'bomb.mlops.yaml'], ws.dir);
    for (const line of text.stdout.trim().split('\n')) assert.match(line, /^(nested|bomb)\.mlops\.yaml:\d+:\d+: /, 'each line names its file');
  });

  test('a device, a symlink to one and a FIFO given as files: exit 2 naming the path and what it is', (t) => {
    const named = [['/dev/zero', /\/dev\/zero is a device, not a file/], ['contracts/zero.odcs.yaml', /contracts\/zero\.odcs\.yaml is a device/]] as Array<[string, RegExp]>;
    if (fifo) named.push(['contracts/pipe.odcs.yaml', /contracts\/pipe\.odcs\.yaml is a named pipe \(FIFO\)/]);
    else t.diagnostic('mkfifo is missing: the FIFO case is skipped');
    for (const [path, message] of named) {
      const r = validate([path], ws.dir);
      assert.equal(r.code, 2, `${path}: ${r.stderr}`);
      assert.match(r.stderr, message);
    }
  });
});
