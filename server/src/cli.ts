// Entry point of the `mlops` command-line tool (dist/cli.js). It holds the command table and dispatch
// only: each command's code is loaded when that command runs (see scripts/build.mjs), so `mlops status`
// answers within a fraction of a second and `mlops --help` loads no engine.
import { EXIT_INTERNAL } from './cliProtocol';
import type { CliIO } from './cli/io';
import { runCli } from './cli/main';

const argv = process.argv.slice(2);
const io: CliIO = {
  cwd: process.cwd(),
  out: (s) => process.stdout.write(s),
  err: (s) => process.stderr.write(s),
  isTTY: Boolean(process.stdout.isTTY),
  env: process.env,
};

runCli(argv, io).then(
  (code) => { process.exitCode = code; },
  (e: unknown) => { process.stderr.write(`mlops: internal error: ${String(e)}\n`); process.exitCode = EXIT_INTERNAL; },
);
