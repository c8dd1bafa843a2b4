// A `sql` rule that never ends (an unbounded recursive CTE, as in issue 13 item 14) is stopped by the
// time limit and reported as a failed rule, and Ctrl-C (SIGINT) interrupts DuckDB and exits 130.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { CLI, mlops } from '../helpers/cli';
import { contractYaml, tempDir, writeIn } from '../unit/contract/helpers';

const ENDLESS = 'WITH RECURSIVE r(n) AS (SELECT 1 UNION ALL SELECT n + 1 FROM r) SELECT count(*) FROM r';

function workspace(): string {
  const dir = tempDir();
  writeIn(dir, 'd.csv', 'a\n1\n2\n');
  writeIn(dir, 'c.odcs.yaml', contractYaml('- name: a\n  logicalType: integer', [
    'quality:',
    '  - type: sql',
    `    query: "${ENDLESS}"`,
    '    mustBe: 1',
    '  - type: sql',
    '    query: SELECT count(*) FROM {object}',
    '    mustBe: 2',
  ].join('\n')));
  return dir;
}

test('check: a sql rule past --sql-timeout fails as "timed out"; the rules after it still run', () => {
  const dir = workspace();
  const r = mlops(['check', '--contract', 'c.odcs.yaml', '--data', 'd.csv', '--sql-timeout', '300ms', '--format', 'json'], dir);
  assert.equal(r.code, 1, r.stderr);
  const json = JSON.parse(r.stdout);
  const [endless, count] = json.checks.filter((c: { rule: string }) => c.rule === 'sql');
  assert.equal(endless.passed, false);
  assert.match(endless.message, /^timed out after 0\.3 s/);
  assert.equal(count.passed, true, 'the connection still answers after the interrupt');
  assert.equal(count.observed, 2);
});

test('check: --sql-timeout takes 500ms, 30s, 2m or a number of seconds; anything else is a usage error', () => {
  const dir = workspace();
  const bad = mlops(['check', '--contract', 'c.odcs.yaml', '--data', 'd.csv', '--sql-timeout', 'soon'], dir);
  assert.equal(bad.code, 2);
  assert.match(bad.stderr, /--sql-timeout must be a duration such as 500ms, 30s or 2m, or 0 for no limit \(got "soon"\)/);
  const seconds = mlops(['check', '--contract', 'c.odcs.yaml', '--data', 'd.csv', '--sql-timeout', '0.2', '--format', 'json'], dir);
  assert.match(JSON.parse(seconds.stdout).checks.find((c: { rule: string }) => c.rule === 'sql').message, /^timed out after 0\.2 s/);
});

test('check: Ctrl-C interrupts a running sql rule and exits 130 (not killed by the signal)', async () => {
  const dir = workspace();
  const child = spawn(process.execPath, [CLI, 'check', '--contract', 'c.odcs.yaml', '--data', 'd.csv', '--sql-timeout', '0'], { cwd: dir, stdio: ['ignore', 'pipe', 'pipe'] });
  let stderr = '';
  const announced = new Promise<void>((resolve) => child.stderr.on('data', (b: Buffer) => { stderr += b.toString(); if (/still running/.test(stderr)) resolve(); }));
  const exited = new Promise<{ code: number | null; signal: string | null }>((resolve) => child.on('exit', (code, signal) => resolve({ code, signal })));
  await announced;
  assert.match(stderr, /sql rule t\.quality\[0\]\.sql is still running after 2 s \(Ctrl-C stops it\)/);
  const sent = Date.now();
  child.kill('SIGINT');
  const { code, signal } = await exited;
  assert.deepEqual({ code, signal }, { code: 130, signal: null });
  assert.match(stderr, /mlops check: cancelled/);
  assert.ok(Date.now() - sent < 10_000, 'the interrupt ends the query promptly');
});
