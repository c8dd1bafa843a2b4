// Runs every test file under test/ with Node's own test runner. TypeScript is loaded through tsx.
// Usage: node scripts/test.mjs [substring ...]   (only files whose path contains a substring)
// The end-to-end tests (test/e2e: a real code-server driven by Chromium) run last and alone: beside
// other suites on two cores, the workbench's webviews can take longer to load than the tests wait.
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { spawnSync } from 'node:child_process';

function collect(dir) {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const p = join(dir, e.name);
    if (e.isDirectory()) return e.name === 'fixtures' || e.name === 'bench' ? [] : collect(p);
    return e.name.endsWith('.test.ts') ? [p] : [];
  });
}

function run(files, concurrency) {
  if (files.length === 0) return 0;
  const args = ['--import', 'tsx', '--test', `--test-concurrency=${concurrency}`, '--test-reporter=spec', ...files];
  return spawnSync(process.execPath, args, { stdio: 'inherit' }).status ?? 1;
}

const filters = process.argv.slice(2);
const files = collect('test').filter((f) => filters.length === 0 || filters.some((s) => f.includes(s))).sort();
const isE2e = (f) => f.split(/[\\/]/).includes('e2e');
const first = run(files.filter((f) => !isE2e(f)), 2);
const second = run(files.filter(isE2e), 1);
process.exit(first || second);
