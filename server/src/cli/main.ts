import { commands } from './commands';
import { dispatch } from './dispatch';
import type { CliIO } from './io';

/** Runs one CLI invocation and returns its exit code. Never throws for user mistakes. */
export function runCli(argv: string[], io: CliIO): Promise<number> {
  return dispatch(argv, io, commands);
}
