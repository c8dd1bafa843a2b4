/**
 * Runs the bundled `mlops` CLI (dist/cli.js) in a child process: long work stays off the extension host,
 * cancelling sends SIGINT (the CLI marks the run cancelled and exits 130). Stdout lines that are JSON
 * objects are events (`--events`); everything else goes to the log.
 */
import { spawn } from 'node:child_process';
import { EXIT_CANCELLED } from '../../../server/src/cliProtocol';

export interface CliInvocation {
  /** Absolute path of dist/cli.js. */
  cliPath: string;
  /** Node.js binary; the extension host's runtime when empty. */
  nodePath: string;
  args: string[];
  cwd: string;
  onEvent?(event: Record<string, unknown>): void;
  onLog?(line: string): void;
  /** The lines of a JSON document printed on stdout (`--format json`): for a trace log, not the readable one. */
  onTrace?(line: string): void;
}

export interface CliResult {
  code: number;
  stdout: string;
  stderr: string;
  cancelled: boolean;
}

export interface CliProcess {
  readonly result: Promise<CliResult>;
  cancel(): void;
}

/** Starts the CLI. The promise never rejects: a spawn failure resolves with code -1 and the reason. */
export function startCli(inv: CliInvocation): CliProcess {
  const env: NodeJS.ProcessEnv = { ...process.env, FORCE_COLOR: '0', NO_COLOR: '1' };
  // Inside desktop VS Code the host runtime is Electron; this makes it behave as plain Node.
  if (!inv.nodePath && process.versions.electron) env.ELECTRON_RUN_AS_NODE = '1';
  const child = spawn(inv.nodePath || process.execPath, [inv.cliPath, ...inv.args], { cwd: inv.cwd, env, stdio: ['ignore', 'pipe', 'pipe'] });
  let stdout = '';
  let stderr = '';
  let pending = '';
  let cancelled = false;
  const stdoutLines = new StdoutLines(inv);
  child.stdout.setEncoding('utf8').on('data', (chunk: string) => {
    stdout += chunk;
    pending += chunk;
    const lines = pending.split('\n');
    pending = lines.pop() ?? '';
    for (const line of lines) stdoutLines.handle(line);
  });
  child.stderr.setEncoding('utf8').on('data', (chunk: string) => {
    stderr += chunk;
    for (const line of chunk.split('\n')) if (line.trim()) inv.onLog?.(line);
  });
  const result = new Promise<CliResult>((resolve) => {
    child.on('error', (e) => resolve({ code: -1, stdout, stderr: `${stderr}${e.message}\n`, cancelled }));
    child.on('close', (code, signal) => {
      if (pending) stdoutLines.handle(pending);
      resolve({ code: code ?? (signal === 'SIGINT' ? EXIT_CANCELLED : 1), stdout, stderr, cancelled });
    });
  });
  return {
    result,
    cancel() {
      if (child.exitCode !== null || cancelled) return;
      cancelled = true;
      child.kill('SIGINT');
    },
  };
}

/**
 * Sorts stdout lines: events (one JSON object a line, with onEvent) go to onEvent; a JSON document
 * (a command run with `--format json`, whose first line opens an object or array) goes to onTrace
 * line by line; anything else is a readable log line.
 */
export class StdoutLines {
  private document: boolean | undefined;

  constructor(private readonly inv: Pick<CliInvocation, 'onEvent' | 'onLog' | 'onTrace'>) {}

  handle(line: string): void {
    const text = line.trim();
    if (!text) return;
    const inv = this.inv;
    if (text.startsWith('{') && inv.onEvent) {
      try {
        const event: unknown = JSON.parse(text);
        if (typeof event === 'object' && event !== null) return inv.onEvent(event as Record<string, unknown>);
      } catch {
        // not an event: log it
      }
    }
    this.document ??= !inv.onEvent && (text.startsWith('{') || text.startsWith('['));
    if (this.document) inv.onTrace?.(text);
    else inv.onLog?.(text);
  }
}

/** Parses the JSON document a `--format json` command printed; null when stdout is not JSON. */
export function parseJsonOutput<T>(stdout: string): T | null {
  const text = stdout.trim();
  if (!text) return null;
  try {
    return JSON.parse(text) as T;
  } catch {
    // Commands that also print events end with the result object on the last line.
    const last = text.split('\n').at(-1) ?? '';
    try {
      return JSON.parse(last) as T;
    } catch {
      return null;
    }
  }
}

/**
 * The first meaningful line of stderr, for an error message (the CLI prints no stack traces). A line
 * that ends with a colon introduces a list: its first item is joined on, so a toast never ends at ":".
 */
export function firstErrorLine(stderr: string): string {
  const lines = stderr.split('\n').map((l) => l.trim()).filter(Boolean);
  const first = lines[0];
  if (first === undefined) return 'no output';
  if (!first.endsWith(':') || lines.length < 2) return first.replace(/:$/, '');
  return `${first} ${lines[1]}${lines.length > 2 ? ' (and more)' : ''}`;
}
