/**
 * The one place the registry runs git (through simple-git). Argument lists come from gitArgs.ts;
 * this module adds the environment, runs the process and reports the exit code, stdout and stderr.
 */
import { simpleGit, type SimpleGit } from 'simple-git';

export interface GitResult {
  code: number;
  stdout: string;
  stderr: string;
}

export interface GitRunOptions {
  /** Use this index file instead of the repository's own (GIT_INDEX_FILE). */
  indexFile?: string;
}

/** A git command that exited non-zero where success was required. */
export class GitCommandError extends Error {
  constructor(readonly args: string[], readonly result: GitResult) {
    super(`git ${args.join(' ')} failed (exit ${result.code}): ${result.stderr.trim() || result.stdout.trim() || 'no output'}`);
    this.name = 'GitCommandError';
  }

  /** git's own explanation, first line, for messages shown to the user. */
  get reason(): string {
    return (this.result.stderr.trim() || this.result.stdout.trim()).split('\n')[0] ?? '';
  }
}

/** git could not be started at all (not installed, or the folder vanished). */
export class GitUnavailableError extends Error {
  constructor(detail: string) {
    // simple-git appends the spawn stack to its message; the user needs only the first line.
    super(`git could not be run (${detail.split('\n')[0]!.replace(/^Error: /, '')}). Install git (https://git-scm.com) and make sure it is on PATH.`);
    this.name = 'GitUnavailableError';
  }
}

// Variables that could make git wait for a person (editor, pager, password prompt) or start other
// programs; the registry never needs them. What defines the user's configuration stays.
const INTERACTIVE_VARS = ['EDITOR', 'VISUAL', 'GIT_EDITOR', 'GIT_SEQUENCE_EDITOR', 'PAGER', 'GIT_PAGER', 'GIT_ASKPASS',
  'SSH_ASKPASS', 'GIT_SSH', 'GIT_SSH_COMMAND', 'GIT_PROXY_COMMAND', 'GIT_EXTERNAL_DIFF'];

/** Runs git in one folder with the caller's environment (the CLI passes its own, tests theirs). */
export class GitExecutor {
  constructor(readonly cwd: string, private readonly env: NodeJS.ProcessEnv = process.env) {}

  /** The same executor in another folder. */
  at(cwd: string): GitExecutor {
    return new GitExecutor(cwd, this.env);
  }

  /** Runs git; a non-zero exit is returned, not thrown. Throws GitUnavailableError if git cannot start. */
  async run(args: string[], options: GitRunOptions = {}): Promise<GitResult> {
    let exit: { code: number; stderr: string } | undefined;
    let git: SimpleGit;
    try {
      git = simpleGit({
        baseDir: this.cwd,
        maxConcurrentProcesses: 1,
        trimmed: false,
        // The env below is the user's own; these flags only let simple-git pass it through unchanged.
        unsafe: { allowUnsafeConfigPaths: true, allowUnsafeConfigEnvCount: true, allowUnsafeTemplateDir: true },
        errors: (error, result) => {
          if (typeof result.exitCode === 'number' && result.exitCode >= 0) {
            exit = { code: result.exitCode, stderr: Buffer.concat(result.stdErr).toString('utf8') };
            return undefined;
          }
          return error;
        },
      }).env(this.environment(options));
    } catch (e) {
      throw new GitUnavailableError((e as Error).message);
    }
    try {
      const stdout = await git.raw(args);
      return { code: exit?.code ?? 0, stdout, stderr: exit?.stderr ?? '' };
    } catch (e) {
      throw new GitUnavailableError((e as Error).message);
    }
  }

  /** Runs git and returns stdout without the trailing newline; throws GitCommandError on a non-zero exit. */
  async ok(args: string[], options: GitRunOptions = {}): Promise<string> {
    const result = await this.run(args, options);
    if (result.code !== 0) throw new GitCommandError(args, result);
    return result.stdout.replace(/\n$/, '');
  }

  /** Runs git and returns trimmed stdout, or null when it exits non-zero (e.g. "ref not found"). */
  async maybe(args: string[], options: GitRunOptions = {}): Promise<string | null> {
    const result = await this.run(args, options);
    return result.code === 0 ? result.stdout.trim() : null;
  }

  private environment(options: GitRunOptions): Record<string, string> {
    const env: Record<string, string> = {};
    for (const [k, v] of Object.entries(this.env)) {
      if (v !== undefined && !INTERACTIVE_VARS.includes(k)) env[k] = v;
    }
    env.GIT_TERMINAL_PROMPT = '0';
    if (options.indexFile) env.GIT_INDEX_FILE = options.indexFile;
    return env;
  }
}
