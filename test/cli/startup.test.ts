// What the built CLI loads at start: `mlops --help` only the command table, `mlops status` only its own
// pieces, never DuckDB's native binding, prom-client, TensorFlow or simple-git (nor Ajv or yaml while the
// spec is unchanged). Real processes on a real workspace; a preload (NODE_OPTIONS=--require) records
// every file the process required, and each bundle file is mapped back to the sources in it through its
// source map. Timing is the bench's job.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, dirname, join, relative, resolve } from 'node:path';
import { stringify } from 'yaml';
import { CLI, mlops } from '../helpers/cli';

const DIST = dirname(CLI);
const HEAVY = ['@duckdb', 'prom-client', '@tensorflow', 'simple-git'];
const skip = existsSync(CLI) ? false : 'dist/cli.js is not built (npm run build)';

let traces = 0;

/** Runs the CLI with a preload that writes the files it required; returns them with the run's output. */
function traced(args: string[], cwd: string, scratch: string): { code: number; stdout: string; files: string[] } {
  const preload = join(scratch, 'record-loads.cjs');
  const record = join(scratch, `loads-${++traces}.json`);
  writeFileSync(preload, `process.on('exit', () => require('node:fs').writeFileSync(${JSON.stringify(record)}, JSON.stringify(Object.keys(require.cache))));\n`);
  const r = mlops(args, cwd, { NODE_OPTIONS: `--require ${preload}` });
  const files = (JSON.parse(readFileSync(record, 'utf8')) as string[]).filter((f) => f !== preload);
  return { code: r.code, stdout: r.stdout, files };
}

/** The source files a loaded file holds: itself, or for a bundle file every source its map lists. */
function sourcesOf(file: string): string[] {
  const map = `${file}.map`;
  if (!file.startsWith(DIST) || !existsSync(map)) return [file];
  const { sources } = JSON.parse(readFileSync(map, 'utf8')) as { sources: string[] };
  return sources.map((s) => resolve(dirname(file), s));
}

function heavyIn(files: string[], packages = HEAVY): string[] {
  return files.flatMap(sourcesOf).filter((s) => packages.some((h) => s.includes(`node_modules/${h}/`) || s.includes(`node_modules\\${h}\\`)));
}

/** The CLI's command files among the loaded ones (dist/cli/<command>.js, not the shared chunks). */
function commandFiles(files: string[]): string[] {
  return files.filter((f) => dirname(f) === join(DIST, 'cli') && !basename(f).startsWith('chunk-')).map((f) => relative(DIST, f));
}

function workspace(): string {
  const dir = mkdtempSync(join(tmpdir(), 'mlops-startup-'));
  mkdirSync(join(dir, 'data'));
  writeFileSync(join(dir, 'data', 'a.csv'), 'x,y\n1,2\n');
  writeFileSync(join(dir, 'data', 'b.csv'), 'x,y\n3,4\n');
  writeFileSync(join(dir, 'mlops.yaml'), [
    'apiVersion: mlops/v1', 'kind: Pipeline', 'metadata: { name: startup }', 'data:', '  train: { path: data/a.csv }', 'stages:',
    '  first:', '    cmd: mkdir -p out && cp data/a.csv out/first.csv', '    deps: [data/a.csv]', '    outs: [out/first.csv]',
    '  second:', '    cmd: cat out/first.csv data/b.csv > out/second.csv', '    deps: [out/first.csv, data/b.csv]', '    outs: [out/second.csv]',
    '',
  ].join('\n'));
  return dir;
}

test('mlops --help loads the command table only: no command, no engine', { skip }, () => {
  const scratch = mkdtempSync(join(tmpdir(), 'mlops-startup-trace-'));
  try {
    const r = traced(['--help'], scratch, scratch);
    assert.equal(r.code, 0);
    assert.match(r.stdout, /^ {2}status +Say which pipeline stages are up to date/m);
    assert.deepEqual(commandFiles(r.files), []);
    assert.deepEqual(heavyIn(r.files), []);
    assert.ok(r.files.every((f) => f.startsWith(DIST)), `only the CLI's own files: ${r.files.join(', ')}`);
    const usage = traced(['run', '--help'], scratch, scratch);
    assert.equal(usage.code, 0);
    assert.match(usage.stdout, /^usage: mlops run \[STAGE\.\.\.\]/);
    assert.deepEqual(commandFiles(usage.files), [], 'a command\'s --help does not load the command');
  } finally {
    rmSync(scratch, { recursive: true, force: true });
  }
});

test('mlops status loads its own pieces only: not DuckDB, prom-client, TensorFlow, simple-git or another command', { skip }, () => {
  const dir = workspace();
  try {
    const first = mlops(['run'], dir);
    assert.equal(first.code, 0, first.stderr);
    const r = traced(['status', '--format', 'json'], dir, dir);
    assert.equal(r.code, 0);
    const status = JSON.parse(r.stdout) as { upToDate: boolean; stages: Array<{ name: string; status: string }> };
    assert.equal(status.upToDate, true);
    assert.deepEqual(status.stages.map((s) => [s.name, s.status]), [['first', 'up-to-date'], ['second', 'up-to-date']]);
    assert.deepEqual(commandFiles(r.files), [join('cli', 'status.js')]);
    assert.deepEqual(heavyIn(r.files), []);
    assert.deepEqual(heavyIn(r.files, ['ajv', 'yaml']), [], 'a spec validated before is not parsed or validated again, the lock is JSON');
    const unneeded = r.files.flatMap(sourcesOf).filter((s) => /[\\/]stages[\\/](order\.ts|steps[\\/](?!step\.ts))|[\\/]vscode-languageserver-types[\\/]|pipeline\.schema\.json$/.test(s));
    assert.deepEqual(unneeded, [], 'nor ordered again; a pipeline without uses: needs no step definitions, LSP types or schema');
    // The same command once the spec has changed: validating it must not bring the engines in either.
    writeFileSync(join(dir, 'mlops.yaml'), `${readFileSync(join(dir, 'mlops.yaml'), 'utf8')}# edited\n`);
    const again = traced(['status'], dir, dir);
    assert.equal(again.code, 0);
    assert.match(again.stdout, /^first +up to date$/m);
    assert.deepEqual(heavyIn(again.files), []);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('a lock edited by hand as YAML is still read (the YAML parser loads then); a broken one is exit 2 with its line', { skip }, () => {
  const dir = workspace();
  try {
    assert.equal(mlops(['run'], dir).code, 0);
    const lockFile = join(dir, 'mlops.lock');
    writeFileSync(lockFile, stringify(JSON.parse(readFileSync(lockFile, 'utf8'))));
    const r = traced(['status'], dir, dir);
    assert.equal(r.code, 0);
    assert.match(r.stdout, /^second +up to date$/m);
    assert.notDeepEqual(heavyIn(r.files, ['yaml']), [], 'the hand-edited lock was read as YAML');
    writeFileSync(lockFile, 'schema: mlops-lock/1\nstages: [\n');
    const broken = mlops(['status'], dir);
    assert.equal(broken.code, 2);
    assert.match(broken.stderr, /mlops\.lock:\d+: not a readable lock file .*restore it from git/);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('mlops check loads DuckDB: the trace sees an engine when a command uses one', { skip }, () => {
  const dir = workspace();
  try {
    writeFileSync(join(dir, 'c.odcs.yaml'), [
      'apiVersion: v3.1.0', 'kind: DataContract', 'id: startup', 'version: 1.0.0', 'status: active', 'schema:',
      '  - name: a', '    properties:', '      - { name: x, logicalType: integer }', '      - { name: y, logicalType: integer }', '',
    ].join('\n'));
    const r = traced(['check', '--contract', 'c.odcs.yaml', '--data', 'data/a.csv'], dir, dir);
    assert.equal(r.code, 0, r.stdout);
    assert.deepEqual(commandFiles(r.files), [join('cli', 'check.js')]);
    assert.ok(heavyIn(r.files).some((s) => s.includes('@duckdb')), 'check reads data through DuckDB');
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
