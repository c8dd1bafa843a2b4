import { EXIT_USAGE } from '../cliProtocol';

/** Where a CLI command writes and what it knows of its surroundings; tests pass their own. */
export interface CliIO {
  cwd: string;
  out(text: string): void;
  err(text: string): void;
  isTTY: boolean;
  env: NodeJS.ProcessEnv;
  /** Set by the CLI when the user presses Ctrl-C; long commands watch it. */
  signal?: AbortSignal;
}

// The exit codes are part of the CLI's contract with the editor: defined once, in cliProtocol.ts.
export { EXIT_CANCELLED, EXIT_FAILED, EXIT_INTERNAL, EXIT_OK, EXIT_USAGE } from '../cliProtocol';

/** An error the user can fix: printed as is, without a stack trace, exit code 2. */
export class UserError extends Error {
  constructor(message: string, readonly exitCode: number = EXIT_USAGE) {
    super(message);
    this.name = 'UserError';
  }
}

/** One `mlops` sub-command. */
export interface CliCommand {
  name: string;
  summary: string;
  usage: string;
  run(args: string[], io: CliIO): Promise<number>;
}

/** A sub-command as help and dispatch know it: what it is called and does, and how to load it. */
export interface CommandEntry extends Omit<CliCommand, 'run'> {
  load(): Promise<CliCommand>;
}
