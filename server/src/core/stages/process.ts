import { spawn } from 'node:child_process';
import type { Readable } from 'node:stream';

/** How a stage's command ended. */
export interface CommandExit {
  code: number | null;
  signal: NodeJS.Signals | null;
}

/** The shell a stage's `cmd` runs in (pure, so the argument list is testable). */
export function shellArgs(cmd: string): { file: string; args: string[] } {
  return { file: '/bin/sh', args: ['-c', cmd] };
}

/** Time a stage gets to stop after SIGTERM before its whole process group is killed. */
export const KILL_GRACE_MS = 3000;

function lines(stream: Readable, onLine: (line: string) => void): () => void {
  let rest = '';
  stream.setEncoding('utf8');
  stream.on('data', (chunk: string) => {
    const parts = (rest + chunk).split(/\r?\n/);
    rest = parts.pop()!;
    for (const p of parts) onLine(p);
  });
  return () => { if (rest) onLine(rest); rest = ''; };
}

function killGroup(pid: number, signal: NodeJS.Signals): void {
  try {
    process.kill(-pid, signal);
  } catch {
    // ESRCH: the group is already gone.
  }
}

/**
 * Runs a stage's command in `sh -c`, as the leader of its own process group, so that cancelling can
 * stop it and everything it started (pipes, background jobs, a training script's workers) with one
 * signal, and a Ctrl-C meant for the CLI is not delivered to the stage twice. Output comes back one
 * line at a time. Aborting sends SIGTERM to the group, then SIGKILL after the grace time; the promise
 * settles once the shell has exited and the group has been killed.
 */
export function runCommand(cmd: string, cwd: string, onLine: (line: string) => void, signal: AbortSignal, env: NodeJS.ProcessEnv = process.env): Promise<CommandExit> {
  const { file, args } = shellArgs(cmd);
  const child = spawn(file, args, { cwd, env, detached: true, stdio: ['ignore', 'pipe', 'pipe'] });
  const flushOut = lines(child.stdout!, onLine);
  const flushErr = lines(child.stderr!, onLine);
  return new Promise((resolve) => {
    let timer: NodeJS.Timeout | undefined;
    const abort = () => {
      if (child.pid === undefined) return;
      killGroup(child.pid, 'SIGTERM');
      timer = setTimeout(() => killGroup(child.pid!, 'SIGKILL'), KILL_GRACE_MS);
    };
    child.once('error', (e) => { onLine(`cannot start the command: ${e.message}`); finish({ code: 127, signal: null }); });
    child.once('exit', (code, sig) => finish({ code, signal: sig }));
    signal.addEventListener('abort', abort, { once: true });
    if (signal.aborted) abort();
    let done = false;
    function finish(exit: CommandExit) {
      if (done) return;
      done = true;
      signal.removeEventListener('abort', abort);
      if (timer) clearTimeout(timer);
      // Background jobs the command left behind die with their group when the stage was cancelled.
      if (signal.aborted && child.pid !== undefined) killGroup(child.pid, 'SIGKILL');
      // Output still in the pipes arrives before 'close'; a background job holding them open must not stall us.
      const settle = () => { flushOut(); flushErr(); resolve(exit); };
      if (child.stdout!.readableEnded && child.stderr!.readableEnded) settle();
      else { const t = setTimeout(settle, 200); child.once('close', () => { clearTimeout(t); settle(); }); }
    }
  });
}
