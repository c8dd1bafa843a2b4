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

export const EXIT_OK = 0;
/** A check failed (diagnostic errors, failed data checks, drift with --fail-on-drift, ...). */
export const EXIT_FAILED = 1;
/** Bad usage or bad input: unknown flag, unreadable file, invalid contract. */
export const EXIT_USAGE = 2;

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
