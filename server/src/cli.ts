// Entry point of the `mlops` command-line tool (dist/cli.js).
import { EXIT_INTERNAL } from './cliProtocol';
import { runCli } from './cli/main';

runCli(process.argv.slice(2), {
  cwd: process.cwd(),
  out: (s) => process.stdout.write(s),
  err: (s) => process.stderr.write(s),
  isTTY: Boolean(process.stdout.isTTY),
  env: process.env,
}).then(
  (code) => { process.exitCode = code; },
  (e: unknown) => { process.stderr.write(`mlops: internal error: ${String(e)}\n`); process.exitCode = EXIT_INTERNAL; },
);
