// Entry point of the `mlops` command-line tool (dist/cli.js).
import { EXIT_INTERNAL } from './cliProtocol';
import type { CliIO } from './cli/io';

const argv = process.argv.slice(2);
const io: CliIO = {
  cwd: process.cwd(),
  out: (s) => process.stdout.write(s),
  err: (s) => process.stderr.write(s),
  isTTY: Boolean(process.stdout.isTTY),
  env: process.env,
};

// Modules load on first use (dynamic imports): `mlops status` must answer within a fraction of a
// second on large pipelines, so it loads the pipeline modules only, not DuckDB's native binding and
// the engines every other command brings in.
const run = argv[0] === 'status'
  ? Promise.all([import('./cli/dispatch'), import('./cli/commands/status')]).then(([d, s]) => d.dispatch(argv, io, [s.statusCommand]))
  : import('./cli/main').then((m) => m.runCli(argv, io));

run.then(
  (code) => { process.exitCode = code; },
  (e: unknown) => { process.stderr.write(`mlops: internal error: ${String(e)}\n`); process.exitCode = EXIT_INTERNAL; },
);
