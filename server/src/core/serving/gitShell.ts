/**
 * Git commands run through one small shell started beside the server. Starting git from the server
 * itself forks the server's process: its page tables are copied, and every page it writes faults
 * until the child has started git, which stalled requests for tens of milliseconds during a swap
 * under load. The shell is started once, while the server is still small; its own forks cost the
 * server nothing. Where no shell starts (Windows), each command starts git directly.
 */
import { spawn, type ChildProcessByStdio } from 'node:child_process';
import type { Readable, Writable } from 'node:stream';
import { randomBytes } from 'node:crypto';
import { GitExecutor } from '../registry/git';

/** Quotes one argument for a POSIX shell. */
function shellQuote(arg: string): string {
  return `'${arg.replace(/'/g, `'\\''`)}'`;
}

export class GitShell {
  private shell: ChildProcessByStdio<Writable, Readable, null> | undefined;
  private broken = false;
  private queue: Promise<unknown> = Promise.resolve();
  private readonly mark = `__mlops_git_${randomBytes(6).toString('hex')}`;
  private readonly direct: GitExecutor;

  constructor(cwd: string, env: NodeJS.ProcessEnv) {
    this.direct = new GitExecutor(cwd, env);
    try {
      const shell = spawn('sh', [], { cwd, env: { ...env, GIT_TERMINAL_PROMPT: '0' }, stdio: ['pipe', 'pipe', 'ignore'] });
      const broken = () => { this.broken = true; };
      shell.once('error', broken);
      shell.once('exit', broken);
      shell.stdin.on('error', broken);
      // The shell never keeps the process alive: it ends with the server (or when close() ends it).
      shell.unref();
      for (const s of [shell.stdin, shell.stdout] as unknown as Array<{ unref?: () => void }>) s.unref?.();
      this.shell = shell;
    } catch {
      this.broken = true;
    }
  }

  /** git's stdout for `args` (the trailing newline removed); throws when git exits non-zero. */
  ok(args: string[]): Promise<string> {
    const next = this.queue.then(() => (this.shell && !this.broken ? this.viaShell(args) : this.direct.ok(args)));
    this.queue = next.catch(() => undefined);
    return next;
  }

  private viaShell(args: string[]): Promise<string> {
    const shell = this.shell!;
    return new Promise((resolve, reject) => {
      let out = '';
      const onData = (d: Buffer) => {
        out += d.toString('utf8');
        const end = new RegExp(`\\n${this.mark} (\\d+)\\n$`).exec(out);
        if (!end) return;
        done();
        const code = Number(end[1]);
        const stdout = out.slice(0, end.index).replace(/\n$/, '');
        if (code === 0) resolve(stdout); else reject(new Error(`git ${args[0]} exited ${code}`));
      };
      const onExit = () => { done(); this.direct.ok(args).then(resolve, reject); };
      // Waiting for an answer keeps the process alive; an idle shell does not.
      const pipe = shell.stdout as unknown as { ref?: () => void; unref?: () => void };
      const done = () => { shell.stdout.off('data', onData); shell.off('exit', onExit); shell.off('error', onExit); pipe.unref?.(); };
      pipe.ref?.();
      shell.stdout.on('data', onData);
      // A shell that ended, or never started (its error comes a tick after spawn), hands over to git.
      shell.once('exit', onExit);
      shell.once('error', onExit);
      shell.stdin.write(`git ${args.map(shellQuote).join(' ')} 2>/dev/null; printf '\\n%s %d\\n' ${this.mark} $?\n`);
    });
  }

  close(): void {
    this.broken = true;
    this.shell?.kill();
  }
}
