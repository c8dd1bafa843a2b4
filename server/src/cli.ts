// Entry point of the `mlops` command-line tool (dist/cli.js). It holds the command table and dispatch
// only: each command's code is loaded when that command runs (see scripts/build.mjs), so `mlops status`
// answers within a fraction of a second and `mlops --help` loads no engine.
import { writeSync } from 'node:fs';
import { isatty } from 'node:tty';
import { EXIT_INTERNAL } from './cliProtocol';
import type { CliIO } from './cli/io';
import { runCli } from './cli/main';

/**
 * Writes straight to stdout's file descriptor. Creating `process.stdout` loads Node's stream modules
 * (and for a pipe, its net modules): about 2 ms of `mlops status`. Node writes to files, pipes and
 * terminals synchronously on POSIX anyway; whatever a direct write cannot take (a non-blocking pipe
 * that is full, a closed pipe) goes to `process.stdout`, which then behaves as it always did.
 */
function stdoutWriter(): (s: string) => void {
  if (process.platform === 'win32') return (s) => { process.stdout.write(s); };
  let direct = true;
  return (s) => {
    let rest = Buffer.from(s);
    while (direct && rest.length > 0) {
      try {
        rest = rest.subarray(writeSync(1, rest));
      } catch {
        direct = false;
      }
    }
    if (rest.length > 0) process.stdout.write(rest);
  };
}

const argv = process.argv.slice(2);
const io: CliIO = {
  cwd: process.cwd(),
  out: stdoutWriter(),
  err: (s) => process.stderr.write(s),
  isTTY: isatty(1),
  env: process.env,
};

runCli(argv, io).then(
  (code) => { process.exitCode = code; },
  (e: unknown) => { process.stderr.write(`mlops: internal error: ${String(e)}\n`); process.exitCode = EXIT_INTERNAL; },
);
