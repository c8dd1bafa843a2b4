// npm run bench [name...]: runs every test/bench/*.bench.ts suite (or those whose file name contains a
// given word) one after another, so suites do not compete for the two cores, and prints one table each.
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { renderTable, type BenchSuite } from './table';

async function main(): Promise<void> {
  const filters = process.argv.slice(2);
  const files = readdirSync(__dirname).filter((f) => f.endsWith('.bench.ts'))
    .filter((f) => filters.length === 0 || filters.some((w) => f.includes(w))).sort();
  let failed = false;
  for (const file of files) {
    const suite = (await import(join(__dirname, file))).default as BenchSuite;
    process.stderr.write(`running ${suite.title}...\n`);
    const rows = await suite.run();
    console.log(`\n${renderTable(suite, rows)}\n`);
    failed ||= rows.some((r) => r.met === false);
  }
  if (failed) console.log('Some targets were not met (rows marked NO).');
}

main().catch((e) => { console.error(e); process.exit(1); });
